import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A PostgreSQL cluster of our own under /tmp, on a free loopback port, with password
 * (SCRAM) authentication: for faults the shared trust-auth server cannot show (a wrong
 * password). Started with initdb/pg_ctl (as the postgres user when we are root, since
 * initdb refuses root) and stopped, files removed, by `stop()`.
 */
export class ThrowawayCluster {
  readonly dir = mkdtempSync(join(tmpdir(), 'inscribe-cluster-'));
  port = 0;

  constructor(readonly password: string) {}

  /** False when initdb/pg_ctl cannot be run here (the caller skips). */
  static available(): boolean {
    try {
      execFileSync('initdb', ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  }

  async start(): Promise<void> {
    this.port = await freePort();
    const asRoot = process.getuid?.() === 0;
    if (asRoot) chownSync(this.dir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()), Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()));
    const pwfile = join(this.dir, 'pw');
    writeFileSync(pwfile, this.password, { mode: 0o644 });
    this.run('initdb', ['-D', join(this.dir, 'data'), '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${pwfile}`, '-E', 'UTF8', '--no-sync']);
    rmSync(pwfile);
    this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-o', `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`, '-l', join(this.dir, 'log'), '-w', 'start']);
  }

  stop(): void {
    try {
      this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }

  private run(command: string, args: string[]): void {
    const asRoot = process.getuid?.() === 0;
    if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'ignore' });
    else execFileSync(command, args, { stdio: 'ignore' });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}
