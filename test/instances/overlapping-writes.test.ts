// Issue 10 #1: overlapping increments and saves on one instance. PostgreSQL runs them one
// after the other (row lock); the results may arrive in any order. The instance must end
// clean, holding the database's newest values, and never write a stale counter back.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { Database, DataTypes } from '../../src/index';
import { DATABASE_URL, forEachDriver, statements } from '../support/harness';
import { HoldingProxy } from '../support/holding-proxy';

forEachDriver('overlapping writes on one instance', (t) => {
  const define = (db: Database = t.db) => db.define('Counter', {
    c: { type: DataTypes.INTEGER, defaultValue: 0 },
    big: { type: DataTypes.BIGINT, defaultValue: 0 },
    name: DataTypes.STRING,
  });
  const row = async (db: Database, id: unknown) =>
    (await db.query<{ c: number; big: string; name: string | null; updatedAt: Date }>('SELECT c, big, name, "updatedAt" FROM "Counters" WHERE id = $1', { bind: [id] }))[0];

  it('two concurrent increments leave the instance clean at 2, and a later save does not write c back', async () => {
    const C = define();
    await C.sync({ force: true });
    const c = await C.create({ c: 0 });
    await Promise.all([c.increment('c'), c.increment('c')]);
    assert.equal(c.c, 2);
    assert.equal(c.changed(), false);
    c.name = 'x';
    t.log.length = 0;
    await c.save();
    assert.ok(statements(t.log).every((s) => !/"c" =/.test(s)), `save wrote only name and updatedAt: ${statements(t.log).join('; ')}`);
    const r = await row(t.db, c.id);
    assert.deepEqual([r.c, r.name], [2, 'x']);
    assert.equal(c.updatedAt.getTime(), r.updatedAt.getTime());
  });

  it('increments, decrements and a save of another field, all overlapping, end equal to the row', async () => {
    const C = define();
    const c = await C.create({ c: 10 });
    c.name = 'during';
    await Promise.all([c.increment('c'), c.decrement('c', { by: 3 }), c.save(), c.increment({ c: 5, big: '7' }), c.decrement(['c', 'big'])]);
    const r = await row(t.db, c.id);
    assert.deepEqual([r.c, r.big, r.name], [12, '6', 'during']);
    assert.deepEqual([c.c, c.big, c.name], [12, '6', 'during']);
    assert.equal(c.updatedAt.getTime(), r.updatedAt.getTime(), 'updatedAt is the stamp of the write that ran last');
    assert.equal(c.changed(), false);
  });

  it('a local assignment made while increments run is kept (and stays dirty); the snapshot is the database value', async () => {
    const C = define();
    const c = await C.create({ c: 0 });
    const done = Promise.all([c.increment('c'), c.increment('c')]);
    c.c = 100;
    await done;
    assert.equal(c.c, 100);
    assert.deepEqual(c.changed(), ['c']);
    assert.equal(c.previous('c'), 2);
    await c.save();
    assert.equal((await row(t.db, c.id)).c, 100, 'the caller\'s value is what they saved');
  });

  it('200 concurrent increments through a pool end with the instance clean and equal to the row', async () => {
    define();
    const db = t.driver === 'pg' ? t.connect({ pool: { max: 10 } }) : t.db;
    try {
      const C = define(db);
      const c = await C.create({ c: 0 });
      await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 4 === 3 ? c.decrement('c') : c.increment('c', { by: 2 }))));
      const r = await row(db, c.id);
      assert.equal(r.c, 150 * 2 - 50);
      assert.equal(c.c, r.c);
      assert.equal(c.updatedAt.getTime(), r.updatedAt.getTime());
      assert.equal(c.changed(), false);
      c.name = 'after';
      await c.save();
      assert.equal((await row(db, c.id)).c, 250, 'the save did not write a stale counter');
    } finally {
      if (db !== t.db) await db.close();
    }
  });

  if (t.driver === 'pg') {
    it('results arriving out of order (the first statement answers last) still leave the newest value', async () => {
      define();
      const target = new URL(DATABASE_URL);
      const proxy = new HoldingProxy({ host: target.hostname || '127.0.0.1', port: Number(target.port || 5432) });
      const port = await proxy.start();
      const url = new URL(DATABASE_URL);
      url.hostname = '127.0.0.1';
      url.port = String(port);
      const log: string[] = [];
      const db = new Database(url.toString(), { schema: t.schema, pool: { max: 2 }, logging: (s) => log.push(s) });
      try {
        const C = define(db);
        const c = await C.create({ c: 0 });
        // A runs first (c = 1) but its answer is held; B then runs (c = 2) and answers first.
        const answered = proxy.holdNext();
        const a = c.increment('c');
        await answered;
        await c.increment('c');
        proxy.release();
        await a;
        assert.equal((await row(db, c.id)).c, 2);
        assert.equal(c.c, 2, 'the instance holds the newest value, not the last to arrive');
        assert.equal(c.changed(), false);
        assert.ok(log.some((s) => /^SELECT "c", "updatedAt" FROM "Counters" WHERE "id" = \$1/.test(s)), 'the burst was read back once');
        c.name = 'x';
        await c.save();
        assert.equal((await row(db, c.id)).c, 2);
      } finally {
        await db.close();
        await proxy.stop();
      }
    });
  }

  it('a write with nothing overlapping sends exactly its own statement', async () => {
    const C = define();
    const c = await C.create({ c: 0 });
    t.log.length = 0;
    await c.increment('c');
    c.name = 'n';
    await c.save();
    assert.equal(statements(t.log).length, 2);
  });
});
