/**
 * The streaming workloads: every row of a large result, one batch in memory at a time.
 *
 * - find-each-100k: `users` in id order through each entry's streaming API (Inscribe's
 *   findEach, raw pg-cursor), or its best idiomatic equivalent (keyset pages), in process.
 * - stream-2m: the same over 2,000,000 rows (a schema of its own, seeded on first use, not
 *   timed), each measurement in a fresh child process (stream-child.ts) so its peak RSS
 *   growth belongs to that entry alone: in one process, the heap one entry grew would hide
 *   the next one's growth. Reported twice: µs/row (stream-2m) and MB (stream-2m-rss).
 *
 * Every row is checked as it arrives (ids in order, none missing, sampled rows in full).
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import type { BenchRow, Entry } from './entry';
import { createSchema, dropSchema, expectedUser } from './schema';
import type { Env, Workload } from './workloads';
import { CheckError, NotOffered } from './workloads';

const NOT_OFFERED = 'no streaming API and no keyset-page equivalent written for it';

/**
 * A checker for one streamed run of `rows` rows: `each` must see ids 1…rows in order (a
 * sample of rows in full); `finish` checks that none is missing. One closure per run.
 */
export function rowChecker(rows: number): { each: (row: BenchRow) => void; finish: () => void; seen: () => number } {
  let last = 0;
  const each = (row: BenchRow): void => {
    if (row.id !== last + 1) throw new CheckError(`stream: row ${last + 1} expected, got id ${String(row?.id)}`);
    last = row.id;
    if (last % 9973 === 0 || last === 1) fullRowCheck(row);
  };
  return { each, finish: () => { if (last !== rows) throw new CheckError(`stream: ${last} rows seen, expected ${rows}`); }, seen: () => last };
}

function fullRowCheck(r: BenchRow): void {
  const e = expectedUser(r.id);
  for (const k of ['name', 'email', 'age', 'score', 'active'] as const) if (r[k] !== e[k]) throw new CheckError(`stream: user ${r.id}: ${k} is ${String(r[k])}, expected ${String(e[k])}`);
  for (const k of ['createdAt', 'updatedAt'] as const) {
    const v = r[k] as unknown;
    if (!(v instanceof Date) || v.getTime() !== e[k].getTime()) throw new CheckError(`stream: user ${r.id}: ${k} is ${String(v)}, expected the Date ${e[k].toISOString()}`);
  }
}

export const findEach: Workload = {
  id: 'find-each-100k', unit: 'µs/row',
  describe: (s) => `every row of users in id order through findEach (or the entry's equivalent), ${s.streamBatch.toLocaleString('en-US')} rows per round trip; rows/s = 10⁶ ÷ µs/row`,
  size: (s) => Math.min(s.findEach, s.users), warmupSize: (s) => Math.max(1, Math.ceil(Math.min(s.findEach, s.users) / 4)),
  async measure(entry: Entry, env: Env, size: number) {
    if (entry.stream === undefined) throw new NotOffered(NOT_OFFERED);
    const check = rowChecker(size);
    const t0 = performance.now();
    await entry.stream(env.sizes.streamBatch, size, check.each);
    const elapsed = performance.now() - t0;
    check.finish();
    return (elapsed * 1000) / size;
  },
};

/** The schema stream-2m reads, seeded once per run (not timed) and dropped when the run ends. */
function streamSchema(env: Env): Promise<string> {
  const key = 'stream-2m schema';
  let ready = env.raw.get(key) as Promise<string> | undefined;
  if (ready === undefined) {
    const schema = `${env.schema}_stream`;
    ready = (async () => {
      const started = Date.now();
      env.cleanups.push(() => dropSchema(env.admin, schema));
      await createSchema(env.admin, schema, env.sizes.stream);
      process.stdout.write(`  (seeded ${env.sizes.stream.toLocaleString('en-US')} rows in "${schema}" in ${((Date.now() - started) / 1000).toFixed(1)} s, not timed)\n`);
      return schema;
    })();
    env.raw.set(key, ready);
  }
  return ready;
}

/** What stream-child.js prints on its last line. */
export interface ChildResult {
  notOffered?: string;
  usPerRow?: number;
  rssGrowthMB?: number;
}

function runChild(args: string[]): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', path.join(__dirname, 'stream-child.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) reject(new Error(`stream child exited with ${code}: ${(err.trim().split('\n')[0] || last).slice(0, 300)}`));
      else {
        try {
          resolve(JSON.parse(last) as ChildResult);
        } catch {
          reject(new Error(`stream child printed no result: ${last.slice(0, 200)}`));
        }
      }
    });
  });
}

export const stream2m: Workload = {
  id: 'stream-2m', unit: 'µs/row',
  also: { id: 'stream-2m-rss', unit: 'MB' },
  describe: (s) => `${s.stream.toLocaleString('en-US')} rows in id order through findEach (or the entry's equivalent), ${s.streamBatch.toLocaleString('en-US')} per round trip, each run in a fresh process; also its peak RSS growth over the run (stream-2m-rss, MB)`,
  size: (s) => s.stream, warmupSize: (s) => s.stream,
  // Minutes per round for the slowest entries: 3 rounds (a wider interval, honestly), no warm-up (each child warms up itself).
  maxRounds: 3, maxWarmup: 0,
  async measure(entry: Entry, env: Env, size: number) {
    if (entry.stream === undefined) throw new NotOffered(NOT_OFFERED);
    const schema = await streamSchema(env);
    const r = await runChild([entry.name, env.url, schema, String(size), String(env.sizes.streamBatch)]);
    if (r.notOffered !== undefined) throw new NotOffered(r.notOffered);
    if (typeof r.usPerRow !== 'number' || typeof r.rssGrowthMB !== 'number') throw new Error('stream child: no measurement');
    return { value: r.usPerRow, also: Math.max(0, r.rssGrowthMB) };
  },
};
