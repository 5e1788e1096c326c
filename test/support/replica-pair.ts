import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const scripts = path.join(__dirname, '..', '..', '..', 'scripts');

/** A throwaway primary and streaming standby on loopback ports (scripts/replica-up). */
export interface ReplicaPair {
  readonly primaryPort: number;
  readonly standbyPort: number;
  readonly dir: string;
  /** Stops the standby at once (a replica that dies mid-run). */
  stopStandby(): Promise<void>;
  startStandby(): Promise<void>;
  down(): Promise<void>;
}

const asPg = (args: string[]) => (process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', ...args]] as const : [args[0], args.slice(1)] as const);

async function pgCtl(dir: string, ...args: string[]): Promise<void> {
  const bin = (await run('bash', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1'])).stdout.trim();
  const [cmd, rest] = asPg([path.join(process.env.PG_BIN ?? bin, 'pg_ctl'), '-D', dir, ...args]);
  await run(cmd, [...rest]);
}

/** Starts the pair, or returns why it cannot (no initdb/pg_basebackup on this machine). */
export async function replicaPair(): Promise<ReplicaPair | { skip: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'inscribe-repl-'));
  let out: string;
  try {
    out = (await run(path.join(scripts, 'replica-up'), [dir], { timeout: 120_000 })).stdout;
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    if (e.code === 3) return { skip: String(e.stdout).trim() };
    await run(path.join(scripts, 'replica-down'), [dir]).catch(() => undefined);
    throw new Error(`scripts/replica-up failed: ${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
  const m = /PRIMARY_PORT=(\d+) STANDBY_PORT=(\d+)/.exec(out);
  if (!m) throw new Error(`scripts/replica-up printed no ports: ${out}`);
  return {
    primaryPort: Number(m[1]),
    standbyPort: Number(m[2]),
    dir,
    stopStandby: () => pgCtl(path.join(dir, 'standby'), '-m', 'immediate', '-w', 'stop'),
    startStandby: () => pgCtl(path.join(dir, 'standby'), '-l', path.join(dir, 'standby.log'), '-w', 'start'),
    down: async () => {
      await run(path.join(scripts, 'replica-down'), [dir]);
    },
  };
}
