// Values are checked before any SQL is sent: a ValidationError names model and attribute.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DataTypes, Database, ValidationError } from '../../src/index';
import type { DefinedModel } from '../../src/index';
import { forEachDriver, statements } from '../support/harness';

function defineChecked(db: Database): DefinedModel {
  return db.define('Checked', {
    string: DataTypes.STRING,
    short: DataTypes.STRING(5),
    text: DataTypes.TEXT,
    citext: DataTypes.CITEXT,
    strings: DataTypes.ARRAY(DataTypes.STRING),
    integer: DataTypes.INTEGER,
    smallint: DataTypes.SMALLINT,
    bigint: DataTypes.BIGINT,
    float: DataTypes.FLOAT,
    decimal: DataTypes.DECIMAL(10, 2),
    boolean: DataTypes.BOOLEAN,
    date: DataTypes.DATE,
    dateonly: DataTypes.DATEONLY,
    time: DataTypes.TIME,
    uuid: DataTypes.UUID,
    json: DataTypes.JSON,
    jsonb: DataTypes.JSONB,
    hstore: DataTypes.HSTORE,
    enumerated: DataTypes.ENUM('a', 'b'),
    integers: DataTypes.ARRAY(DataTypes.INTEGER),
    blob: DataTypes.BLOB,
    required: { type: DataTypes.STRING, allowNull: false, defaultValue: 'ok' },
  }, { timestamps: false });
}

const circular: Record<string, unknown> = {};
circular.self = circular;

// [attribute, bad value, what the message must say]
const BAD: [string, unknown, RegExp][] = [
  ['string', 5, /must be a string, got the number 5/],
  ['string', 'nul\u0000here', /NUL character/],
  ['text', 'a\u0000', /NUL character/],
  ['short', 'toolong', /7 characters long; VARCHAR\(5\) holds at most 5/],
  ['integer', NaN, /must be an integer, got the number NaN/],
  ['integer', Infinity, /must be an integer, got the number Infinity/],
  ['integer', 1.5, /must be an integer/],
  ['integer', 2147483648, /out of range for INTEGER/],
  ['integer', -2147483649, /out of range for INTEGER/],
  ['integer', '5', /must be an integer number, got the string "5"/],
  ['smallint', 32768, /out of range for SMALLINT/],
  ['bigint', 2 ** 53 + 2, /past 2\^53 and has lost digits; pass a string or a bigint/],
  ['bigint', 1.5, /must be an integer/],
  ['bigint', NaN, /must be an integer/],
  ['bigint', '12abc', /must be a bigint, a string of digits or a safe integer/],
  ['bigint', '9223372036854775808', /out of range for BIGINT/],
  ['bigint', 2n ** 63n, /out of range for BIGINT/],
  ['float', '1.5', /must be a number/],
  ['decimal', 'abc', /must be a decimal number/],
  ['decimal', Infinity, /must be a finite number/],
  ['boolean', 1, /must be a boolean, got the number 1/],
  ['boolean', 'true', /must be a boolean/],
  ['date', new Date('nope'), /is an Invalid Date/],
  ['date', 'not a date', /is not a date/],
  ['date', NaN, /must be a Date/],
  ['date', 9e15, /out of the range of a Date/],
  ['dateonly', '0044-03-15 bc', /'YYYY-MM-DD'/],
  ['dateonly', '2024-2-1', /'YYYY-MM-DD'/],
  ['dateonly', new Date('nope'), /'YYYY-MM-DD'/],
  ['time', '25h', /'HH:MM:SS'/],
  ['uuid', 'not-a-uuid', /must be a UUID string/],
  ['uuid', '0f8fad5b-d9cb-469f-a165-70867728950', /must be a UUID string/],
  ['json', { big: 1n }, /cannot be stored as JSON/],
  ['json', circular, /cannot be stored as JSON/],
  ['json', () => 1, /cannot be stored as JSON/],
  ['jsonb', { s: 'a\u0000b' }, /NUL character/],
  ['hstore', { a: 1 }, /key "a" must hold a string or null, got the number 1/],
  ['hstore', ['a'], /must be an object of string values/],
  ['hstore', { a: 'x\u0000' }, /NUL character/],
  ['enumerated', 'c', /must be one of "a", "b", got the string "c"/],
  ['integers', [1, 'x'], /\[1\] must be an integer number/],
  ['integers', [1, undefined], /undefined at index 1/],
  ['integers', 'not an array', /must be an array/],
  ['blob', 'text', /must be a Buffer or Uint8Array/],
  ['required', null, /cannot be null/],
  // Issue 10: a lone surrogate has no UTF-8 form; the driver would store U+FFFD instead.
  ['string', 'a\uD800b', /lone UTF-16 surrogate/],
  ['text', 'a\uDC00', /lone UTF-16 surrogate/],
  ['citext', '\uD83D', /lone UTF-16 surrogate/],
  ['strings', ['ok', 'a\uD800b'], /\[1\] contains a lone UTF-16 surrogate/],
  ['json', { s: 'a\uD800b' }, /lone UTF-16 surrogate/],
  ['jsonb', { ['k\uDFFF']: 1 }, /lone UTF-16 surrogate/],
  ['jsonb', ['x', ['a\uD800b']], /lone UTF-16 surrogate/],
  ['hstore', { ['k\uD800']: 'v' }, /lone UTF-16 surrogate/],
  ['hstore', { k: 'v\uDC00' }, /lone UTF-16 surrogate/],
  // Issue 10: numeric accepts NaN, JS arithmetic does not survive it; refused like Infinity.
  ['decimal', 'NaN', /NaN is refused/],
];

forEachDriver('values are checked before any SQL is sent', (t) => {
  let Checked: DefinedModel;
  before(async () => {
    Checked = defineChecked(t.db);
    await Checked.sync({ force: true });
  });

  for (const [attribute, value, message] of BAD) {
    it(`${attribute} refuses ${describeValue(value)}`, async () => {
      t.log.length = 0;
      await assert.rejects(Checked.create({ [attribute]: value }), (err: Error) => {
        assert.ok(err instanceof ValidationError, `${err.name}: ${err.message}`);
        assert.equal(err.model, 'Checked');
        assert.equal(err.attribute, attribute);
        assert.match(err.message, new RegExp(`^Checked\\.${attribute} `));
        assert.match(err.message, message);
        return true;
      });
      assert.deepEqual(statements(t.log), [], 'no SQL was sent');
      // The same value is refused on update as well.
      const row = await Checked.create({});
      t.log.length = 0;
      (row as unknown as Record<string, unknown>)[attribute] = value;
      await assert.rejects(row.save(), ValidationError);
      assert.deepEqual(statements(t.log), [], 'no SQL was sent on update');
    });
  }

  it('every bad value of one save is reported, not only the first', async () => {
    await assert.rejects(Checked.create({ integer: 1.5, uuid: 'x', string: 'a\u0000' }), (err: ValidationError) => {
      assert.deepEqual(err.errors.map((e) => e.attribute).sort(), ['integer', 'string', 'uuid']);
      return true;
    });
  });

  it('a NUL character is refused, never rewritten', async () => {
    const row = await Checked.create({ string: 'before' });
    row.string = 'a\u0000b';
    await assert.rejects(row.save(), ValidationError);
    assert.equal(row.string, 'a\u0000b');
    const [raw] = await t.db.query<{ string: string }>('SELECT string FROM "Checkeds" WHERE id = $1', { bind: [row.id] });
    assert.equal(raw.string, 'before');
  });

  it('a lone surrogate is refused, never rewritten to U+FFFD; a well-formed pair and an escaped backslash pass', async () => {
    const row = await Checked.create({ text: 'before' });
    row.text = 'a\uD800b';
    t.log.length = 0;
    await assert.rejects(row.save(), ValidationError);
    assert.deepEqual(statements(t.log), [], 'no SQL was sent');
    assert.equal(row.text, 'a\uD800b', 'the instance keeps what the caller assigned');
    const [raw] = await t.db.query<{ text: string }>('SELECT text FROM "Checkeds" WHERE id = $1', { bind: [row.id] });
    assert.equal(raw.text, 'before');
    await assert.rejects(Checked.findAll({ where: { text: 'a\uD800b' } }), ValidationError, 'a WHERE value is checked too');
    const good = await Checked.create({ text: '😀', json: { s: '\\ud800', e: '😀' }, hstore: { '😀': '\\ud800' }, strings: ['😀'] });
    await good.reload();
    assert.deepEqual([good.text, good.json, { ...good.hstore }, good.strings], ['😀', { s: '\\ud800', e: '😀' }, { '😀': '\\ud800' }, ['😀']]);
  });

  it('a DECIMAL NaN written outside Inscribe still reads back as the string NaN', async () => {
    const row = await Checked.create({});
    await t.db.query(`UPDATE "Checkeds" SET decimal = 'NaN' WHERE id = $1`, { bind: [row.id] });
    await row.reload();
    assert.equal(row.decimal, 'NaN');
  });

  it('values at the edges of each range are accepted', async () => {
    const edge = await Checked.create({
      integer: 2147483647, smallint: -32768, bigint: -(2n ** 63n), short: 'ééééé', dateonly: new Date('2024-01-02T23:00:00Z'),
      uuid: '0F8FAD5B-D9CB-469F-A165-70867728950E', blob: new Uint8Array([1, 2]), date: 0,
    });
    await edge.reload();
    assert.equal(edge.integer, 2147483647);
    assert.equal(edge.smallint, -32768);
    assert.equal(edge.bigint, '-9223372036854775808');
    assert.equal(edge.short, 'ééééé');
    assert.equal(edge.dateonly, '2024-01-02', 'a Date is taken by its UTC day');
    assert.equal(edge.uuid, '0f8fad5b-d9cb-469f-a165-70867728950e');
    assert.deepEqual(edge.blob, Buffer.from([1, 2]));
    assert.equal(edge.date.getTime(), 0);
  });
});

describe('the bigint check uses exact arithmetic', () => {
  it('2^53 + 1 as a string or a bigint is exact', async () => {
    const db = new Database('pglite://memory');
    const B = db.define('B', { n: DataTypes.BIGINT }, { timestamps: false });
    await B.sync();
    const a = await B.create({ n: '9007199254740993' });
    const b = await B.create({ n: 9007199254740993n });
    assert.equal(a.n, '9007199254740993');
    assert.equal(b.n, '9007199254740993');
    await db.close();
  });
});

function describeValue(v: unknown): string {
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'function') return 'a function';
  if (v instanceof Date) return 'an Invalid Date';
  if (v === circular) return 'a circular object';
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
