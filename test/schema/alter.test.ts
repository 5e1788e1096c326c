import { it } from 'node:test';
import assert from 'node:assert/strict';
import { DataTypes, DatabaseError } from '../../src/index';
import { forEachDriver } from '../support/harness';
import { columns, constraints, count, ddlIn, enumValues, indexes } from './support/catalog';
import { ddlOf } from '../support/ddl';

forEachDriver('schema: sync alter', (t) => {
  it('keeps every row while adding, retyping and renaming-by-adding columns', async () => {
    const V1 = t.db.define('Person', {
      name: { type: DataTypes.STRING(20), allowNull: false },
      age: DataTypes.STRING,
      note: DataTypes.TEXT,
    }, { timestamps: false });
    await V1.sync({ force: true });
    await V1.bulkCreate([{ name: 'Ann', age: '31', note: 'n1' }, { name: 'Bob', age: '42', note: 'n2' }]);

    // v2: name becomes TEXT, age becomes INTEGER, note is renamed (a new column "remark"), city is new.
    const V2 = t.db.define('Person', {
      name: { type: DataTypes.TEXT, allowNull: false },
      age: DataTypes.INTEGER,
      remark: DataTypes.TEXT,
      city: { type: DataTypes.STRING, allowNull: false, defaultValue: 'Oslo' },
    }, { timestamps: false });
    t.log.length = 0;
    const ran = await ddlOf(V2, { alter: true });
    assert.deepEqual(ran, [
      'ALTER TABLE "People" ALTER COLUMN "name" TYPE TEXT USING "name"::TEXT',
      'ALTER TABLE "People" ALTER COLUMN "age" TYPE INTEGER USING "age"::INTEGER',
      'ALTER TABLE "People" ADD COLUMN "remark" TEXT',
      `ALTER TABLE "People" ADD COLUMN "city" VARCHAR(255) NOT NULL DEFAULT E'Oslo'::VARCHAR(255)`,
    ]);
    assert.deepEqual(ddlIn(t.log), ran);

    const cols = await columns(t.db, 'People');
    assert.deepEqual(Object.keys(cols), ['id', 'name', 'age', 'note', 'remark', 'city'], 'the old column is kept');
    assert.equal(cols.name.type, 'text');
    assert.equal(cols.age.type, 'integer');
    const rows = await t.db.query('SELECT name, age, note, remark, city FROM "People" ORDER BY id');
    assert.deepEqual(rows, [
      { name: 'Ann', age: 31, note: 'n1', remark: null, city: 'Oslo' },
      { name: 'Bob', age: 42, note: 'n2', remark: null, city: 'Oslo' },
    ]);
    const more = await V2.create({ name: 'Cy', age: 5, remark: 'r' });
    assert.equal(more.age, 5);
  });

  it('a second alter in a row sends no DDL', async () => {
    const model = () => t.db.define('Everything', {
      s: { type: DataTypes.STRING(30), defaultValue: 'x', unique: true, comment: 'c' },
      txt: { type: DataTypes.TEXT, defaultValue: "it's" },
      ci: DataTypes.CITEXT,
      i: { type: DataTypes.INTEGER, defaultValue: -1, allowNull: false },
      si: { type: DataTypes.SMALLINT, defaultValue: 2 },
      bi: { type: DataTypes.BIGINT, defaultValue: 5 },
      f: { type: DataTypes.FLOAT, defaultValue: 1.5 },
      f8: DataTypes.FLOAT(8),
      r: DataTypes.REAL,
      dbl: { type: DataTypes.DOUBLE, defaultValue: 0.25 },
      dec: { type: DataTypes.DECIMAL(10, 2), defaultValue: '1.5' },
      num: DataTypes.NUMERIC,
      b: { type: DataTypes.BOOLEAN, defaultValue: false },
      d: { type: DataTypes.DATE, defaultValue: DataTypes.NOW },
      d0: { type: DataTypes.DATE, defaultValue: new Date(0) },
      day: { type: DataTypes.DATEONLY, defaultValue: DataTypes.NOW },
      tm: { type: DataTypes.TIME, defaultValue: DataTypes.NOW },
      u: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4 },
      us: { type: DataTypes.STRING, defaultValue: DataTypes.UUIDV4 },
      j: { type: DataTypes.JSON, defaultValue: { a: [1, 'two'] } },
      jb: { type: DataTypes.JSONB, defaultValue: { b: { c: null } } },
      h: DataTypes.HSTORE,
      e: { type: DataTypes.ENUM('x', 'y'), defaultValue: 'y' },
      arr: { type: DataTypes.ARRAY(DataTypes.INTEGER), defaultValue: [1, 2] },
      earr: DataTypes.ARRAY(DataTypes.ENUM('p', 'q')),
      blob: DataTypes.BLOB,
      nul: { type: DataTypes.STRING, defaultValue: null },
      fn: { type: DataTypes.STRING, defaultValue: () => 'js only' },
      ref: { type: DataTypes.INTEGER, references: { model: 'Everything' }, onDelete: 'SET NULL' },
      g1: { type: DataTypes.STRING, unique: 'g' },
      g2: { type: DataTypes.STRING, unique: 'g' },
    }, { comment: 'all of it', indexes: [{ fields: ['i', 'si'] }, { fields: ['bi'], unique: true }] });
    await model().sync({ force: true });
    await model().sync({ alter: true });
    t.log.length = 0;
    assert.deepEqual(await ddlOf(model(), { alter: true }), []);
    assert.deepEqual(ddlIn(t.log), []);
    assert.ok(t.log.length > 0, 'the catalog was read');
  });

  it('a failed change names the column and leaves the table as it was', async () => {
    const V1 = t.db.define('Code', { label: DataTypes.STRING, code: DataTypes.STRING }, { timestamps: false });
    await V1.sync({ force: true });
    await V1.bulkCreate([{ label: 'a', code: '12' }, { label: 'b', code: 'not a number' }]);
    const V2 = t.db.define('Code', { label: DataTypes.STRING, added: DataTypes.INTEGER, code: DataTypes.INTEGER }, { timestamps: false });
    await assert.rejects(V2.sync({ alter: true }), (err: Error) => {
      assert.ok(err instanceof DatabaseError);
      assert.match(err.message, /^Model Code: sync failed on the column "code" of "Codes": .*invalid input syntax for type integer: "not a number"/);
      assert.match(err.message, /rolled back/);
      assert.equal(err.column, 'code');
      assert.equal(err.code, '22P02');
      assert.equal(err.sql, 'ALTER TABLE "Codes" ALTER COLUMN "code" TYPE INTEGER USING "code"::INTEGER');
      return true;
    });
    const cols = await columns(t.db, 'Codes');
    assert.deepEqual(Object.keys(cols), ['id', 'label', 'code'], 'the column added before the failure is gone too');
    assert.equal(cols.code.type, 'character varying(255)');
    assert.deepEqual(await t.db.query('SELECT code FROM "Codes" ORDER BY id'), [{ code: '12' }, { code: 'not a number' }]);
  });

  it('changes nullability, defaults, uniqueness, indexes and comments', async () => {
    const V1 = t.db.define('Knob', {
      a: DataTypes.STRING,
      b: { type: DataTypes.INTEGER, defaultValue: 1, allowNull: false },
      c: { type: DataTypes.STRING, unique: true },
      d: DataTypes.STRING,
    }, { timestamps: false, indexes: [{ name: 'knob_d', fields: ['d'] }], comment: 'old' });
    await V1.sync({ force: true });
    await V1.create({ a: 'x', c: 'same', d: 'd' });
    const V2 = t.db.define('Knob', {
      a: { type: DataTypes.STRING, allowNull: false, comment: 'now required' },
      b: { type: DataTypes.INTEGER, defaultValue: 2 },
      c: DataTypes.STRING,
      d: { type: DataTypes.STRING, unique: true },
    }, { timestamps: false, indexes: [{ name: 'knob_d', fields: ['d', 'a'] }, { fields: ['b'] }], comment: 'new' });
    const ran = await ddlOf(V2, { alter: true });
    assert.deepEqual(ran, [
      'ALTER TABLE "Knobs" DROP CONSTRAINT "Knobs_c_key"',
      'DROP INDEX "knob_d"',
      'ALTER TABLE "Knobs" ALTER COLUMN "a" SET NOT NULL',
      `COMMENT ON COLUMN "Knobs"."a" IS E'now required'`,
      'ALTER TABLE "Knobs" ALTER COLUMN "b" DROP NOT NULL',
      'ALTER TABLE "Knobs" ALTER COLUMN "b" SET DEFAULT 2',
      'ALTER TABLE "Knobs" ADD CONSTRAINT "Knobs_d_key" UNIQUE ("d")',
      'CREATE INDEX "knob_d" ON "Knobs" ("d", "a")',
      'CREATE INDEX "Knobs_b_idx" ON "Knobs" ("b")',
      `COMMENT ON TABLE "Knobs" IS E'new'`,
    ]);
    const cols = await columns(t.db, 'Knobs');
    assert.equal(cols.a.nullable, false);
    assert.equal(cols.a.comment, 'now required');
    assert.equal(cols.b.nullable, true);
    assert.equal(cols.b.default, '2');
    assert.deepEqual(await constraints(t.db, 'Knobs'), ['PRIMARY KEY(Knobs_pkey: id)', 'UNIQUE(Knobs_d_key: d)']);
    assert.deepEqual(await indexes(t.db, 'Knobs'), {
      knob_d: 'CREATE INDEX knob_d ON "Knobs" USING btree (d, a)',
      Knobs_b_idx: 'CREATE INDEX "Knobs_b_idx" ON "Knobs" USING btree (b)',
    });
    await V2.create({ a: 'y', c: 'same', d: 'e' });
    assert.equal(await count(t.db, 'Knobs'), 2, 'c is no longer unique');
    assert.deepEqual(await ddlOf(V2, { alter: true }), []);
  });

  it('adds enum values in their declared place, and changes a column to and from an enum', async () => {
    const V1 = t.db.define('Light', { color: DataTypes.ENUM('red', 'green'), mode: DataTypes.STRING }, { timestamps: false });
    await V1.sync({ force: true });
    await V1.bulkCreate([{ color: 'red', mode: 'on' }, { color: 'green', mode: 'off' }]);
    const V2 = t.db.define('Light', { color: DataTypes.ENUM('red', 'amber', 'green', 'blue'), mode: DataTypes.ENUM('on', 'off') }, { timestamps: false });
    const ran = await ddlOf(V2, { alter: true });
    assert.deepEqual(ran, [
      `ALTER TYPE "enum_Lights_color" ADD VALUE IF NOT EXISTS E'amber' AFTER E'red'`,
      `ALTER TYPE "enum_Lights_color" ADD VALUE IF NOT EXISTS E'blue' AFTER E'green'`,
      `CREATE TYPE "enum_Lights_mode" AS ENUM (E'on', E'off')`,
      'ALTER TABLE "Lights" ALTER COLUMN "mode" TYPE "enum_Lights_mode" USING "mode"::text::"enum_Lights_mode"',
    ]);
    assert.deepEqual(await enumValues(t.db, 'enum_Lights_color'), ['red', 'amber', 'green', 'blue']);
    assert.equal((await columns(t.db, 'Lights')).mode.type, '"enum_Lights_mode"');
    assert.deepEqual(await t.db.query('SELECT color::text, mode::text FROM "Lights" ORDER BY id'), [{ color: 'red', mode: 'on' }, { color: 'green', mode: 'off' }]);
    assert.deepEqual(await ddlOf(V2, { alter: true }), []);

    const V3 = t.db.define('Light', { color: DataTypes.ENUM('red', 'amber', 'green', 'blue'), mode: DataTypes.TEXT }, { timestamps: false });
    assert.deepEqual(await ddlOf(V3, { alter: true }), ['ALTER TABLE "Lights" ALTER COLUMN "mode" TYPE TEXT USING "mode"::text::TEXT']);
    assert.deepEqual(await t.db.query('SELECT mode FROM "Lights" ORDER BY id'), [{ mode: 'on' }, { mode: 'off' }]);
  });

  it('drops undeclared columns only with alter: { drop: true }; otherwise keeps them insertable', async () => {
    const V1 = t.db.define('Slim', { keep: DataTypes.STRING, legacy: { type: DataTypes.STRING, allowNull: false } }, { timestamps: false });
    await V1.sync({ force: true });
    await V1.create({ keep: 'k', legacy: 'l' });
    const V2 = t.db.define('Slim', { keep: DataTypes.STRING }, { timestamps: false });
    assert.deepEqual(await ddlOf(V2, { alter: true }), ['ALTER TABLE "Slims" ALTER COLUMN "legacy" DROP NOT NULL']);
    await V2.create({ keep: 'k2' });
    assert.deepEqual(await ddlOf(V2, { alter: true }), []);
    assert.deepEqual(Object.keys(await columns(t.db, 'Slims')), ['id', 'keep', 'legacy']);
    assert.deepEqual(await V2.sync({ alter: { drop: true }, dryRun: true }), ['ALTER TABLE "Slims" DROP COLUMN "legacy"']);
    assert.deepEqual(await ddlOf(V2, { alter: { drop: true } }), ['ALTER TABLE "Slims" DROP COLUMN "legacy"']);
    assert.deepEqual(Object.keys(await columns(t.db, 'Slims')), ['id', 'keep']);
    assert.equal(await count(t.db, 'Slims'), 2);
  });

  it('creates a missing table, and changes foreign keys', async () => {
    const Owner = t.db.define('Owner', { name: DataTypes.STRING }, { timestamps: false });
    const Pet = t.db.define('Pet', { ownerId: DataTypes.INTEGER }, { timestamps: false });
    await Pet.drop();
    await Owner.sync({ force: true });
    assert.deepEqual(await ddlOf(Pet, { alter: true }), ['CREATE TABLE "Pets" ("id" SERIAL NOT NULL, "ownerId" INTEGER, CONSTRAINT "Pets_pkey" PRIMARY KEY ("id"))']);
    const Pet2 = t.db.define('Pet', { ownerId: { type: DataTypes.INTEGER, references: { model: 'Owner' }, onDelete: 'CASCADE' } }, { timestamps: false });
    assert.deepEqual(await ddlOf(Pet2, { alter: true }), ['ALTER TABLE "Pets" ADD CONSTRAINT "Pets_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Owners" ("id") ON DELETE CASCADE']);
    const Pet3 = t.db.define('Pet', { ownerId: { type: DataTypes.INTEGER, references: { model: 'Owner' }, onDelete: 'SET NULL' } }, { timestamps: false });
    assert.deepEqual(await ddlOf(Pet3, { alter: true }), [
      'ALTER TABLE "Pets" DROP CONSTRAINT "Pets_ownerId_fkey"',
      'ALTER TABLE "Pets" ADD CONSTRAINT "Pets_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Owners" ("id") ON DELETE SET NULL',
    ]);
    assert.deepEqual(await constraints(t.db, 'Pets'), ['FOREIGN KEY(Pets_ownerId_fkey: ownerId) → "Owners" ON DELETE n ON UPDATE a', 'PRIMARY KEY(Pets_pkey: id)']);
    assert.deepEqual(await ddlOf(Pet3, { alter: true }), []);
  });
});
