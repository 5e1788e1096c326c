// Every DataType: the column sync creates (read back from information_schema.columns), and
// values written with create, read back with reload and with raw db.query, the same on
// both drivers.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { DataTypes, Op } from '../../src/index';
import type { Database } from '../../src/index';
import { forEachDriver } from '../support/harness';
import { columnsOf } from './catalog';

const UUID = '0f8fad5b-d9cb-469f-a165-70867728950e';

function defineAll(db: Database) {
  return db.define('AllType', {
    string: DataTypes.STRING,
    string20: DataTypes.STRING(20),
    binary: DataTypes.STRING.BINARY,
    text: DataTypes.TEXT,
    citext: DataTypes.CITEXT,
    integer: DataTypes.INTEGER,
    smallint: DataTypes.SMALLINT,
    bigint: DataTypes.BIGINT,
    float: DataTypes.FLOAT,
    float10: DataTypes.FLOAT(10),
    float30: DataTypes.FLOAT(30),
    real: DataTypes.REAL,
    double: DataTypes.DOUBLE,
    decimal: DataTypes.DECIMAL(20, 10),
    numeric: DataTypes.NUMERIC,
    numeric8: DataTypes.NUMERIC(8),
    boolean: DataTypes.BOOLEAN,
    date: DataTypes.DATE,
    dateonly: DataTypes.DATEONLY,
    time: DataTypes.TIME,
    uuid: DataTypes.UUID,
    json: DataTypes.JSON,
    jsonb: DataTypes.JSONB,
    hstore: DataTypes.HSTORE,
    enumerated: DataTypes.ENUM('small', 'large', "it's"),
    strings: DataTypes.ARRAY(DataTypes.STRING),
    integers: DataTypes.ARRAY(DataTypes.INTEGER),
    bigints: DataTypes.ARRAY(DataTypes.BIGINT),
    decimals: DataTypes.ARRAY(DataTypes.DECIMAL(6, 2)),
    booleans: DataTypes.ARRAY(DataTypes.BOOLEAN),
    uuids: DataTypes.ARRAY(DataTypes.UUID),
    texts: DataTypes.ARRAY(DataTypes.TEXT),
    enums: DataTypes.ARRAY(DataTypes.ENUM('x', 'y')),
    blob: DataTypes.BLOB,
  }, { tableName: 'all_types', timestamps: false });
}

// What the columns must be, as information_schema.columns reports them.
const EXPECTED_COLUMNS: Record<string, [dataType: string, udt: string, extra?: Record<string, number>]> = {
  id: ['integer', 'int4'],
  string: ['character varying', 'varchar', { character_maximum_length: 255 }],
  string20: ['character varying', 'varchar', { character_maximum_length: 20 }],
  binary: ['bytea', 'bytea'],
  text: ['text', 'text'],
  citext: ['USER-DEFINED', 'citext'],
  integer: ['integer', 'int4'],
  smallint: ['smallint', 'int2'],
  bigint: ['bigint', 'int8'],
  float: ['double precision', 'float8'],
  float10: ['real', 'float4'],
  float30: ['double precision', 'float8'],
  real: ['real', 'float4'],
  double: ['double precision', 'float8'],
  decimal: ['numeric', 'numeric', { numeric_precision: 20, numeric_scale: 10 }],
  numeric: ['numeric', 'numeric'],
  numeric8: ['numeric', 'numeric', { numeric_precision: 8, numeric_scale: 0 }],
  boolean: ['boolean', 'bool'],
  date: ['timestamp with time zone', 'timestamptz'],
  dateonly: ['date', 'date'],
  time: ['time without time zone', 'time'],
  uuid: ['uuid', 'uuid'],
  json: ['json', 'json'],
  jsonb: ['jsonb', 'jsonb'],
  hstore: ['USER-DEFINED', 'hstore'],
  enumerated: ['USER-DEFINED', 'enum_all_types_enumerated'],
  strings: ['ARRAY', '_varchar'],
  integers: ['ARRAY', '_int4'],
  bigints: ['ARRAY', '_int8'],
  decimals: ['ARRAY', '_numeric'],
  booleans: ['ARRAY', '_bool'],
  uuids: ['ARRAY', '_uuid'],
  texts: ['ARRAY', '_text'],
  enums: ['ARRAY', '_enum_all_types_enums'],
  blob: ['bytea', 'bytea'],
};

const VALUES = {
  string: 'héllo "quoted" \\ back\'slash ✓',
  string20: 'exactly twenty chars',
  binary: Buffer.from([0, 1, 2, 254, 255]),
  text: 'line one\nline two\t' + 'x'.repeat(5000),
  citext: 'MiXeD Case',
  integer: -2147483648,
  smallint: 32767,
  bigint: '9223372036854775807',
  float: 1.5,
  float10: 0.25,
  float30: 1e308,
  real: -0.5,
  double: 0.1 + 0.2,
  decimal: '1234567890.0123456789',
  numeric: '3.14159265358979323846264338327950288419716939937510',
  numeric8: '12345678',
  boolean: false,
  date: new Date('2024-02-29T12:34:56.789Z'),
  dateonly: '2024-02-29',
  time: '13:14:15.5',
  uuid: UUID,
  json: { a: [1, { b: null }], s: 'x', n: 1.25 },
  jsonb: { z: 1, a: { nested: [true, 'two'] } },
  hstore: { a: '1', b: null, 'we"ird k,ey': 'va\\l=>ue' },
  enumerated: "it's",
  strings: ['a', 'b,c', '"q"', null, 'NULL', '', '{}'],
  integers: [1, -2, 3],
  bigints: ['9007199254740993', '-1'],
  decimals: ['1.10', '9999.99'],
  booleans: [true, false, null],
  uuids: [UUID],
  texts: ['with space', 'back\\slash'],
  enums: ['y', 'x'],
  blob: Buffer.from('binary\u0000data', 'latin1'),
};

// What comes back where it differs from what went in.
const READ_BACK: Record<string, unknown> = {
  time: '13:14:15.5',
  decimals: ['1.10', '9999.99'],
};

function plainOf(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v, (_k, x) => (Buffer.isBuffer(x) ? `buffer:${x.toString('hex')}` : x)), (_k, x) => x);
}

forEachDriver('every DataType', (t) => {
  it('sync creates each column with its PostgreSQL type', async () => {
    const AllType = defineAll(t.db);
    await AllType.sync({ force: true });
    const columns = await columnsOf(t.db, 'all_types');
    assert.deepEqual(Object.keys(columns), Object.keys(EXPECTED_COLUMNS));
    for (const [name, [dataType, udt, extra]] of Object.entries(EXPECTED_COLUMNS)) {
      const c = columns[name];
      assert.equal(c.data_type, dataType, `${name}: data_type`);
      assert.equal(c.udt_name, udt, `${name}: udt_name`);
      for (const [k, v] of Object.entries(extra ?? {})) assert.equal(c[k as keyof typeof c], v, `${name}: ${k}`);
    }
    const labels = await t.db.query<{ enumlabel: string }>(
      `SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = 'enum_all_types_enumerated' ORDER BY e.enumsortorder`);
    assert.deepEqual(labels.map((r) => r.enumlabel), ['small', 'large', "it's"]);
  });

  it('round-trips every value through create, reload and raw db.query', async () => {
    const AllType = defineAll(t.db);
    await AllType.sync({ force: true });
    const created = await AllType.create({ ...VALUES });
    assert.equal(created.isNewRecord, false);
    const expected = { ...VALUES, ...READ_BACK };
    const id = created.id as number;

    const check = (got: Record<string, unknown>, where: string) => {
      for (const [k, v] of Object.entries(expected)) assert.deepEqual(plainOf(got[k]), plainOf(v), `${where}: ${k}`);
      // JS types, not only JSON shapes.
      assert.ok(got.date instanceof Date, `${where}: date is a Date`);
      assert.ok(Buffer.isBuffer(got.blob) && Buffer.isBuffer(got.binary), `${where}: bytea is a Buffer`);
      assert.equal(typeof got.bigint, 'string', `${where}: bigint is a string`);
      assert.equal(typeof got.decimal, 'string', `${where}: decimal is a string`);
      assert.equal(typeof got.integer, 'number');
    };
    check(created.get({ plain: true }) as Record<string, unknown>, 'create');
    assert.equal(created.changed(), false, 'nothing changed after create');

    // Scribble over the instance: reload must bring back every value from the database.
    for (const k of Object.keys(VALUES)) (created as unknown as Record<string, unknown>)[k] = null;
    await created.reload();
    check(created.get({ plain: true }) as Record<string, unknown>, 'reload');
    assert.equal(created.changed(), false, 'nothing changed after reload');

    const [raw] = await t.db.query<Record<string, unknown>>('SELECT * FROM all_types WHERE id = $1', { bind: [id] });
    check(raw, 'raw query');

    // A second create of the same values writes the same row.
    const again = await AllType.create({ ...VALUES });
    await again.reload();
    check(again.get({ plain: true }) as Record<string, unknown>, 'second create');
  });

  it('null round-trips for every nullable type', async () => {
    const AllType = defineAll(t.db);
    await AllType.sync({ force: true });
    const nulls = Object.fromEntries(Object.keys(VALUES).map((k) => [k, null]));
    const created = await AllType.create(nulls);
    await created.reload();
    for (const k of Object.keys(VALUES)) assert.equal((created as unknown as Record<string, unknown>)[k], null, k);
    const [raw] = await t.db.query<Record<string, unknown>>('SELECT * FROM all_types WHERE id = $1', { bind: [created.id] });
    for (const k of Object.keys(VALUES)) assert.equal(raw[k], null, k);
  });

  it('special values: infinity dates, NaN floats, empty arrays and objects', async () => {
    const Special = t.db.define('Special', {
      date: DataTypes.DATE, dateonly: DataTypes.DATEONLY, double: DataTypes.DOUBLE, numeric: DataTypes.NUMERIC,
      strings: DataTypes.ARRAY(DataTypes.STRING), jsonb: DataTypes.JSONB, hstore: DataTypes.HSTORE, nested: DataTypes.ARRAY(DataTypes.INTEGER),
    }, { timestamps: false });
    await Special.sync({ force: true });
    const s = await Special.create({
      date: 'infinity', dateonly: '-infinity', double: NaN, numeric: '1.5', strings: [], jsonb: {}, hstore: {}, nested: [[1, 2], [3, 4]],
    });
    await s.reload();
    assert.equal(s.date, Infinity);
    assert.equal(s.dateonly, '-infinity');
    assert.ok(Number.isNaN(s.double));
    assert.equal(s.numeric, '1.5', "a NUMERIC 'NaN' is refused (see validation.test.ts)");
    assert.deepEqual(s.strings, []);
    assert.deepEqual(s.jsonb, {});
    assert.deepEqual({ ...s.hstore }, {});
    assert.deepEqual(s.nested, [[1, 2], [3, 4]]);
    assert.equal(s.changed(), false);
  });

  it('dates past year 9999 and before year 1 (BC) round-trip through create, save, where, ARRAY(DATE) and COPY', async () => {
    const Far = t.db.define('Far', { tag: DataTypes.STRING, at: DataTypes.DATE, day: DataTypes.DATEONLY, ats: DataTypes.ARRAY(DataTypes.DATE) }, { timestamps: false });
    await Far.sync({ force: true });
    const cases: [string, Date, string, string][] = [
      // [tag, the Date, the server's text of it, DATEONLY's text of its day]
      ['far', new Date('+010000-01-01T00:00:00.000Z'), '10000-01-01 00:00:00+00', '10000-01-01'],
      ['farther', new Date('+275760-09-13T00:00:00.000Z'), '275760-09-13 00:00:00+00', '275760-09-13'],
      ['caesar', new Date('-000043-03-15T12:00:00.250Z'), '0044-03-15 12:00:00.25+00 BC', '0044-03-15 BC'],
      ['year-zero', new Date('0000-12-31T23:59:59.999Z'), '0001-12-31 23:59:59.999+00 BC', '0001-12-31 BC'],
      ['first', new Date('0001-01-01T00:00:00.000Z'), '0001-01-01 00:00:00+00', '0001-01-01'],
    ];
    for (const [tag, at] of cases) await Far.create({ tag, at, day: at, ats: [at, new Date('2020-01-01T00:00:00Z')] });
    for (const [tag, at, text, day] of cases) {
      const [raw] = await t.db.query<{ at: string; day: string }>('SELECT at::text AS at, day::text AS day FROM "Fars" WHERE tag = $1', { bind: [tag] });
      assert.deepEqual(raw, { at: text, day }, tag);
      const found = (await Far.findOne({ where: { at } }))!;
      assert.equal(found?.tag, tag, `where { at } finds ${tag}`);
      assert.equal((found.at as Date).getTime(), at.getTime(), tag);
      assert.equal(found.day, day, tag);
      assert.deepEqual((found.ats as Date[]).map((d) => d.getTime()), [at.getTime(), Date.UTC(2020, 0, 1)], tag);
      assert.equal(found.changed(), false, tag);
      assert.equal(await Far.count({ where: { at: { [Op.in]: [at] } } }), 1, `Op.in finds ${tag}`);
      // The same instant as epoch milliseconds, and the day as read back (' BC' included), are taken as input too.
      assert.equal(await Far.count({ where: { at: at.getTime() } }), 1, `where at: number finds ${tag}`);
      assert.equal(await Far.count({ where: { day: found.day } }), 1, `where day: '${day}' finds ${tag}`);
    }
    const byNumber = await Far.create({ tag: 'number', at: cases[2][1].getTime(), day: cases[2][3] });
    const [stored] = await t.db.query<{ at: string; day: string }>('SELECT at::text AS at, day::text AS day FROM "Fars" WHERE id = $1', { bind: [byNumber.id] });
    assert.deepEqual(stored, { at: cases[2][2], day: cases[2][3] }, 'epoch ms and a BC day string');
    await byNumber.destroy();
    // save() of a far date onto an existing row, then a COPY load of them all.
    const first = (await Far.findOne({ where: { tag: 'first' } }))!;
    first.at = cases[0][1];
    await first.save();
    assert.equal((await Far.count({ where: { at: cases[0][1] } })), 2);
    await Far.destroy({ truncate: true });
    await Far.bulkCreate(cases.map(([tag, at]) => ({ tag, at, day: at })), { copy: true });
    for (const [tag, at, text, day] of cases) {
      const [raw] = await t.db.query<{ at: string; day: string }>('SELECT at::text AS at, day::text AS day FROM "Fars" WHERE tag = $1', { bind: [tag] });
      assert.deepEqual(raw, { at: text, day }, `COPY: ${tag}`);
      assert.equal(((await Far.findOne({ where: { tag } }))!.at as Date).getTime(), at.getTime(), `COPY: ${tag}`);
    }
  });
});
