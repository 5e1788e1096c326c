import { it } from 'node:test';
import assert from 'node:assert/strict';
import { DataTypes, DatabaseError } from '../../src/index';
import type { Database } from '../../src/index';
import { forEachDriver, statements } from '../support/harness';
import { columns, count, ddlIn, enumValues, inSchema, tableExists } from './support/catalog';
import { ddlOf } from '../support/ddl';

forEachDriver('schema: db.sync, db.drop, force and transactions', (t) => {
  const withDb = async (fn: (db: Database, log: string[]) => Promise<void>) => {
    const log: string[] = [];
    const db = t.connect({ logging: (sql) => log.push(sql) });
    try {
      await fn(db, log);
    } finally {
      await db.close();
    }
  };

  it('force drops and recreates: the rows are gone, the table is new', async () => {
    const Box = t.db.define('Box', { label: DataTypes.STRING, size: DataTypes.ENUM('s', 'm') });
    await Box.sync({ force: true });
    await Box.bulkCreate([{ label: 'a', size: 's' }, { label: 'b', size: 'm' }]);
    t.log.length = 0;
    await Box.sync({ force: true });
    assert.deepEqual(ddlIn(t.log), [
      `DROP TABLE IF EXISTS ${inSchema(t, 'Boxes')}`,
      `DROP TYPE IF EXISTS ${inSchema(t, 'enum_Boxes_size')}`,
      `CREATE TYPE "enum_Boxes_size" AS ENUM (E's', E'm')`,
      'CREATE TABLE "Boxes" ("id" SERIAL NOT NULL, "label" VARCHAR(255), "size" "enum_Boxes_size", "createdAt" TIMESTAMPTZ NOT NULL, "updatedAt" TIMESTAMPTZ NOT NULL, CONSTRAINT "Boxes_pkey" PRIMARY KEY ("id"))',
    ]);
    assert.equal(await count(t.db, 'Boxes'), 0);
    const again = await Box.create({ label: 'c' });
    assert.equal(again.id, 1, 'a new table, a new sequence');
  });

  it('db.sync and db.drop handle every model in dependency order, enums included', async () => {
    await withDb(async (db, log) => {
      const Line = db.define('Line', { orderId: { type: DataTypes.INTEGER, references: { model: 'Order' } }, kind: DataTypes.ENUM('item', 'fee') }, { timestamps: false });
      db.define('Order', { customerId: { type: DataTypes.INTEGER, references: { model: 'Customer' } }, state: DataTypes.ENUM('new', 'paid') }, { timestamps: false });
      db.define('Customer', { name: DataTypes.STRING }, { timestamps: false });
      await db.sync({ force: true });
      const c = await db.model('Customer').create({ name: 'C' });
      const o = await db.model('Order').create({ customerId: c.id, state: 'new' });
      await Line.create({ orderId: o.id, kind: 'fee' });
      log.length = 0;
      await db.drop();
      assert.deepEqual(statements(log), [
        `DROP TABLE IF EXISTS ${inSchema(t, 'Lines')}`,
        `DROP TABLE IF EXISTS ${inSchema(t, 'Orders')}`,
        `DROP TABLE IF EXISTS ${inSchema(t, 'Customers')}`,
        `DROP TYPE IF EXISTS ${inSchema(t, 'enum_Lines_kind')}`,
        `DROP TYPE IF EXISTS ${inSchema(t, 'enum_Orders_state')}`,
      ]);
      assert.equal(log[0], 'BEGIN', 'one transaction');
      assert.equal(log.at(-1), 'COMMIT');
      for (const table of ['Lines', 'Orders', 'Customers']) assert.equal(await tableExists(db, table), false);
      assert.equal(await enumValues(db, 'enum_Lines_kind'), null);
      assert.equal(await enumValues(db, 'enum_Orders_state'), null);
    });
  });

  it('a failure on the third table leaves the first two untouched', async () => {
    await withDb(async (db) => {
      await db.query('CREATE TABLE "Blocker" (x int)');
      await db.query('CREATE INDEX "clash_idx" ON "Blocker" (x)');
      const v1 = () => {
        db.define('Alpha', { a: DataTypes.STRING }, { timestamps: false });
        db.define('Beta', { b: DataTypes.STRING }, { timestamps: false });
      };
      v1();
      await db.sync();
      await db.model('Alpha').create({ a: 'kept' });
      await db.model('Beta').create({ b: 'kept' });

      // v2 changes Alpha and Beta, and adds Gamma, whose index name is already taken.
      db.define('Alpha', { a: DataTypes.TEXT, a2: DataTypes.INTEGER }, { timestamps: false });
      db.define('Beta', { b: DataTypes.STRING, b2: { type: DataTypes.STRING, allowNull: false, defaultValue: 'x' } }, { timestamps: false });
      db.define('Gamma', { g: DataTypes.STRING }, { timestamps: false, indexes: [{ name: 'clash_idx', fields: ['g'] }] });
      const plan = await db.sync({ alter: true, dryRun: true });
      assert.equal(plan.length, 5);
      await assert.rejects(db.sync({ alter: true }), (err: Error) => {
        assert.ok(err instanceof DatabaseError);
        assert.match(err.message, /^Model Gamma: sync failed on the table "Gammas": relation "clash_idx" already exists/);
        assert.equal(err.sql, 'CREATE INDEX "clash_idx" ON "Gammas" ("g")');
        return true;
      });
      const alphas = await columns(db, 'Alphas');
      assert.deepEqual(Object.keys(alphas), ['id', 'a']);
      assert.equal(alphas.a.type, 'character varying(255)', 'the retype of Alphas.a was rolled back');
      assert.deepEqual(Object.keys(await columns(db, 'Betas')), ['id', 'b']);
      assert.equal(await tableExists(db, 'Gammas'), false);
      assert.deepEqual(await db.query('SELECT a FROM "Alphas"'), [{ a: 'kept' }]);
      assert.deepEqual(await db.query('SELECT b FROM "Betas"'), [{ b: 'kept' }]);
      // With the clash gone, the same call goes through.
      await db.query('DROP TABLE "Blocker"');
      assert.deepEqual(await ddlOf(db, { alter: true }), plan);
      assert.deepEqual(await ddlOf(db, { alter: true }), []);
    });
  });

  it('reads the catalog with the same number of queries for one model or many', async () => {
    const define = (db: Database, n: number) => {
      for (let i = 0; i < n; i++) {
        db.define(`Wide${i}`, {
          name: { type: DataTypes.STRING, defaultValue: 'x', unique: true },
          kind: DataTypes.ENUM('a', 'b'),
          parentId: i > 0 ? { type: DataTypes.INTEGER, references: { model: `Wide${i - 1}` } } : DataTypes.INTEGER,
        }, { indexes: [{ fields: ['kind'] }] });
      }
    };
    const reads: number[] = [];
    for (const n of [1, 6]) {
      await withDb(async (db, log) => {
        define(db, n);
        await db.sync({ force: true });
        for (const options of [{ dryRun: true }, { alter: true, dryRun: true }, { alter: true }]) {
          log.length = 0;
          assert.deepEqual('dryRun' in options ? await db.sync({ ...options, dryRun: true }) : await ddlOf(db, options), []);
          reads.push(statements(log).length);
          assert.ok(statements(log).every((s) => s.startsWith('SELECT')));
        }
        await db.drop();
      });
    }
    assert.deepEqual(reads.slice(3), reads.slice(0, 3), `catalog queries for 1 model vs 6 models: ${reads}`);
    assert.ok(reads.every((n) => n <= 6), `at most 6 catalog queries per call: ${reads}`);
  });

  it('force on a table other tables reference needs cascade, and says so', async () => {
    await withDb(async (db) => {
      const Parent = db.define('Parent', { name: DataTypes.STRING }, { timestamps: false });
      const Child = db.define('Child', { parentId: { type: DataTypes.INTEGER, references: { model: 'Parent' } } }, { timestamps: false });
      await db.sync();
      await Child.create({ parentId: (await Parent.create({ name: 'p' })).id });
      await assert.rejects(Parent.sync({ force: true }), /Model Parent: sync failed on the table "Parents": .*pass \{ cascade: true \}/s);
      assert.equal(await count(db, 'Parents'), 1, 'nothing was dropped');
      await Parent.sync({ force: true, cascade: true });
      assert.equal(await count(db, 'Parents'), 0);
      assert.equal(await count(db, 'Children'), 1, 'the child rows stay; only the foreign key went');
      // alter would put the foreign key back, but the orphaned row refuses it: named, and nothing changes.
      const fk = 'ALTER TABLE "Children" ADD CONSTRAINT "Children_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Parents" ("id")';
      assert.deepEqual(await Child.sync({ alter: true, dryRun: true }), [fk]);
      await assert.rejects(Child.sync({ alter: true }), (err: Error) => {
        assert.equal(err.name, 'ForeignKeyConstraintError');
        assert.match(err.message, /^Model Child: sync failed on the column "parentId" of "Children": /);
        return true;
      });
      assert.deepEqual(await Child.sync({ alter: true, dryRun: true }), [fk]);
    });
  });
});
