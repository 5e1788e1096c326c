import { it } from 'node:test';
import assert from 'node:assert/strict';
import { ConnectionError, DataTypes, DatabaseError, SerializationError, TimeoutError, TransactionError, UsageError } from '../../src/index';
import type { Database } from '../../src/index';
import { Database as Db } from '../../src/index';
import { CuttingProxy } from '../support/cutting-proxy';
import { DATABASE_URL, forEachDriver } from '../support/harness';

/** A statement that fails with SQLSTATE 40001 on both drivers, as a serialization failure would. */
const SERIALIZATION_FAILURE = `DO $$ BEGIN RAISE EXCEPTION 'forced' USING ERRCODE = 'serialization_failure'; END $$`;

/** Backends of `pids` that are inside a transaction (or an aborted one) right now. */
async function idleInTransaction(db: Database, pids: number[]): Promise<number> {
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = ANY($1::int[]) AND state LIKE 'idle in transaction%'`, { bind: [pids], transaction: null });
  return n;
}

forEachDriver('transactions: faults, timeouts, retries, locks, instance state', (t) => {
  /** Registered for the server only (PGlite has one connection): never a vacuous pass on PGlite. */
  const onServer = (name: string, fn: () => Promise<void>) => {
    if (t.driver === 'pg') it(name, fn);
  };
  const define = () => t.db.define('Ledger', {
    name: { type: DataTypes.STRING, unique: true },
    amount: { type: DataTypes.INTEGER, defaultValue: 0 },
  });
  const names = async () => (await t.db.query<{ name: string }>('SELECT name FROM "Ledgers" ORDER BY name', { transaction: null })).map((r) => r.name);

  it('timeout: ROLLBACK, reject with TimeoutError, nothing committed; later statements of the callback fail', async () => {
    const Ledger = define();
    await Ledger.sync({ force: true });
    let late: unknown;
    let release!: () => void;
    const lateDone = new Promise<void>((r) => (release = r));
    const err = await t.db.transaction({ timeout: 200 }, async () => {
      await Ledger.create({ name: 'before-timeout' });
      await new Promise((r) => setTimeout(r, 400));
      late = await Ledger.create({ name: 'after-timeout' }).catch((e) => e);
      release();
    }).catch((e) => e);
    assert.ok(err instanceof TimeoutError, `got ${err}`);
    assert.match(err.message, /timeout of 200 ms; it was rolled back and nothing was committed/);
    await lateDone;
    assert.ok(late instanceof TransactionError, 'the callback, still running, cannot write after the timeout');
    assert.deepEqual(await names(), []);
  });

  // Server only: PGlite runs no timers inside a statement
  onServer('timeout: a statement in flight at the deadline is ended by the server (SET LOCAL statement_timeout)', async () => {
    const started = Date.now();
    const err = await t.db.transaction({ timeout: 300 }, () => t.db.query('SELECT pg_sleep(5)')).catch((e) => e);
    assert.ok(err instanceof TimeoutError);
    assert.ok(Date.now() - started < 3000, `settled after ${Date.now() - started} ms, not after the 5 s sleep`);
    assert.deepEqual(await t.db.query('SELECT 1 AS ok'), [{ ok: 1 }]);
  });

  it('unmanaged timeout: the transaction is rolled back, and commit() says it timed out', async () => {
    const Ledger = define();
    await Ledger.sync({ force: true });
    const tx = await t.db.transaction({ timeout: 100 });
    await Ledger.create({ name: 'unmanaged' }, { transaction: tx });
    await new Promise((r) => setTimeout(r, 250));
    assert.equal(tx.state, 'timed out');
    await assert.rejects(tx.commit(), /timed out after 100 ms/);
    assert.deepEqual(await names(), []);
  });

  it('retry re-runs the whole callback on a serialization failure, and succeeds', async () => {
    const Ledger = define();
    await Ledger.sync({ force: true });
    let attempts = 0;
    const out = await t.db.transaction({ retry: { max: 3, backoff: 1 } }, async () => {
      attempts++;
      await Ledger.create({ name: `attempt-${attempts}` });
      if (attempts === 1) await t.db.query(SERIALIZATION_FAILURE);
      return attempts;
    });
    assert.equal(out, 2);
    assert.deepEqual(await names(), ['attempt-2'], 'the failed attempt was rolled back');
  });

  it('retry gives up after max attempts, and never retries other errors', async () => {
    const Ledger = define();
    await Ledger.sync({ force: true });
    let attempts = 0;
    await assert.rejects(t.db.transaction({ retry: { max: 3, backoff: () => 0 } }, async () => {
      attempts++;
      await t.db.query(SERIALIZATION_FAILURE);
    }), SerializationError);
    assert.equal(attempts, 3);
    attempts = 0;
    await assert.rejects(t.db.transaction({ retry: { max: 3 } }, async () => {
      attempts++;
      throw new Error('not retryable');
    }), /not retryable/);
    assert.equal(attempts, 1);
    await assert.rejects(t.db.transaction(async () => t.db.transaction({ retry: { max: 2 } }, async () => 1)), UsageError);
  });

  it('a rolled-back transaction puts the instances it wrote back as they were before it', async () => {
    const Ledger = define();
    await Ledger.sync({ force: true });
    const kept = await Ledger.create({ name: 'kept', amount: 10 });
    const fresh = Ledger.build({ name: 'fresh' });
    let savedInside: boolean | undefined;
    const rolledBack = new Error('roll back');
    const err = await t.db.transaction(async () => {
      kept.name = 'renamed';
      await kept.save();
      await kept.increment('amount', { by: 5 });
      await kept.increment('amount', { by: 5 });
      await fresh.save();
      savedInside = !fresh.isNewRecord;
      throw rolledBack;
    }).catch((e) => e);
    assert.equal(err, rolledBack, 'the callback reached its end: every write inside succeeded');
    assert.equal(savedInside, true, 'inside the transaction the insert had happened');
    // As just before the transaction first wrote it: 'renamed' assigned but not saved, so dirty.
    assert.equal(kept.amount, 10, 'no increment survives in memory');
    assert.equal(kept.name, 'renamed');
    assert.deepEqual(kept.changed(), ['name'], 'the rename is not in the database, so it is a change again');
    assert.equal(kept.previous('name'), 'kept');
    assert.equal(fresh.isNewRecord, true, 'the insert was undone, so the instance is new again');
    assert.equal(fresh.get('id'), undefined);
    await fresh.save();
    kept.amount = 11;
    await kept.save();
    assert.deepEqual(await t.db.query('SELECT name, amount FROM "Ledgers" ORDER BY name', { transaction: null }), [{ name: 'fresh', amount: 0 }, { name: 'renamed', amount: 11 }]);
  });

  it('a rolled-back savepoint restores only what it wrote; the outer commit keeps the rest', async () => {
    const Ledger = define();
    await Ledger.sync({ force: true });
    const l = await Ledger.create({ name: 'sp', amount: 1 });
    await t.db.transaction(async () => {
      await l.increment('amount');
      await t.db.transaction(async () => {
        await l.increment('amount', { by: 10 });
        throw new Error('inner');
      }).catch(() => undefined);
      assert.equal(l.amount, 2, 'back to the value after the outer increment');
      assert.equal(l.changed(), false);
    });
    assert.equal(l.amount, 2);
    assert.deepEqual(await t.db.query('SELECT amount FROM "Ledgers"'), [{ amount: 2 }]);
  });

  it('a non-transaction call inside a callback: PGlite refuses at once; a pg pool of 1 fails clearly, never hangs', async () => {
    const Ledger = define();
    await Ledger.sync({ force: true });
    if (t.driver === 'pglite') {
      await t.db.transaction(async () => {
        await assert.rejects(Ledger.count({ transaction: null }), /PGlite has one connection/);
      });
      // An unmanaged transaction holds the connection; a call outside it waits a bounded time.
      const db = t.connect({ pool: { acquireTimeoutMillis: 300 } });
      try {
        await db.query('SELECT 1');
        const tx = await db.transaction();
        await assert.rejects(db.query('SELECT 1'), (e: Error) => e instanceof TimeoutError && /pass \{ transaction: t \}/.test(e.message));
        await tx.rollback();
        assert.deepEqual(await db.query('SELECT 1 AS ok'), [{ ok: 1 }]);
      } finally {
        await db.close();
      }
      return;
    }
    const db = t.connect({ pool: { max: 1, acquireTimeoutMillis: 300 } });
    try {
      const started = Date.now();
      const err = await db.transaction(async () => db.query('SELECT 1', { transaction: null })).catch((e) => e);
      assert.ok(err instanceof ConnectionError || err instanceof TimeoutError, `got ${err}`);
      assert.ok(Date.now() - started < 5000);
      assert.deepEqual(await db.query('SELECT 1 AS ok'), [{ ok: 1 }], 'the pool of 1 is usable again');
    } finally {
      await db.close();
    }
  });

  onServer('a backend killed mid-transaction: ConnectionError, zero rows, the pool recovers', async () => {
    const Ledger = define();
    await Ledger.sync({ force: true });
    const err = await t.db.transaction(async () => {
      await Ledger.create({ name: 'doomed' });
      const [{ pid }] = await t.db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await t.db.query('SELECT pg_terminate_backend($1)', { bind: [pid], transaction: null });
      await Ledger.create({ name: 'doomed-2' });
    }).catch((e) => e);
    assert.ok(err instanceof ConnectionError, `got ${err?.constructor?.name}: ${err?.message}`);
    assert.deepEqual(await names(), []);
    assert.equal(await Ledger.count(), 0);
  });

  onServer('a ROLLBACK that fails (connection cut) still rethrows the original error and destroys the connection', async () => {
    const url = new URL(DATABASE_URL);
    const proxy = new CuttingProxy({ host: url.hostname, port: Number(url.port || 5432) });
    const via = new URL(DATABASE_URL);
    via.port = String(await proxy.start());
    const db = new Db(via.toString(), { schema: t.schema, pool: { max: 1 } });
    try {
      const Ledger = db.define('Ledger', { name: { type: DataTypes.STRING, unique: true }, amount: DataTypes.INTEGER });
      await Ledger.sync({ force: true });
      const original = new Error('the callback failed');
      const err = await db.transaction(async () => {
        await Ledger.create({ name: 'cut' });
        proxy.arm(); // the next message (ROLLBACK) closes the socket
        throw original;
      }).catch((e) => e);
      assert.equal(err, original, 'the original error, not the ROLLBACK failure');
      // A pool of 1: this works only if the broken connection was destroyed, not handed back.
      assert.deepEqual(await db.query('SELECT count(*)::int AS n FROM "Ledgers"'), [{ n: 0 }]);
    } finally {
      await db.close();
      await proxy.stop();
    }
  });

  // Server only: one connection: no second transaction to lock out
  onServer('row locks: a second transaction blocks on FOR UPDATE, skips with SKIP LOCKED, fails with NOWAIT', async () => {
    const Ledger = define();
    await Ledger.sync({ force: true });
    const [a, b] = await Ledger.bulkCreate([{ name: 'a' }, { name: 'b' }]);
    const holder = await t.db.transaction();
    await Ledger.findByPk(a.id, { lock: true, transaction: holder });
    const skipped = await t.db.transaction(() => Ledger.findAll({ lock: true, skipLocked: true, order: ['name'] }));
    assert.deepEqual(skipped.map((r) => r.name), ['b'], 'the locked row is skipped');
    await assert.rejects(t.db.transaction(() => Ledger.findAll({ where: { id: a.id }, lock: true, noWait: true })), (e: DatabaseError) => e.code === '55P03');
    const order: string[] = [];
    const waiter = t.db.transaction(async () => {
      const row = await Ledger.findByPk(a.id, { lock: true });
      order.push('waiter got the lock');
      return row!.amount;
    });
    await new Promise((r) => setTimeout(r, 150));
    order.push('holder commits');
    await Ledger.update({ amount: 7 }, { where: { id: a.id }, transaction: holder });
    await holder.commit();
    assert.equal(await waiter, 7, 'the waiter read the committed value after the lock was released');
    assert.deepEqual(order, ['holder commits', 'waiter got the lock']);
    assert.equal(b.amount, 0);
  });

  onServer('no connection is left idle in transaction; 10 concurrent transactions with short timeouts on a pool of 3 all settle', async () => {
    const db = t.connect({ pool: { max: 3, acquireTimeoutMillis: 5000 } });
    try {
      const Ledger = db.define('Ledger', { name: { type: DataTypes.STRING, unique: true }, amount: { type: DataTypes.INTEGER, defaultValue: 0 } });
      await Ledger.sync({ force: true });
      const pids = new Set<number>();
      const started = Date.now();
      const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => db.transaction({ timeout: 150 }, async () => {
        const [{ pid }] = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        pids.add(pid);
        await Ledger.create({ name: `c${i}` });
        if (i % 3 === 0) await db.query('SELECT pg_sleep(1)'); // these time out
        if (i % 3 === 1) throw new Error('fails');
        return i;
      })));
      assert.ok(Date.now() - started < 10_000, 'no deadlock of the pool');
      const committed = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      assert.deepEqual(committed.sort(), [2, 5, 8]);
      assert.ok(results.filter((r) => r.status === 'rejected' && r.reason instanceof TimeoutError).length === 4);
      assert.deepEqual((await db.query<{ name: string }>('SELECT name FROM "Ledgers" ORDER BY name')).map((r) => r.name), ['c2', 'c5', 'c8']);
      assert.equal(await idleInTransaction(t.db, [...pids]), 0);
      // Every connection of the pool is usable: run more transactions than the pool's size.
      await Promise.all(Array.from({ length: 6 }, (_, i) => db.transaction(() => Ledger.create({ name: `after${i}` }))));
      assert.equal(await Ledger.count(), 9);
    } finally {
      await db.close();
    }
  });
});
