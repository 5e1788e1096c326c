/**
 * `npm run bench:replication [-- --ops n --rounds n]`: concurrent-find (findByPk, 50 callers at
 * once) through Inscribe on a primary alone vs the same primary with one streaming replica.
 * Both servers are throwaway clusters started by scripts/replica-up on loopback ports; on
 * this one machine they share the same two cores, so the replica cannot add capacity: the
 * numbers show the routing's cost and the share of reads the replica served, not a speed-up.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Pool } from 'pg';
import { DataTypes, Database } from 'inscribe';
import { createSchema } from './schema';

const root = path.join(__dirname, '..', '..', '..');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const OPS = arg('ops', 20_000);
const ROUNDS = arg('rounds', 5);
const CALLERS = 50;
const USERS = 10_000;

function define(db: Database) {
  return db.define('users', {
    name: DataTypes.STRING, email: DataTypes.STRING, age: DataTypes.INTEGER, score: DataTypes.DOUBLE, active: DataTypes.BOOLEAN,
  }, { tableName: 'users', schema: 'bench' });
}

async function concurrentFind(db: Database): Promise<number> {
  const User = define(db);
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CALLERS }, async () => {
    while (next < OPS) {
      const id = ((next++ * 7919) % USERS) + 1;
      const u = await User.findByPk(id);
      if (u === null || u.get('id') !== id) throw new Error(`findByPk(${id}) returned ${u === null ? 'null' : u.get('id')}`);
    }
  }));
  return OPS / ((performance.now() - t0) / 1000);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'inscribe-bench-repl-'));
  const out = execFileSync(path.join(root, 'scripts', 'replica-up'), [dir]).toString();
  const m = /PRIMARY_PORT=(\d+) STANDBY_PORT=(\d+)/.exec(out);
  if (!m) throw new Error(out);
  const [primaryPort, standbyPort] = [Number(m[1]), Number(m[2])];
  const url = `postgres://postgres@127.0.0.1:${primaryPort}/postgres`;
  try {
    const admin = new Pool({ connectionString: url });
    await createSchema(admin, 'bench', USERS);
    const target = (await admin.query('SELECT pg_current_wal_insert_lsn()::text AS l')).rows[0].l;
    const standby = new Pool({ connectionString: `postgres://postgres@127.0.0.1:${standbyPort}/postgres` });
    while (!(await standby.query('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok', [target])).rows[0].ok) await new Promise((r) => setTimeout(r, 50));
    await standby.end();
    await admin.end();

    const alone = new Database(url, { pool: { max: 10 } });
    const replicated = new Database(url, { pool: { max: 10 }, replication: { read: [{ port: standbyPort }] } });
    await new Promise((r) => setTimeout(r, 500)); // the first replica poll
    const results = { alone: [] as number[], replicated: [] as number[] };
    await concurrentFind(alone); // warm-up
    await concurrentFind(replicated);
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which goes first, so drift in machine load hits both alike.
      const order: (keyof typeof results)[] = round % 2 === 0 ? ['alone', 'replicated'] : ['replicated', 'alone'];
      for (const k of order) results[k].push(await concurrentFind(k === 'alone' ? alone : replicated));
      console.log(`round ${round + 1}/${ROUNDS}: alone ${results.alone.at(-1)!.toFixed(0)} ops/s · primary + replica ${results.replicated.at(-1)!.toFixed(0)} ops/s`);
    }
    const status = replicated.replicationStatus()!;
    const replicaReads = status.replicas.reduce((n, r) => n + r.reads, 0);
    const share = replicaReads / (replicaReads + status.primaryReads);
    const a = median(results.alone);
    const r = median(results.replicated);
    console.log(`\nconcurrent-find, ${CALLERS} callers, ${OPS} findByPk per round, median of ${ROUNDS}:`);
    console.log(`| setup | ops/s | ratio | reads served by the replica |\n|---|---|---|---|`);
    console.log(`| primary alone | ${a.toFixed(0)} | 1.00 | — |`);
    console.log(`| primary + 1 replica | ${r.toFixed(0)} | ${(r / a).toFixed(2)} | ${(share * 100).toFixed(1)}% |`);
    await alone.close();
    await replicated.close();
  } finally {
    execFileSync(path.join(root, 'scripts', 'replica-down'), [dir]);
  }
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
