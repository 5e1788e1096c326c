import { it } from 'node:test';
import assert from 'node:assert/strict';
import { DataTypes, DatabaseError, ValidationError } from '../../src/index';
import { forEachDriver } from '../support/harness';
import { columnsOf } from './catalog';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const UUID_V1 = /^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

forEachDriver('the bigint option', (t) => {
  for (const [mode, small, big] of [
    ['string', '42', '9223372036854775807'],
    ['bigint', 42n, 9223372036854775807n],
  ] as const) {
    it(`bigint: '${mode}' reads BIGINT exactly, in models and raw queries`, async () => {
      const db = t.connect({ bigint: mode });
      try {
        const Counter = db.define(`Counter_${mode}`, { n: DataTypes.BIGINT, list: DataTypes.ARRAY(DataTypes.BIGINT) }, { timestamps: false, freezeTableName: true });
        await Counter.sync({ force: true });
        const c = await Counter.create({ n: '9223372036854775807', list: ['42'] });
        assert.equal(c.n, big);
        await c.reload();
        assert.equal(c.n, big);
        assert.deepEqual(c.list, [small]);
        assert.equal(c.changed(), false, 'a reloaded value is not a change');
        const [raw] = await db.query<{ n: unknown; c: unknown }>(`SELECT n, count(*) OVER () AS c FROM "Counter_${mode}"`);
        assert.equal(raw.n, big);
        assert.equal(raw.c, small === 42n ? 1n : '1', 'count(*) is a BIGINT too');
      } finally {
        await db.close();
      }
    });
  }

  it("bigint: 'number' reads numbers, and throws past 2^53 with a clear error; the connection stays usable", async () => {
    const db = t.connect({ bigint: 'number' });
    try {
      const Big = db.define('BigNumber', { n: DataTypes.BIGINT }, { timestamps: false });
      await Big.sync({ force: true });
      const ok = await Big.create({ n: 9007199254740991 });
      assert.equal(ok.n, 9007199254740991);
      // A value this Database could not read back is refused before it is written.
      await assert.rejects(Big.create({ n: '9007199254740993' }), (err: Error) => err instanceof ValidationError && /could not read back/.test(err.message));
      assert.deepEqual(await db.query('SELECT count(*)::int AS c FROM "BigNumbers"'), [{ c: 1 }], 'no row was written');
      await db.query('INSERT INTO "BigNumbers" (n) VALUES ($1)', { bind: ['9007199254740993'] });
      for (let round = 0; round < 3; round++) {
        await assert.rejects(db.query('SELECT n FROM "BigNumbers" ORDER BY id'), (err: Error) => {
          assert.ok(err instanceof DatabaseError, err.name);
          assert.match(err.message, /BIGINT value 9007199254740993 is past 2\^53/);
          assert.match(err.message, /bigint: 'string' or 'bigint'/);
          return true;
        });
        // Not a hang, not a broken connection: the next statement works.
        assert.deepEqual(await db.query('SELECT 1 AS one'), [{ one: 1 }]);
      }
      const bad = Big.build({ n: 1 });
      await bad.save();
      await db.query('UPDATE "BigNumbers" SET n = $1 WHERE id = $2', { bind: ['-9007199254740993', bad.id] });
      await assert.rejects(bad.reload(), /past 2\^53/);
      await ok.reload();
      assert.equal(ok.n, 9007199254740991);
    } finally {
      await db.close();
    }
  });
});

forEachDriver('defaults', (t) => {
  it('literal, NOW, UUIDV1, UUIDV4 and function defaults fill build and create', async () => {
    let calls = 0;
    const Defaulted = t.db.define('Defaulted', {
      uuid4: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4 },
      uuid1: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV1 },
      text4: { type: DataTypes.STRING, defaultValue: DataTypes.UUIDV4 },
      when: { type: DataTypes.DATE, defaultValue: DataTypes.NOW },
      day: { type: DataTypes.DATEONLY, defaultValue: DataTypes.NOW },
      count: { type: DataTypes.INTEGER, defaultValue: 7 },
      label: { type: DataTypes.STRING, defaultValue: "it's" },
      flag: { type: DataTypes.BOOLEAN, defaultValue: false },
      meta: { type: DataTypes.JSONB, defaultValue: { tags: ['a'] } },
      tags: { type: DataTypes.ARRAY(DataTypes.STRING), defaultValue: ['x', 'y z'] },
      size: { type: DataTypes.ENUM('s', 'm'), defaultValue: 'm' },
      big: { type: DataTypes.BIGINT, defaultValue: '9007199254740993' },
      price: { type: DataTypes.DECIMAL(10, 2), defaultValue: '1.50' },
      attrs: { type: DataTypes.HSTORE, defaultValue: { k: 'v' } },
      bytes: { type: DataTypes.BLOB, defaultValue: Buffer.from([1, 2]) },
      seq: { type: DataTypes.INTEGER, defaultValue: () => ++calls },
    }, { timestamps: false });
    await Defaulted.sync({ force: true });

    const before = Date.now();
    const a = Defaulted.build({});
    const b = Defaulted.build({ count: 1 });
    assert.match(a.uuid4, UUID_V4);
    assert.match(a.uuid1, UUID_V1);
    assert.match(a.text4, UUID_V4);
    assert.notEqual(a.uuid4, b.uuid4, 'a fresh UUID per row');
    assert.ok(a.when instanceof Date && a.when.getTime() >= before);
    assert.match(a.day, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(a.count, 7);
    assert.equal(b.count, 1, 'a given value wins');
    assert.deepEqual(a.meta, { tags: ['a'] });
    assert.notEqual(a.meta, b.meta, 'object defaults are copied per row');
    assert.deepEqual([a.seq, b.seq], [1, 2], 'a function default is called per row');

    const c = await Defaulted.create({});
    await c.reload();
    assert.equal(c.count, 7);
    assert.equal(c.label, "it's");
    assert.equal(c.flag, false);
    assert.deepEqual(c.meta, { tags: ['a'] });
    assert.deepEqual(c.tags, ['x', 'y z']);
    assert.equal(c.size, 'm');
    assert.equal(c.big, '9007199254740993');
    assert.equal(c.price, '1.50');
    assert.deepEqual({ ...c.attrs }, { k: 'v' });
    assert.deepEqual(c.bytes, Buffer.from([1, 2]));
    assert.equal(c.seq, 3);
  });

  it('literal, NOW and UUIDV4 defaults are also the column DEFAULT, so plain SQL gets them', async () => {
    const Sql = t.db.define('SqlDefault', {
      uuid4: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4 },
      text4: { type: DataTypes.STRING, defaultValue: DataTypes.UUIDV4 },
      uuid1: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV1 },
      when: { type: DataTypes.DATE, defaultValue: DataTypes.NOW },
      day: { type: DataTypes.DATEONLY, defaultValue: DataTypes.NOW },
      at: { type: DataTypes.TIME, defaultValue: DataTypes.NOW },
      count: { type: DataTypes.INTEGER, defaultValue: -7 },
      ratio: { type: DataTypes.FLOAT, defaultValue: 0.5 },
      label: { type: DataTypes.STRING, defaultValue: "it's a \\ test" },
      flag: { type: DataTypes.BOOLEAN, defaultValue: true },
      meta: { type: DataTypes.JSONB, defaultValue: { a: [1, "q'"] } },
      tags: { type: DataTypes.ARRAY(DataTypes.STRING), defaultValue: ['x', 'y z'] },
      size: { type: DataTypes.ENUM('s', 'm'), defaultValue: 'm' },
      big: { type: DataTypes.BIGINT, defaultValue: '9007199254740993' },
      price: { type: DataTypes.DECIMAL(10, 2), defaultValue: '1.50' },
      attrs: { type: DataTypes.HSTORE, defaultValue: { k: 'v' } },
      bytes: { type: DataTypes.BLOB, defaultValue: Buffer.from([1, 2]) },
      fixed: { type: DataTypes.DATE, defaultValue: new Date('2020-01-02T03:04:05.678Z') },
      nothing: { type: DataTypes.STRING, defaultValue: null },
      seq: { type: DataTypes.INTEGER, defaultValue: () => 1 },
    }, { timestamps: false });
    await Sql.sync({ force: true });
    const columns = await columnsOf(t.db, 'SqlDefaults');
    assert.match(String(columns.uuid4.column_default), /gen_random_uuid\(\)/);
    assert.match(String(columns.when.column_default), /CURRENT_TIMESTAMP/i);
    assert.equal(columns.uuid1.column_default, null, 'UUIDV1 is generated in JS only');
    assert.equal(columns.seq.column_default, null, 'a function default is JS only');

    const before = Date.now() - 60_000;
    const [row] = await t.db.query<Record<string, any>>('INSERT INTO "SqlDefaults" DEFAULT VALUES RETURNING *');
    assert.match(row.uuid4, UUID_V4);
    assert.match(row.text4, UUID_V4);
    assert.equal(row.uuid1, null);
    assert.ok(row.when instanceof Date && row.when.getTime() >= before);
    assert.match(row.day, /^\d{4}-\d{2}-\d{2}$/);
    assert.match(row.at, /^\d{2}:\d{2}:\d{2}/);
    assert.equal(row.count, -7);
    assert.equal(row.ratio, 0.5);
    assert.equal(row.label, "it's a \\ test");
    assert.equal(row.flag, true);
    assert.deepEqual(row.meta, { a: [1, "q'"] });
    assert.deepEqual(row.tags, ['x', 'y z']);
    assert.equal(row.size, 'm');
    assert.equal(row.big, '9007199254740993');
    assert.equal(row.price, '1.50');
    assert.deepEqual({ ...row.attrs }, { k: 'v' });
    assert.deepEqual(row.bytes, Buffer.from([1, 2]));
    assert.equal(row.fixed.toISOString(), '2020-01-02T03:04:05.678Z');
    assert.equal(row.nothing, null);
    assert.equal(row.seq, null);
  });
});
