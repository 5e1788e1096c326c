// bulkCreate at scale: the COPY path (every type, hostile values, a bad row anywhere fails
// the whole load), automatic batching in one transaction, iterable and async iterable
// input, onProgress. Each test asserts the rows in the table and the statements sent.
import { before, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { DataTypes, Model, UniqueConstraintError, UsageError, ValidationError } from '../../src/index';
import type { DefinedModel } from '../../src/index';
import { forEachDriver, statements } from '../support/harness';

const COPY = /^COPY "[^"]+" \(.*\) FROM STDIN( WITH \(FORMAT binary\))?$/;

/** The values a row holds, for comparing two tables (ids and timestamps left out). */
function values(r: Record<string, unknown>, keys: readonly string[]): unknown[] {
  return keys.map((k) => r[k]);
}

forEachDriver('bulkCreate: COPY path and batching', (t) => {
  let Row: DefinedModel;
  let Twin: DefinedModel;
  const attributes = () => ({
    code: { type: DataTypes.STRING(40), allowNull: false, unique: true },
    note: DataTypes.TEXT,
    ci: DataTypes.CITEXT,
    n: DataTypes.INTEGER,
    small: DataTypes.SMALLINT,
    big: DataTypes.BIGINT,
    ratio: DataTypes.DOUBLE,
    real: DataTypes.REAL,
    price: DataTypes.DECIMAL(30, 10),
    flag: { type: DataTypes.BOOLEAN, defaultValue: false },
    at: DataTypes.DATE,
    day: DataTypes.DATEONLY,
    time: DataTypes.TIME,
    ref: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4 },
    doc: DataTypes.JSONB,
    plain: DataTypes.JSON,
    tags: DataTypes.HSTORE,
    kind: DataTypes.ENUM('x', 'y z', "o'k", 'tab\there', 'back\\slash'),
    kinds: DataTypes.ARRAY(DataTypes.ENUM('x', 'y z', "o'k", 'tab\there', 'back\\slash')),
    nums: DataTypes.ARRAY(DataTypes.INTEGER),
    words: DataTypes.ARRAY(DataTypes.TEXT),
    bytes: DataTypes.BLOB,
  });
  // `ref` defaults to a random UUID: compared only where a row gives it.
  const KEYS = Object.keys(attributes()).filter((k) => k !== 'ref');

  before(async () => {
    Row = t.db.define('Row', attributes());
    Twin = t.db.define('Twin', attributes());
    await Row.sync({ force: true });
    await Twin.sync({ force: true });
  });
  beforeEach(async () => {
    await Row.destroy({ truncate: true, restartIdentity: true });
    await Twin.destroy({ truncate: true, restartIdentity: true });
    t.log.length = 0;
  });

  const hostile = ['tab\there', 'new\nline', 'carriage\rreturn', 'back\\slash', '\\N', '\\.', '\\', 'end\\', '\\x41', 'a\\tb', 'quote"s\'', 'é ü 日本 🎉 \u200b', '', ' ', 'NULL', '{a,b}', ',', '\u2028\u2029'];
  const sample = (): Record<string, unknown>[] => [
    {
      code: 'all', note: 'plain text', ci: 'MiXeD', n: -2147483648, small: 32767, big: '-9223372036854775808', ratio: NaN, real: 1.5,
      price: '-12345678901234567890.0123456789', flag: true, at: new Date('2024-02-29T23:59:59.999Z'), day: '2020-02-29', time: '23:59:59.999999',
      ref: '6f1c1a4e-1c1d-4e6a-9b5e-2f7f0d0c1b2a', doc: { deep: { list: [1, 'two', null, { t: 'a\tb\nc\\d' }] }, u: '\u00e9\ud83c\udf89' }, plain: 'just a string',
      tags: { 'k\tey': 'v\nal', 'back\\': null, '"q"': '=>' }, kind: 'tab\there', kinds: ['x', "o'k", 'back\\slash', 'tab\there'], nums: [1, null, 3],
      words: [...hostile, null], bytes: Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
    },
    { code: 'nulls' },
    { code: 'edges', ratio: Infinity, real: -Infinity, n: 0, big: '0', price: '0', at: new Date('0001-01-01T00:00:00.000Z'), day: 'infinity', doc: [], plain: null, kinds: [], nums: [], words: [], bytes: Buffer.alloc(0), tags: {} },
    { code: 'far', at: new Date('9999-12-31T23:59:59.999Z'), day: '-infinity', ratio: -0, doc: 'a string with \\N and \\.', plain: { a: [1, 2] } },
    ...hostile.map((s, i) => ({ code: `h${i}`, note: s, ci: s, words: [s], doc: { s }, tags: { [s || 'empty']: s }, kind: 'y z' })),
  ];

  it('every data type round-trips through COPY exactly as through INSERT', async () => {
    const copied = await Row.bulkCreate(sample(), { copy: true });
    assert.deepEqual(copied, []);
    assert.match(statements(t.log).join('\n'), /^COPY "Rows" \("code", .*"createdAt", "updatedAt"\) FROM STDIN$/m);
    assert.ok(!statements(t.log).some((s) => /^INSERT/.test(s)), 'no INSERT on the COPY path');
    await Twin.bulkCreate(sample(), { copy: false });
    const a = await Row.findAll({ order: [['id', 'ASC']] });
    const b = await Twin.findAll({ order: [['id', 'ASC']] });
    assert.equal(a.length, sample().length);
    assert.equal(a.length, b.length);
    for (let i = 0; i < a.length; i++) assert.deepEqual(values(a[i], KEYS), values(b[i], KEYS), `row ${i} (${String(a[i].code)})`);
    const all = a[0];
    assert.equal(all.ref, '6f1c1a4e-1c1d-4e6a-9b5e-2f7f0d0c1b2a');
    assert.equal(all.big, '-9223372036854775808');
    assert.ok(Number.isNaN(all.ratio));
    assert.equal(all.price, '-12345678901234567890.0123456789');
    assert.equal((all.at as Date).toISOString(), '2024-02-29T23:59:59.999Z');
    assert.equal(all.time, '23:59:59.999999');
    assert.deepEqual(all.doc, { deep: { list: [1, 'two', null, { t: 'a\tb\nc\\d' }] }, u: '\u00e9\ud83c\udf89' });
    assert.deepEqual(all.tags, { 'k\tey': 'v\nal', 'back\\': null, '"q"': '=>' });
    assert.equal(all.kind, 'tab\there');
    assert.deepEqual(all.kinds, ['x', "o'k", 'back\\slash', 'tab\there']);
    assert.deepEqual(all.words, [...hostile, null]);
    assert.deepEqual(all.bytes, Buffer.from(Array.from({ length: 256 }, (_, i) => i)));
    assert.equal(a[1].note, null);
    assert.equal(a[1].flag, false, 'a JS default');
    assert.match(a[1].ref as string, /^[0-9a-f-]{36}$/);
    assert.ok(a[1].createdAt instanceof Date && a[1].updatedAt instanceof Date, 'timestamps stamped');
    assert.equal((a[2].at as Date).toISOString(), '0001-01-01T00:00:00.000Z');
    assert.equal(a[2].day, 'infinity');
    assert.equal(a[3].day, '-infinity');
    assert.equal(a[3].doc, 'a string with \\N and \\.');
    // -0 keeps its sign on both paths (a driver would write String(-0), '0').
    assert.ok(Object.is(a[3].ratio, -0) && Object.is(b[3].ratio, -0), `${a[3].ratio} ${b[3].ratio}`);
    for (let i = 0; i < hostile.length; i++) {
      const r = a[4 + i];
      assert.equal(r.note, hostile[i], `note ${JSON.stringify(hostile[i])}`);
      assert.equal(r.ci, hostile[i]);
      assert.deepEqual(r.words, [hostile[i]]);
      assert.deepEqual(r.doc, { s: hostile[i] });
    }
  });

  it('batches whose values all have a binary form go in COPY\'s binary format, and read back as INSERT stores them', async () => {
    const binaryAttributes = () => ({
      code: { type: DataTypes.STRING(40), allowNull: false },
      note: DataTypes.TEXT,
      n: DataTypes.INTEGER,
      small: DataTypes.SMALLINT,
      big: DataTypes.BIGINT,
      ratio: DataTypes.DOUBLE,
      flag: DataTypes.BOOLEAN,
      at: DataTypes.DATE,
      day: DataTypes.DATEONLY,
      ref: DataTypes.UUID,
      doc: DataTypes.JSONB,
      plain: DataTypes.JSON,
      kind: DataTypes.ENUM('x', 'y z', "o'k", 'tab\there'),
      bytes: DataTypes.BLOB,
    });
    const Bin = t.db.define('Bin', binaryAttributes());
    const BinTwin = t.db.define('BinTwin', binaryAttributes());
    await Bin.sync({ force: true });
    await BinTwin.sync({ force: true });
    const keys = Object.keys(binaryAttributes());
    const rows = (): Record<string, unknown>[] => [
      { code: 'max', n: 2147483647, small: -32768, big: '9223372036854775807', ratio: Number.MAX_VALUE, flag: true, at: new Date('2024-02-29T12:34:56.789Z'), day: '2024-02-29', ref: 'ABCDEF01-2345-4678-9ABC-DEF012345678', doc: { a: [1, { b: 'c\td' }] }, plain: [1, 'x'], kind: "o'k", bytes: Buffer.from([0, 9, 10, 13, 92, 255]) },
      { code: 'min', n: -2147483648, small: 32767, big: '-9223372036854775808', ratio: -1.5e-300, flag: false, at: new Date(-62135596800000), day: '0001-01-01', doc: null, plain: 'text', kind: 'tab\there', bytes: Buffer.alloc(0) },
      { code: 'odd', ratio: NaN, at: new Date('9999-12-31T23:59:59.999Z'), day: '0099-12-31', doc: 'str', plain: { k: null } },
      { code: 'inf', ratio: -Infinity, at: new Date(0), day: 'infinity' },
      { code: 'ninf', ratio: Infinity, day: '-infinity', note: 'é 日本 🎉' },
      ...hostile.map((h, i) => ({ code: `h${i}`, note: h, doc: { h }, plain: h })),
      { code: 'nulls' },
    ];
    await Bin.bulkCreate(rows(), { copy: true });
    assert.ok(statements(t.log).some((s) => /^COPY "Bins" \(.*\) FROM STDIN WITH \(FORMAT binary\)$/.test(s)), statements(t.log).join('\n'));
    await BinTwin.bulkCreate(rows(), { copy: false });
    const a = await Bin.findAll({ order: [['id', 'ASC']] });
    const b = await BinTwin.findAll({ order: [['id', 'ASC']] });
    assert.equal(a.length, rows().length);
    for (let i = 0; i < a.length; i++) assert.deepEqual(values(a[i], keys), values(b[i], keys), `row ${i} (${String(a[i].code)})`);
    assert.equal(a[0].big, '9223372036854775807');
    assert.equal(a[0].ref, 'abcdef01-2345-4678-9abc-def012345678');
    assert.equal((a[0].at as Date).toISOString(), '2024-02-29T12:34:56.789Z');
    assert.equal((a[1].at as Date).toISOString(), '0001-01-01T00:00:00.000Z');
    assert.equal(a[1].ratio, -1.5e-300);
    assert.equal((a[2].at as Date).toISOString(), '9999-12-31T23:59:59.999Z');
    assert.equal(a[2].day, '0099-12-31');
    assert.equal(a[3].day, 'infinity');
    assert.equal(a[4].note, 'é 日本 🎉');
    for (let i = 0; i < hostile.length; i++) assert.equal(a[5 + i].note, hostile[i]);
    assert.ok((a[0].createdAt as Date).getTime() > Date.now() - 600_000, 'stamped');
    // Past year 9999 and -0, in binary as well.
    await Bin.destroy({ truncate: true });
    await Bin.bulkCreate([{ code: 'far', at: new Date('+010000-01-01T00:00:00.000Z'), ratio: -0 }], { copy: true });
    const far = (await Bin.findOne({ where: { code: 'far' } }))!;
    assert.equal((far.at as Date).toISOString(), '+010000-01-01T00:00:00.000Z');
    assert.ok(Object.is(far.ratio, -0));
    // A timestamp given as text (its own zone) has no exact binary form: that batch goes as text, read by the server as INSERT's would be.
    await Bin.destroy({ truncate: true });
    t.log.length = 0;
    await Bin.bulkCreate([{ code: 'zone', at: '2020-06-01 12:00:00.123456+02' }, { code: 'date', day: '2021-02-28' }], { copy: true });
    assert.ok(statements(t.log).some((s) => /^COPY "Bins" \(.*\) FROM STDIN$/.test(s)), 'text format');
    const zone = (await Bin.findOne({ where: { code: 'zone' } }))!;
    assert.equal((zone.at as Date).toISOString(), '2020-06-01T10:00:00.123Z');
    await assert.rejects(Bin.bulkCreate([{ code: 'bad', day: '2021-02-30' }], { copy: true }), (e: Error) => e instanceof ValidationError || /date/i.test(e.message));
    await assert.rejects(Bin.bulkCreate([{ code: 'bad', small: 32768 }], { copy: true }), ValidationError);
  });

  it('attribute setters, class field initializers and JS defaults apply on every path, as build does', async () => {
    class Styled extends Model {
      declare id: number;
      declare name: string;
      declare tier: number;
      declare stamp: string;
    }
    Styled.init({
      name: { type: DataTypes.STRING, set(this: Styled, v: unknown) { this.setDataValue('name', String(v).toUpperCase()); } },
      tier: DataTypes.INTEGER,
      stamp: { type: DataTypes.STRING, defaultValue: () => 'js-default' },
    }, { sequelize: t.db, modelName: 'Styled', timestamps: false });
    class Plain extends Model {
      declare id: number;
      declare tier: number;
      declare stamp: string;
      // Declared with an initializer: the default for build (and so for bulkCreate).
      tier2 = 7;
    }
    Plain.init({ tier: DataTypes.INTEGER, tier2: DataTypes.INTEGER, stamp: { type: DataTypes.STRING, defaultValue: 'lit' } }, { sequelize: t.db, modelName: 'Plain', timestamps: false });
    await Styled.sync({ force: true });
    await Plain.sync({ force: true });
    for (const copy of [true, false]) {
      await Styled.destroy({ truncate: true });
      await Plain.destroy({ truncate: true });
      await Styled.bulkCreate(Array.from({ length: 3 }, (_, i) => ({ name: `n${i}`, tier: i })), { copy });
      await Plain.bulkCreate([{ tier: 1 }, { tier: 2, stamp: 'given' }], { copy });
      assert.deepEqual((await Styled.findAll({ order: [['tier', 'ASC']] })).map((r) => [r.name, r.stamp]), [['N0', 'js-default'], ['N1', 'js-default'], ['N2', 'js-default']], `copy: ${copy}`);
      assert.deepEqual((await Plain.findAll({ order: [['tier', 'ASC']] })).map((r) => [r.tier, r.get('tier2'), r.stamp]), [[1, 7, 'lit'], [2, 7, 'given']], `copy: ${copy}`);
    }
  });

  it('a NUL character is refused with a ValidationError naming the row; nothing is sent', async () => {
    const rows = Array.from({ length: 6000 }, (_, i) => ({ code: `r${i}`, note: i === 4321 ? 'a\u0000b' : 'fine' }));
    await assert.rejects(Row.bulkCreate(rows, { copy: true }), (e: Error) => e instanceof ValidationError && /row 4321: Row\.note contains a NUL character/.test(e.message));
    await assert.rejects(Row.bulkCreate([{ code: 'j', doc: { k: 'a\u0000' } }], { copy: true }), (e: Error) => e instanceof Error);
    assert.equal(await Row.count(), 0);
  });

  it('a bad row in the middle fails the whole load with its index, and no row stays', async () => {
    const rows = Array.from({ length: 25_000 }, (_, i) => ({ code: `r${i}`, n: i === 17_777 ? 'seventeen' : i }));
    await assert.rejects(Row.bulkCreate(rows, { returning: false }), (e: Error) => e instanceof ValidationError && /row 17777: Row\.n must be an integer/.test(e.message));
    assert.equal(await Row.count(), 0);
    const sent = statements(t.log);
    assert.ok(sent.some((s) => COPY.test(s.replace(/ -- failed$/, ''))), 'went through COPY (25,000 rows, returning: false)');
    // Refused by the server, not by the checks: a duplicate key in the third batch.
    t.log.length = 0;
    const dup = Array.from({ length: 25_000 }, (_, i) => ({ code: i === 23_456 ? 'r5' : `r${i}` }));
    await assert.rejects(Row.bulkCreate(dup, { copy: true }), (e: Error) => e instanceof UniqueConstraintError && /^row 23456: /.test(e.message));
    assert.equal(await Row.count(), 0);
    assert.ok(t.log.some((s) => /^ROLLBACK/.test(s)));
  });

  it('splits a load past the bind-parameter limit into batches, all committed or none', async () => {
    // 7,000 rows x 10 columns = 70,000 values: more than PostgreSQL's 65,535 parameters in a VALUES list.
    const rows = Array.from({ length: 7000 }, (_, i) => ({ code: `p${i}`, note: `n${i}`, n: i, small: i % 100, big: String(i), ratio: i / 3, flag: i % 2 === 0, day: '2024-01-01', words: [`w${i}`] }));
    const created = await Row.bulkCreate(rows, { batchSize: 3000 });
    assert.equal(created.length, 7000);
    assert.deepEqual([created[0].code, created[6999].code, created[6999].n], ['p0', 'p6999', 6999]);
    const inserts = statements(t.log).filter((s) => /^INSERT/.test(s));
    assert.equal(inserts.length, 3, 'three batches');
    assert.ok(t.log.some((s) => /^BEGIN/.test(s)) && t.log.some((s) => /^COMMIT/.test(s)), 'in one transaction');
    assert.equal(await Row.count(), 7000);
    await Row.destroy({ truncate: true });
    // The last batch is refused by the server: the first two, already inserted, go too.
    const bad = rows.map((r, i) => (i === 6500 ? { ...r, code: 'p10' } : r));
    await assert.rejects(Row.bulkCreate(bad, { batchSize: 3000 }), (e: Error) => e instanceof UniqueConstraintError && /^rows 6000-6999: /.test(e.message));
    assert.equal(await Row.count(), 0);
    // And a bad value in the last batch, found by the checks after two batches were sent.
    const wrong = rows.map((r, i) => (i === 6999 ? { ...r, small: 'x' } : r));
    await assert.rejects(Row.bulkCreate(wrong, { batchSize: 3000 }), (e: Error) => e instanceof ValidationError && /row 6999: Row\.small/.test(e.message));
    assert.equal(await Row.count(), 0);
  });

  it('inside a caller\'s transaction: a failed load leaves the transaction usable and keeps none of its rows', async () => {
    await t.db.transaction(async () => {
      await Row.create({ code: 'before' });
      const rows = Array.from({ length: 6000 }, (_, i) => ({ code: i === 5999 ? 'before' : `c${i}` }));
      await assert.rejects(Row.bulkCreate(rows, { copy: true }), UniqueConstraintError);
      await Row.bulkCreate(Array.from({ length: 6000 }, (_, i) => ({ code: `ok${i}` })), { copy: true });
    });
    assert.equal(await Row.count(), 6001);
    assert.ok(t.log.some((s) => /^SAVEPOINT/.test(s)), 'the load is a savepoint of the caller\'s transaction');
    assert.ok(t.log.some((s) => /^COPY /.test(s)), 'the load went through COPY');
  });

  it('a COPY load given { transaction } is part of it: seen inside, gone after a rollback', async () => {
    const before = await Row.count();
    const tx = await t.db.transaction();
    t.log.length = 0;
    const n = await Row.bulkCreate((function* () { for (let i = 0; i < 6000; i++) yield { code: `tx${i}` }; })(), { copy: true, transaction: tx });
    assert.equal(n, 6000);
    assert.ok(t.log.some((s) => /^COPY /.test(s)), 'the load went through COPY');
    assert.equal(await Row.count({ transaction: tx }), before + 6000);
    await tx.rollback();
    assert.equal(await Row.count(), before);
  });

  it('streams an async iterable in batches and reports progress', async () => {
    let made = 0;
    async function* produce(n: number) {
      for (let i = 0; i < n; i++) {
        made++;
        yield { code: `s${i}`, n: i, doc: { i } };
      }
    }
    const progress: [number, number | undefined][] = [];
    const count = await Row.bulkCreate(produce(25_000), { onProgress: (done, total) => progress.push([done, total]) });
    assert.equal(count, 25_000);
    assert.equal(made, 25_000);
    assert.deepEqual(progress, [[10_000, undefined], [20_000, undefined], [25_000, undefined]]);
    assert.equal(await Row.count(), 25_000);
    assert.equal((await Row.findOne({ where: { code: 's24999' } }))!.n, 24_999);
    assert.ok(statements(t.log).some((s) => COPY.test(s)));
    // The source is pulled as batches are written, not all at once.
    const pulled: number[] = [];
    let i = 0;
    const lazy = { [Symbol.asyncIterator]: () => ({ next: async () => (i < 2500 ? { done: false, value: { code: `l${i++}` } } : { done: true, value: undefined }) }) };
    await Row.bulkCreate(lazy as AsyncIterable<{ code: string }>, { batchSize: 1000, onProgress: (done) => pulled.push(i - done) });
    assert.ok(pulled.every((ahead) => ahead <= 1000), `at most one batch read ahead of what was written: ${pulled.join(',')}`);
  });

  it('a sync iterable (a generator) works too; small loads go through INSERT; an array reports its total', async () => {
    function* few() {
      yield { code: 'g1' };
      yield { code: 'g2' };
    }
    assert.equal(await Row.bulkCreate(few()), 2);
    assert.ok(statements(t.log).some((s) => /^INSERT .* FROM unnest/.test(s)), 'two rows: one INSERT');
    assert.ok(!statements(t.log).some((s) => COPY.test(s)));
    assert.equal(await Row.bulkCreate(new Set([{ code: 'g3' }])), 1);
    const progress: [number, number | undefined][] = [];
    await Row.bulkCreate(Array.from({ length: 2500 }, (_, i) => ({ code: `a${i}` })), { batchSize: 1000, returning: false, onProgress: (d, tot) => progress.push([d, tot]) });
    assert.deepEqual(progress, [[1000, 2500], [2000, 2500], [2500, 2500]]);
    assert.equal(await Row.count(), 2503);
    await assert.rejects(Row.bulkCreate(few(), { returning: true }), UsageError);
    await assert.rejects(Row.bulkCreate('rows' as never), UsageError);
    await assert.rejects(Row.bulkCreate([{ code: 'z' }], { batchSize: 0 }), UsageError);
    await assert.rejects(Row.bulkCreate([{ code: 'z' }], { onProgress: 'x' as never }), UsageError);
  });

  it('picks COPY for large loads that need nothing back, INSERT otherwise; copy: false and copy: true force it', async () => {
    const rows = (n: number, p: string) => Array.from({ length: n }, (_, i) => ({ code: `${p}${i}` }));
    await Row.bulkCreate(rows(6000, 'a'), { returning: false });
    assert.ok(statements(t.log).some((s) => COPY.test(s)));
    t.log.length = 0;
    await Row.bulkCreate(rows(6000, 'b'), { returning: false, copy: false });
    assert.ok(!statements(t.log).some((s) => COPY.test(s)));
    t.log.length = 0;
    await Row.bulkCreate(rows(6000, 'c'));
    assert.ok(!statements(t.log).some((s) => COPY.test(s)), 'returning (the default for an array) needs INSERT');
    t.log.length = 0;
    assert.deepEqual(await Row.bulkCreate(rows(3, 'd'), { copy: true }), []);
    assert.ok(statements(t.log).some((s) => COPY.test(s)));
    assert.equal(await Row.count(), 18_003);
    await assert.rejects(Row.bulkCreate(rows(3, 'e'), { copy: true, returning: true }), UsageError);
    await assert.rejects(Row.bulkCreate(rows(3, 'e'), { copy: true, ignoreDuplicates: true }), UsageError);
    await assert.rejects(Row.bulkCreate(rows(3, 'e'), { copy: 'yes' as never }), UsageError);
  });

  it('hooks and validators run on the COPY path; a streamed load runs them per batch', async () => {
    const seen: string[] = [];
    const Hooked = t.db.define('Hooked', {
      name: { type: DataTypes.STRING, validate: { len: [1, 5] } },
      slug: DataTypes.STRING,
    }, {
      hooks: {
        beforeBulkCreate: (list: unknown[]) => {
          seen.push(`before ${list.length}`);
          for (const i of list as { name: string; slug: string }[]) i.slug = `${i.name}!`;
        },
        afterBulkCreate: (list: unknown[]) => void seen.push(`after ${list.length}`),
      },
    });
    await Hooked.sync({ force: true });
    t.log.length = 0;
    async function* names(n: number, bad = -1) {
      for (let i = 0; i < n; i++) yield { name: i === bad ? 'too long' : `n${i % 100}` };
    }
    assert.equal(await Hooked.bulkCreate(names(2500), { batchSize: 1000 }), 2500);
    assert.deepEqual(seen, ['before 1000', 'after 1000', 'before 1000', 'after 1000', 'before 500', 'after 500']);
    assert.equal(await Hooked.count({ where: { slug: 'n7!' } }), 25);
    assert.ok(statements(t.log).some((s) => COPY.test(s)));
    seen.length = 0;
    await assert.rejects(Hooked.bulkCreate(names(2500, 2222), { batchSize: 1000 }), (e: Error) => e instanceof ValidationError && /row 2222: /.test(e.message));
    assert.equal(await Hooked.count(), 2500, 'the failed load left nothing');
    await assert.rejects(Hooked.bulkCreate(Array.from({ length: 6000 }, (_, i) => ({ name: i === 5000 ? '' : 'ok' })), { returning: false }), (e: Error) => e instanceof ValidationError && /row 5000: /.test(e.message));
    assert.equal(await Hooked.count(), 2500);
  });

  it('a call\'s own logging sees its COPY and its cursor statements (and the Database\'s logger none of them); logging: false hides them', async () => {
    const Quiet = t.db.define('QuietRow', { n: DataTypes.INTEGER }, { timestamps: false });
    await Quiet.sync({ force: true });
    const own: string[] = [];
    t.log.length = 0;
    await Quiet.bulkCreate([{ n: 1 }, { n: 2 }, { n: 3 }], { copy: true, logging: (sql: string) => own.push(sql) });
    assert.ok(own.some((s) => COPY.test(s)), own.join('\n'));
    assert.ok(!t.log.some((s) => COPY.test(s)), 'not on the Database\'s logger');
    own.length = 0;
    t.log.length = 0;
    const seen: number[] = [];
    for await (const r of Quiet.findEach({ order: [['n', 'ASC']], batchSize: 2, logging: (sql: string) => own.push(sql) })) seen.push((r as any).n);
    assert.deepEqual(seen, [1, 2, 3]);
    assert.ok(own.length >= 1 && own.every((s) => /"QuietRows"|FETCH|CLOSE/.test(s)), own.join('\n'));
    assert.deepEqual(t.log.filter((s) => /QuietRows|FETCH|CLOSE|DECLARE/.test(s)), []);
    own.length = 0;
    await t.db.transaction(async () => {
      t.log.length = 0;
      for await (const _ of Quiet.findEach({ batchSize: 2, logging: false })) void _;
      await Quiet.bulkCreate([{ n: 4 }], { copy: true, logging: false });
      assert.deepEqual(t.log.filter((s) => /QuietRows|FETCH|CLOSE|DECLARE|COPY/.test(s)), [], 'logging: false hides the cursor and the COPY inside a transaction too');
    });
    assert.equal(await Quiet.count(), 4);
  });

  it('an array loaded by COPY (nothing read back) still runs afterCreate per row and afterBulkCreate with the built instances', async () => {
    const seen: string[] = [];
    const Logged = t.db.define('Logged', { name: DataTypes.STRING }, {
      hooks: {
        afterCreate: (i: { name: string }) => void seen.push(`created ${i.name}`),
        afterBulkCreate: (list: unknown[]) => void seen.push(`bulk ${list.length}`),
      },
    });
    await Logged.sync({ force: true });
    t.log.length = 0;
    assert.deepEqual(await Logged.bulkCreate([{ name: 'a' }, { name: 'b' }], { copy: true, individualHooks: true }), []);
    assert.ok(statements(t.log).some((s) => COPY.test(s)), 'the COPY path');
    assert.deepEqual(seen, ['created a', 'created b', 'bulk 2']);
    seen.length = 0;
    assert.deepEqual(await Logged.bulkCreate([{ name: 'c' }], { returning: false, individualHooks: true }), []);
    assert.deepEqual(seen, ['created c', 'bulk 1']);
    assert.equal(await Logged.count(), 3);
  });

  it('a streamed load whose source queries (another model\'s findEach) finishes: outside a transaction on pg, and inside one on both drivers', { timeout: 60_000 }, async () => {
    const From = t.db.define('CopyFrom', { n: DataTypes.INTEGER }, { timestamps: false });
    const To = t.db.define('CopyTo', { n: DataTypes.INTEGER }, { timestamps: false });
    await From.sync({ force: true });
    await To.sync({ force: true });
    await From.bulkCreate(Array.from({ length: 2500 }, (_, i) => ({ n: i })), { copy: true });
    async function* source() {
      for await (const row of From.findEach({ order: [['n', 'ASC']], batchSize: 700 })) yield { n: (row as any).n as number };
    }
    // On PGlite the load's transaction holds the only session, which a cursor outside it would wait for.
    if (t.driver === 'pg') {
      assert.equal(await To.bulkCreate(source(), { batchSize: 1000, copy: true }), 2500);
      assert.equal(await To.count(), 2500);
    }
    await To.destroy({ truncate: true });
    t.log.length = 0;
    const written = await t.db.transaction(() => To.bulkCreate(source(), { batchSize: 1000, copy: true }));
    assert.equal(written, 2500);
    assert.equal(await To.sum('n'), (2499 * 2500) / 2);
    assert.equal(statements(t.log).filter((s) => COPY.test(s)).length, 3, 'inside the caller\'s transaction each batch is a COPY of its own');
  });

  it('a hook that queries during a streamed COPY load runs (no wait behind the COPY); a failing after-hook fails the load, nothing stays', { timeout: 60_000 }, async () => {
    const counts: number[] = [];
    let failAfter = false;
    const Audited = t.db.define('Audited', { name: DataTypes.STRING }, {
      timestamps: false,
      hooks: {
        // Queries in the load's transaction (the managed context): before, it waited forever behind the streamed COPY on pg.
        beforeBulkCreate: async () => void counts.push(await Audited.count()),
        afterBulkCreate: () => { if (failAfter) throw new Error('after hook failed'); },
      },
    });
    await Audited.sync({ force: true });
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => void unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      async function* rows(n: number) { for (let i = 0; i < n; i++) yield { name: `a${i}` }; }
      t.log.length = 0;
      assert.equal(await Audited.bulkCreate(rows(30), { batchSize: 10, copy: true }), 30);
      assert.deepEqual(counts, [0, 10, 20], 'each batch\'s hook sees the rows copied before it');
      assert.equal(statements(t.log).filter((s) => /^COPY /.test(s)).length, 3, 'one COPY per batch when hooks run between batches');
      failAfter = true;
      await assert.rejects(Audited.bulkCreate(rows(30), { batchSize: 10, copy: true }), /after hook failed/);
      assert.equal(await Audited.count(), 30, 'the failed load left nothing');
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
