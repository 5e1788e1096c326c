import { it } from 'node:test';
import assert from 'node:assert/strict';
import { DataTypes } from '../../src/index';
import { forEachDriver } from '../support/harness';

forEachDriver('prepared model statements', (t) => {
  it('a model statement keeps working after DDL changes the types it returns', async () => {
    // One connection, so the statement prepared before the DDL is the one reused after it.
    const db = t.driver === 'pg' ? t.connect({ pool: { max: 1 } }) : t.db;
    try {
      const First = db.define('Stale', { n: DataTypes.INTEGER });
      await First.sync({ force: true });
      const a = await First.create({ n: 1 });
      await a.reload();
      await db.query('ALTER TABLE "Stales" ALTER COLUMN n TYPE bigint');
      const Second = db.define('Stale', { n: DataTypes.BIGINT });
      const b = await Second.create({ n: '9007199254740993' });
      assert.equal(b.n, '9007199254740993');
      await b.reload();
      assert.equal(b.n, '9007199254740993');
      assert.deepEqual(await db.query('SELECT n FROM "Stales" ORDER BY id'), [{ n: '1' }, { n: '9007199254740993' }]);
    } finally {
      if (db !== t.db) await db.close();
    }
  });

  // PGlite never names statements: the next two are about the pg pool only.
  if (t.driver !== 'pg') return;

  it('DDL from another connection: a stale prepared plan is renewed and the statement retried', async () => {
    const db = t.connect({ pool: { max: 1 } });
    const other = t.connect();
    try {
      const M = db.define('Drift', { n: DataTypes.INTEGER });
      await M.sync({ force: true });
      const a = await M.create({ n: 5 });
      await a.reload();
      await other.query('ALTER TABLE "Drifts" ALTER COLUMN n TYPE bigint');
      await a.reload(); // the prepared SELECT now returns bigint: 0A000, renewed, retried
      assert.equal(a.n, '5');
    } finally {
      await db.close();
      await other.close();
    }
  });

  it('inside a transaction a stale plan is not retried (the transaction is aborted); the next transaction works', async () => {
    const db = t.connect({ pool: { max: 1 } });
    const other = t.connect();
    try {
      const M = db.define('DriftTx', { n: DataTypes.INTEGER });
      await M.sync({ force: true });
      const a = await M.create({ n: 5 });
      await db.transaction(() => a.reload()); // prepared on the pool's one connection
      await other.query('ALTER TABLE "DriftTxes" ALTER COLUMN n TYPE bigint');
      const err = await db.transaction(() => a.reload()).catch((e) => e);
      assert.equal(err?.code, '0A000', `the stale plan is reported, not hidden behind 25P02: ${err}`);
      await db.transaction(() => a.reload()); // names renewed: this one is prepared afresh
      assert.equal(a.n, '5');
    } finally {
      await db.close();
      await other.close();
    }
  });

  it('user SQL is never prepared under a name (no unbounded statement cache)', async () => {
    const db = t.connect({ pool: { max: 1 } });
    try {
      for (let i = 0; i < 3; i++) await db.query(`SELECT ${i} AS n`);
      const M = db.define('Prep', { v: DataTypes.STRING });
      await M.sync({ force: true });
      await (await M.create({ v: 'x' })).reload();
      const rows = await db.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements ORDER BY prepare_time');
      assert.ok(rows.length >= 2, 'model statements are prepared');
      assert.ok(rows.every((r) => /"Preps"/.test(r.statement)), rows.map((r) => r.statement).join('\n'));
    } finally {
      await db.close();
    }
  });
});
