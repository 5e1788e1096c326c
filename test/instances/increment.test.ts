import { it } from 'node:test';
import assert from 'node:assert/strict';
import { DataTypes, UsageError, ValidationError } from '../../src/index';
import { forEachDriver, statements } from '../support/harness';

forEachDriver('increment and decrement', (t) => {
  const define = () => t.db.define('Wallet', {
    age: { type: DataTypes.INTEGER, defaultValue: 0 },
    cash: { type: DataTypes.BIGINT, defaultValue: 0 },
    score: { type: DataTypes.FLOAT, defaultValue: 0 },
    name: DataTypes.STRING,
  });

  it('every argument form is one atomic UPDATE … RETURNING, and the instance holds the new values', async () => {
    const Wallet = define();
    await Wallet.sync({ force: true });
    const w = await Wallet.create({ name: 'jane' });
    const before = w.updatedAt as Date;
    await new Promise((r) => setTimeout(r, 5));
    t.log.length = 0;
    await w.increment('age');
    assert.deepEqual(statements(t.log), ['UPDATE "Wallets" SET "age" = "age" + $1, "updatedAt" = $2 WHERE "id" = $3 RETURNING "age", "updatedAt"']);
    assert.equal(w.age, 1);
    assert.ok((w.updatedAt as Date).getTime() > before.getTime(), 'updatedAt moved');
    await w.increment('age', { by: 2 });
    assert.equal(w.age, 3);
    await w.increment(['age', 'score'], { by: 2 });
    assert.deepEqual([w.age, w.score], [5, 2]);
    await w.increment({ age: 2, cash: 100 });
    assert.deepEqual([w.age, w.cash], [7, '100']);
    await w.decrement({ age: 1, cash: '30' });
    assert.deepEqual([w.age, w.cash], [6, '70']);
    await w.decrement('score', { by: 0.5 });
    assert.equal(w.score, 1.5);
    assert.equal(w.changed(), false, 'the snapshot is refreshed');
    assert.deepEqual(await t.db.query('SELECT age, cash, score FROM "Wallets" WHERE id = $1', { bind: [w.id] }), [{ age: 6, cash: '70', score: 1.5 }]);
  });

  it('500 concurrent increments on one row through a pool of 10 lose none', async () => {
    define();
    // PGlite is one connection; on the server, a pool of 10 runs them truly concurrently.
    const db = t.driver === 'pg' ? t.connect({ pool: { max: 10 } }) : t.db;
    try {
      const W = db.define('Wallet', { age: { type: DataTypes.INTEGER, defaultValue: 0 }, cash: DataTypes.BIGINT, score: DataTypes.FLOAT, name: DataTypes.STRING });
      const w = await W.create({ name: 'hot' });
      await Promise.all(Array.from({ length: 500 }, () => w.increment('age')));
      const [row] = await db.query<{ age: number }>('SELECT age FROM "Wallets" WHERE id = $1', { bind: [w.id] });
      assert.equal(row.age, 500);
    } finally {
      if (db !== t.db) await db.close();
    }
  });

  it('refuses a by that is not a finite number, or is fractional for an integer column, and sends nothing', async () => {
    const Wallet = define();
    const w = await Wallet.create({ name: 'x' });
    t.log.length = 0;
    await assert.rejects(w.increment('age', { by: NaN }), UsageError);
    await assert.rejects(w.increment('age', { by: Infinity }), UsageError);
    await assert.rejects(w.increment('age', { by: '1; DROP TABLE x' as never }), UsageError);
    await assert.rejects(w.increment('age', { by: 1.5 }), ValidationError);
    await assert.rejects(w.increment('name' as never), UsageError);
    await assert.rejects(w.increment('nope' as never), UsageError);
    assert.deepEqual(statements(t.log), []);
    assert.equal(w.age, 0);
  });

  it('keeps an unsaved local change to another attribute, and to the incremented one', async () => {
    const Wallet = define();
    const w = await Wallet.create({ name: 'local' });
    w.name = 'pending';
    await w.increment('age');
    assert.equal(w.name, 'pending');
    assert.deepEqual(w.changed(), ['name']);
    w.age = 50;
    await w.increment('age');
    assert.equal(w.age, 50, 'the local value is not overwritten');
    assert.deepEqual(w.changed(), ['age', 'name']);
    assert.equal(w.previous('age'), 2, 'the snapshot holds the database value');
  });

  it('{ silent: true } leaves updatedAt alone', async () => {
    const Wallet = define();
    const w = await Wallet.create({ name: 's' });
    const stamp = (w.updatedAt as Date).getTime();
    await new Promise((r) => setTimeout(r, 5));
    t.log.length = 0;
    await w.increment('age', { silent: true });
    assert.deepEqual(statements(t.log), ['UPDATE "Wallets" SET "age" = "age" + $1 WHERE "id" = $2 RETURNING "age"']);
    assert.equal((w.updatedAt as Date).getTime(), stamp);
  });
});
