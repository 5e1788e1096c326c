/**
 * Read replicas on real streaming replication: a throwaway primary and standby started by
 * scripts/replica-up on loopback ports (the shared server on 5432 is never touched).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DataTypes, Database, UsageError } from '../../src/index';
import type { DatabaseOptions } from '../../src/index';
import { replicaPair } from '../support/replica-pair';
import type { ReplicaPair } from '../support/replica-pair';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('replication: routing and read-your-writes on a real standby', () => {
  let pair: ReplicaPair | undefined;
  let skip: string | false = false;
  let primary: Database;
  let standby: Database;
  const url = (port: number) => `postgres://postgres@127.0.0.1:${port}/postgres`;
  const opened: Database[] = [];
  const connect = (replication: Record<string, unknown> = {}, options: DatabaseOptions = {}) => {
    const db = new Database(url(pair!.primaryPort), { ...options, replication: { read: [{ port: pair!.standbyPort }], pollMillis: 50, retryMillis: 400, ...replication } as never });
    opened.push(db);
    return db;
  };
  const lsn = async (db: Database, sql: string) => (await db.query<{ l: string }>(`SELECT (${sql})::text AS l`))[0].l;
  /** Waits until the standby has replayed everything the primary has flushed, then for two polls. */
  const caughtUp = async () => {
    const target = await lsn(primary, 'pg_current_wal_insert_lsn()');
    for (let i = 0; i < 400; i++) {
      const [{ ok }] = await standby.query<{ ok: boolean }>(`SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok`, { bind: [target] });
      if (ok) break;
      await sleep(10);
    }
    await sleep(150);
  };
  const pause = () => standby.query('SELECT pg_wal_replay_pause()');
  const resume = () => standby.query('SELECT pg_wal_replay_resume()');

  before(async () => {
    const p = await replicaPair();
    if ('skip' in p) {
      // CI runs on a machine with PostgreSQL's server tools: there a missing tool is a failure, not a skip.
      if (process.env.CI) throw new Error(`CI is set, but the replication tests cannot start a standby: ${p.skip}`);
      skip = p.skip;
      console.log(`# replication tests skipped: ${p.skip}`);
      return;
    }
    pair = p;
    primary = new Database(url(p.primaryPort));
    standby = new Database(url(p.standbyPort));
    await primary.query('CREATE TABLE outside (id serial PRIMARY KEY)');
  });
  after(async () => {
    for (const db of opened) await db.close();
    await primary?.close();
    await standby?.close();
    await pair?.down();
  });

  it('reads go to the standby; writes, DDL, transactions, useMaster and plain db.query to the primary', async (t) => {
    if (skip) return t.skip(skip);
    const db = connect();
    const Item = db.define('Item', { name: DataTypes.STRING });
    await Item.sync({ force: true });
    await Item.create({ name: 'seed' });
    await caughtUp();
    await pause();
    try {
      await primary.query(`INSERT INTO "Items" (name, "createdAt", "updatedAt") VALUES ('from-outside', now(), now())`);
      assert.deepEqual(await db.query('SELECT pg_is_in_recovery() AS r', { type: 'SELECT' }), [{ r: true }], 'a SELECT-typed query runs on the standby');
      assert.equal(await Item.count(), 1, 'the standby has not replayed the outside write: the read went there');
      assert.equal((await Item.findAll()).length, 1);
      assert.equal(await Item.count({ useMaster: true }), 2, 'useMaster reads the primary');
      assert.deepEqual(await db.query('SELECT count(*)::int AS n FROM "Items"', { readOnly: true }), [{ n: 1 }]);
      assert.deepEqual(await db.query('SELECT count(*)::int AS n FROM "Items"'), [{ n: 2 }], 'raw db.query goes to the primary by default');
      // …and, as it could have written anything, counts as a write: later reads here go to the primary until the standby replays it.
      assert.equal(await Item.count(), 2);
      assert.equal(await db.transaction(() => Item.count()), 2, 'a transaction runs on the primary');
      const status = db.replicationStatus()!;
      assert.equal(status.replicas.length, 1);
      assert.ok(status.replicas[0].reads >= 3, `replica reads: ${status.replicas[0].reads}`);
      assert.equal(status.replicas[0].healthy, true);
    } finally {
      await resume();
    }
  });

  it('findEach outside a transaction streams from the standby; useMaster and a transaction stream from the primary', async (t) => {
    if (skip) return t.skip(skip);
    const db = connect();
    const Streamed = db.define('Streamed', { name: DataTypes.STRING }, { tableName: 'streamed_items' });
    await Streamed.sync({ force: true });
    await Streamed.create({ name: 'seed' });
    await caughtUp();
    await pause();
    try {
      await primary.query(`INSERT INTO streamed_items (name, "createdAt", "updatedAt") VALUES ('from-outside', now(), now())`);
      const names = async (o: Record<string, unknown> = {}) => {
        const out: string[] = [];
        for await (const row of Streamed.findEach({ order: [['name', 'ASC']], batchSize: 1, ...o })) out.push((row as any).name);
        return out;
      };
      const before = db.replicationStatus()!.replicas[0].reads;
      assert.deepEqual(await names(), ['seed'], 'the standby has not replayed the outside write: the cursor ran there');
      assert.equal(db.replicationStatus()!.replicas[0].reads, before + 1);
      assert.deepEqual(await names({ useMaster: true }), ['from-outside', 'seed']);
      assert.deepEqual(await db.transaction(() => names()), ['from-outside', 'seed']);
    } finally {
      await resume();
    }
  });

  it('read-your-writes: after a write, reads of the same context see it even while replay is paused', async (t) => {
    if (skip) return t.skip(skip);
    const db = connect();
    const Note = db.define('Note', { body: DataTypes.STRING });
    await Note.sync({ force: true });
    await caughtUp();
    await pause();
    try {
      const mine = await db.session(async () => {
        const n = await Note.create({ body: 'mine' });
        const again = await Note.findByPk(n.id);
        assert.ok(again !== null, 'the session reads its own write (from the primary, the standby is paused)');
        await again!.reload();
        return Note.count();
      });
      assert.equal(mine, 1);
      assert.equal(await db.session(() => Note.count()), 0, 'another session does not wait for it: the standby answers, stale');
      assert.equal(await Note.count(), 0, 'outside any session, only writes made outside sessions count');
      await Note.create({ body: 'global' });
      assert.equal(await Note.count(), 2, 'a write outside any session: later reads outside sessions see it');
    } finally {
      await resume();
    }
    await caughtUp();
    const before = db.replicationStatus()!;
    assert.equal(await db.session(() => Note.count()), 2);
    assert.equal(await Note.count(), 2);
    const afterStatus = db.replicationStatus()!;
    assert.equal(afterStatus.replicas[0].reads - before.replicas[0].reads, 2, 'once replayed, the standby serves them again');
  });

  it('findByPk batching never mixes read-your-writes sessions: each session\'s calls of one tick go where that session must read', async (t) => {
    if (skip) return t.skip(skip);
    const log: string[] = [];
    const db = connect({}, { logging: (sql) => log.push(sql) });
    const Row = db.define('Row', { v: DataTypes.STRING });
    await Row.sync({ force: true });
    const seed = await Row.create({ v: 'seed' });
    await caughtUp();
    await pause();
    try {
      let open!: () => void;
      const gate = new Promise<void>((r) => (open = r));
      let created!: (id: number) => void;
      const createdId = new Promise<number>((r) => (created = r));
      // Session A writes (only the primary has it), then reads; session B reads in the same tick.
      const a = db.session(async () => {
        const mine = await Row.create({ v: 'mine' });
        created(mine.id);
        await gate;
        return Promise.all([Row.findByPk(mine.id), Row.findByPk(seed.id)]);
      });
      let theirs = 0;
      const b = db.session(async () => {
        await gate;
        return Promise.all([Row.findByPk(seed.id), Row.findByPk(theirs)]);
      });
      const mineId = await createdId;
      theirs = mineId;
      const before = db.replicationStatus()!;
      log.length = 0;
      open();
      const [[aMine, aSeed], [bSeed, bMine]] = await Promise.all([a, b]);
      assert.equal(aMine?.v, 'mine', 'session A reads its own write: its batch went to the primary');
      assert.equal(aSeed?.v, 'seed');
      assert.equal(bSeed?.v, 'seed');
      assert.equal(bMine, null, 'session B reads the paused standby, which has not replayed A\'s write');
      const batches = log.filter((q) => q.includes('array_positions('));
      assert.equal(batches.length, 2, `one statement per session: ${log.join(' | ')}`);
      const now = db.replicationStatus()!;
      assert.equal(now.primaryReads - before.primaryReads, 1);
      assert.equal(now.replicas[0].reads - before.replicas[0].reads, 1);
      assert.ok(mineId > seed.id);
    } finally {
      await resume();
    }
  });

  it('waitMillis: a read right after a write waits for the standby instead of going to the primary', async (t) => {
    if (skip) return t.skip(skip);
    const db = connect({ waitMillis: 3000 });
    const Tick = db.define('Tick', { n: DataTypes.INTEGER });
    await Tick.sync({ force: true });
    await caughtUp();
    const before = db.replicationStatus()!;
    const seen = await db.session(async () => {
      await Tick.create({ n: 1 });
      return Tick.count();
    });
    assert.equal(seen, 1);
    const now = db.replicationStatus()!;
    assert.equal(now.primaryReads - before.primaryReads, 0, 'the primary served no read');
    assert.equal(now.replicas[0].reads - before.replicas[0].reads, 1);
  });

  it('a replica lagging past maxLag is skipped for every read', async (t) => {
    if (skip) return t.skip(skip);
    const db = connect({ maxLag: 300 });
    const Lag = db.define('Lag', { n: DataTypes.INTEGER });
    await Lag.sync({ force: true });
    await caughtUp();
    await pause();
    try {
      await primary.query(`INSERT INTO "Lags" (n, "createdAt", "updatedAt") VALUES (1, now(), now())`);
      await sleep(700);
      assert.ok(db.replicationStatus()!.replicas[0].lagMillis > 300, `lag ${db.replicationStatus()!.replicas[0].lagMillis}`);
      assert.equal(await db.session(() => Lag.count()), 1, 'the primary answers: fresh');
    } finally {
      await resume();
    }
  });

  it('a replica killed mid-run: reads go on through the primary; the log names the server, never the password; it comes back', async (t) => {
    if (skip) return t.skip(skip);
    const log: string[] = [];
    const db = connect({}, { password: 'SECRET-PASSWORD', logging: (m) => log.push(m) });
    const Row = db.define('Row', { n: DataTypes.INTEGER });
    await Row.sync({ force: true });
    await Row.bulkCreate([{ n: 1 }, { n: 2 }]);
    await caughtUp();
    assert.equal(await Row.count(), 2);
    await pair!.stopStandby();
    try {
      for (let i = 0; i < 5; i++) assert.equal(await Row.count(), 2, 'reads keep working');
      const status = db.replicationStatus()!;
      assert.equal(status.replicas[0].healthy, false);
      const failure = log.find((m) => m.includes('failed and is skipped'));
      assert.ok(failure, log.join('\n'));
      assert.match(failure!, new RegExp(`replica postgres://postgres@127\\.0\\.0\\.1:${pair!.standbyPort}/postgres`));
      assert.ok(!log.join('\n').includes('SECRET-PASSWORD') && !JSON.stringify(status).includes('SECRET-PASSWORD'));
    } finally {
      await pair!.startStandby();
    }
    for (let i = 0; i < 100 && !db.replicationStatus()!.replicas[0].healthy; i++) await sleep(50);
    assert.equal(db.replicationStatus()!.replicas[0].healthy, true, 'retried after retryMillis and healthy again');
    const before = db.replicationStatus()!.replicas[0].reads;
    assert.equal(await Row.count(), 2);
    assert.equal(db.replicationStatus()!.replicas[0].reads, before + 1, 'the standby serves reads again');
  });

  it('several replicas: round-robin alternates, least-busy spreads concurrent reads, a dead one is skipped', async (t) => {
    if (skip) return t.skip(skip);
    const dead = 1; // nothing listens on port 1
    const rr = connect({ read: [{ port: pair!.standbyPort }, { port: pair!.standbyPort }] });
    const Spread = rr.define('Spread', { n: DataTypes.INTEGER });
    await Spread.sync({ force: true });
    await caughtUp();
    for (let i = 0; i < 10; i++) await Spread.count();
    assert.deepEqual(rr.replicationStatus()!.replicas.map((r) => r.reads), [5, 5]);
    const busy = connect({ read: [{ port: pair!.standbyPort }, { port: pair!.standbyPort }, { port: dead }], strategy: 'least-busy' });
    const Spread2 = busy.define('Spread', { n: DataTypes.INTEGER });
    for (let i = 0; i < 100 && busy.replicationStatus()!.replicas[2].healthy; i++) await sleep(20);
    await Promise.all(Array.from({ length: 40 }, () => Spread2.count()));
    const [a, b, c] = busy.replicationStatus()!.replicas;
    assert.equal(a.reads + b.reads, 40, 'every read served by a live replica');
    assert.ok(a.reads > 0 && b.reads > 0, `spread: ${a.reads} / ${b.reads}`);
    assert.equal(c.reads, 0);
    assert.equal(c.healthy, false);
  });

  it('with replicas, "in a transaction" is still decided by the transaction: locks need one, hooks get no replica as their transaction', async (t) => {
    if (skip) return t.skip(skip);
    const db = connect();
    const Lock = db.define('Lock', { n: DataTypes.INTEGER });
    await Lock.sync({ force: true });
    await Lock.create({ n: 1 });
    await caughtUp();
    const log: string[] = [];
    const seen: unknown[] = [];
    Lock.addHook('beforeFind', (options: { transaction?: unknown }) => {
      seen.push(options.transaction);
    });
    await assert.rejects(Lock.findAll({ lock: true }), /lock needs a transaction/, 'a replica read is not a transaction');
    seen.length = 0;
    assert.equal((await Lock.findAll()).length, 1);
    assert.deepEqual(seen, [undefined], 'outside a transaction the hook gets none (not the replica reader)');
    const rows = await db.transaction(async (tx) => {
      const found = await Lock.findAll({ lock: true });
      assert.equal(seen[1], tx, 'inside, the hook gets the transaction');
      log.push(...(await db.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r')).map((x) => String(x.r)));
      return found;
    });
    assert.equal(rows.length, 1);
    assert.deepEqual(log, ['false'], 'the locking read ran on the primary');
  });

  it('bad replication options are refused at construction', async () => {
    assert.throws(() => new Database('pglite://memory', { replication: { read: [{ port: 1 }] } }), UsageError);
    assert.throws(() => new Database('postgres://u@h/db', { replication: { read: [] } }), /at least one server/);
    assert.throws(() => new Database('postgres://u@h/db', { replication: { read: [{ hots: 'x' }] } as never }), /unknown option "hots"/);
    assert.throws(() => new Database('postgres://u@h/db', { replication: { read: [{}], maxLag: -1 } }), /maxLag/);
    await assert.rejects(new Database('pglite://memory').query('SELECT 1', { type: 'INSERT' } as never), /type "INSERT" is not supported/);
  });
});
