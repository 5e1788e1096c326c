// bulkCreate: every row checked before anything is sent; one unnest() INSERT whose text
// does not depend on the number of rows; all rows or none.
import { before, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { DataTypes, Op, UniqueConstraintError, UnknownAttributeError, UsageError, ValidationError } from '../../src/index';
import type { DefinedModel } from '../../src/index';
import { forEachDriver, statements } from '../support/harness';

forEachDriver('bulkCreate', (t) => {
  let Row: DefinedModel;
  before(async () => {
    Row = t.db.define('Row', {
      code: { type: DataTypes.STRING(20), allowNull: false, unique: true },
      note: DataTypes.TEXT,
      n: DataTypes.INTEGER,
      big: DataTypes.BIGINT,
      ratio: DataTypes.DOUBLE,
      price: DataTypes.DECIMAL(12, 4),
      flag: { type: DataTypes.BOOLEAN, defaultValue: false },
      day: DataTypes.DATEONLY,
      at: DataTypes.TIME,
      ref: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4 },
      doc: DataTypes.JSONB,
      plain: DataTypes.JSON,
      kind: DataTypes.ENUM('x', 'y z', "o'k"),
      kinds: DataTypes.ARRAY(DataTypes.ENUM('x', 'y z', "o'k")),
      nums: DataTypes.ARRAY(DataTypes.INTEGER),
      words: DataTypes.ARRAY(DataTypes.TEXT),
      bytes: DataTypes.BLOB,
    });
    await Row.sync({ force: true });
  });
  beforeEach(async () => {
    await Row.destroy({ truncate: true, restartIdentity: true });
    t.log.length = 0;
  });

  it('inserts every row in one statement and returns instances with the database values', async () => {
    const rows = await Row.bulkCreate([
      { code: 'a', n: 1, big: '9223372036854775807', ratio: NaN, price: '1.2345', day: '2020-02-29', at: '10:11:12', doc: { deep: { list: [1, 'two', null] } }, plain: 'just a string', kind: 'y z', kinds: ['x', "o'k"], nums: [1, null, 3], words: ['a,b', '{c}', 'NULL', '"q"', 'back\\slash', ''], bytes: Buffer.from([0, 1, 255]) },
      { code: 'b', note: null, ratio: -Infinity, doc: [1, 2], plain: null, kinds: [], nums: [], words: [] },
      { code: 'c', flag: true },
    ]);
    assert.equal(statements(t.log).length, 1);
    assert.match(statements(t.log)[0], /^INSERT INTO "Rows" \(.*\) SELECT .* FROM unnest\(\$1::VARCHAR\(20\)\[\], .*\) AS u\(.*\) RETURNING /);
    assert.deepEqual(rows.map((r) => [r.id, r.code]), [[1, 'a'], [2, 'b'], [3, 'c']]);
    for (const r of rows) {
      assert.equal(r.isNewRecord, false);
      assert.equal(r.changed(), false);
      assert.ok(r.createdAt instanceof Date);
      assert.match(r.ref, /^[0-9a-f-]{36}$/);
    }
    const read = await Row.findAll({ order: ['id'] });
    const a = read[0];
    assert.equal(a.big, '9223372036854775807');
    assert.ok(Number.isNaN(a.ratio));
    assert.equal(a.price, '1.2345');
    assert.equal(a.day, '2020-02-29');
    assert.equal(a.at, '10:11:12');
    assert.deepEqual(a.doc, { deep: { list: [1, 'two', null] } });
    assert.equal(a.plain, 'just a string');
    assert.equal(a.kind, 'y z');
    assert.deepEqual(a.kinds, ['x', "o'k"]);
    assert.deepEqual(a.nums, [1, null, 3]);
    assert.deepEqual(a.words, ['a,b', '{c}', 'NULL', '"q"', 'back\\slash', '']);
    assert.deepEqual(a.bytes, Buffer.from([0, 1, 255]));
    assert.equal(a.flag, false);
    assert.equal(read[1].ratio, -Infinity);
    assert.deepEqual(read[1].doc, [1, 2]);
    assert.equal(read[1].plain, null);
    assert.deepEqual(read[1].kinds, []);
    assert.equal(read[1].n, null);
    assert.equal(read[2].flag, true);
    assert.equal(read[2].nums, null);
  });

  it('sends the same SQL text for 1 row and for 1000 rows', async () => {
    await Row.bulkCreate([{ code: 'one', n: 1 }]);
    const many = Array.from({ length: 1000 }, (_, i) => ({ code: `r${i}`, n: i }));
    const rows = await Row.bulkCreate(many);
    const [first, second] = statements(t.log);
    assert.equal(first, second);
    assert.equal(rows.length, 1000);
    assert.equal(rows[999].code, 'r999');
    assert.equal(await Row.count(), 1001);
  });

  it('checks every row before sending anything, and reports which rows are bad', async () => {
    await assert.rejects(Row.bulkCreate([{ code: 'ok' }, { code: null }, { code: 'x', n: 'five' }, { n: 1 }]), (e: Error) => {
      assert.ok(e instanceof ValidationError);
      const messages = (e as ValidationError).errors.map((x) => x.message);
      assert.ok(messages.some((m) => /row 1: Row\.code cannot be null/.test(m)), messages.join('\n'));
      assert.ok(messages.some((m) => /row 2: Row\.n must be an integer/.test(m)), messages.join('\n'));
      assert.ok(messages.some((m) => /row 3: Row\.code is required/.test(m)), messages.join('\n'));
      return true;
    });
    await assert.rejects(Row.bulkCreate([{ code: 'ok' }, { code: 'b', nope: 1 } as never]), (e: Error) => e instanceof UnknownAttributeError && /row 1/.test(e.message));
    await assert.rejects(Row.bulkCreate([{ code: 'ok' }, { code: 'toolong'.repeat(5) }]), ValidationError);
    await assert.rejects(Row.bulkCreate([{ code: 'ok', kind: 'nope' }]), ValidationError);
    await assert.rejects(Row.bulkCreate([{ code: 'ok', kinds: ['x', 'nope'] }]), ValidationError);
    await assert.rejects(Row.bulkCreate([{ code: 'ok' }, 'row' as never]), UsageError);
    await assert.rejects(Row.bulkCreate({ code: 'x' } as never), UsageError);
    assert.deepEqual(statements(t.log), []);
    assert.equal(await Row.count(), 0);
  });

  it('inserts all rows or none', async () => {
    await Row.create({ code: 'taken' });
    await assert.rejects(Row.bulkCreate([{ code: 'new1' }, { code: 'taken' }, { code: 'new2' }]), UniqueConstraintError);
    assert.deepEqual((await Row.findAll()).map((r) => r.code), ['taken']);
  });

  it('a row that leaves out a column others give takes NULL there (or is refused for NOT NULL)', async () => {
    const rows = await Row.bulkCreate([{ code: 'a', n: 1, note: 'x' }, { code: 'b' }]);
    assert.deepEqual(rows.map((r) => [r.n, r.note]), [[1, 'x'], [null, null]]);
    const Strict = t.db.define('Strict', { a: { type: DataTypes.INTEGER, allowNull: false }, b: DataTypes.INTEGER }, { timestamps: false });
    await Strict.sync({ force: true });
    await assert.rejects(Strict.bulkCreate([{ a: 1 }, { b: 2 }]), (e: Error) => e instanceof ValidationError && /row 1: Strict\.a is required/.test(e.message));
  });

  it('an auto-increment key is given by every row or by none', async () => {
    await assert.rejects(Row.bulkCreate([{ id: 10, code: 'a' }, { code: 'b' }]), (e: Error) => e instanceof UsageError && /every row or by none/.test(e.message));
    const rows = await Row.bulkCreate([{ id: 10, code: 'a' }, { id: 11, code: 'b' }]);
    assert.deepEqual(rows.map((r) => r.id), [10, 11]);
  });

  it('fields limits the columns written; timestamps and defaults as in create', async () => {
    const rows = await Row.bulkCreate([{ code: 'a', n: 5, note: 'dropped' }], { fields: ['code', 'n'] });
    assert.equal(rows[0].note, null);
    assert.equal(rows[0].n, 5);
    assert.match(rows[0].ref, /^[0-9a-f-]{36}$/, 'a column left out by fields takes its SQL DEFAULT (gen_random_uuid())');
    assert.equal(rows[0].flag, false, 'and DEFAULT false');
    assert.ok(rows[0].updatedAt instanceof Date);
    await assert.rejects(Row.bulkCreate([{ code: 'a' }], { fields: ['code', 'nope'] }), UnknownAttributeError);
  });

  it('returning: false inserts and resolves to []; an empty list sends nothing', async () => {
    assert.deepEqual(await Row.bulkCreate([{ code: 'a' }, { code: 'b' }], { returning: false }), []);
    assert.doesNotMatch(statements(t.log)[0], /RETURNING/);
    assert.equal(await Row.count(), 2);
    t.log.length = 0;
    assert.deepEqual(await Row.bulkCreate([]), []);
    assert.deepEqual(statements(t.log), []);
  });

  it('timestamps no row gives are bound once for all rows; a row that gives one keeps it', async () => {
    t.log.length = 0;
    const rows = await Row.bulkCreate([{ code: 'a' }, { code: 'b' }]);
    assert.match(statements(t.log)[0], /SELECT .*\$\d+::TIMESTAMPTZ, \$\d+::TIMESTAMPTZ FROM unnest\(/);
    assert.equal(rows[0].createdAt.getTime(), rows[1].createdAt.getTime());
    const mixed = await Row.bulkCreate([{ code: 'c' }, { code: 'd', createdAt: new Date(0) }]);
    assert.deepEqual(mixed.map((r) => r.createdAt.getTime() === 0), [false, true]);
    const TsOnly = t.db.define('TsOnly', { note: DataTypes.STRING });
    await TsOnly.sync({ force: true });
    const bare = await TsOnly.bulkCreate([{}, {}, {}]);
    assert.deepEqual(bare.map((r) => r.id), [1, 2, 3]);
    assert.ok(bare.every((r) => r.updatedAt instanceof Date && r.note === null));
  });

  it('rows with no columns at all take every default', async () => {
    const Bare = t.db.define('Bare', { v: { type: DataTypes.INTEGER, defaultValue: 7 } }, { timestamps: false });
    await Bare.sync({ force: true });
    const rows = await Bare.bulkCreate([{}, {}], { fields: [] });
    assert.deepEqual(rows.map((r) => [r.id, r.v]), [[1, 7], [2, 7]]);
  });

  it('CITEXT and HSTORE columns (extension types) go through unnest as text and are cast back', async () => {
    const Ext = t.db.define('Ext', { c: DataTypes.CITEXT, h: DataTypes.HSTORE }, { timestamps: false });
    await Ext.sync({ force: true });
    const rows = await Ext.bulkCreate([{ c: 'AbC', h: { a: "it's", 'b"=>': null } }, { c: 'x,y' }]);
    assert.deepEqual(rows.map((r) => [r.c, r.h]), [['AbC', { a: "it's", 'b"=>': null }], ['x,y', null]]);
    assert.equal(await Ext.count({ where: { c: 'abc' } }), 1);
    assert.equal(await Ext.count({ where: { c: { [Op.in]: ['ABC', 'X,Y'] } } }), 2);
    assert.equal(await Ext.count({ where: { h: { a: "it's", 'b"=>': null } } }), 1);
  });

  it('values with quotes, semicolons, $1, :name and -- round-trip exactly', async () => {
    const hostile = [`'; DROP TABLE "Rows"; --`, '$1', ':name', '-- comment', `"quoted" 'single'`, 'a\\nb\\', '${x}', '?'];
    const rows = await Row.bulkCreate(hostile.map((s, i) => ({ code: `h${i}`, note: s, words: [s, s], doc: { s } })));
    const read = await Row.findAll({ order: ['id'] });
    assert.deepEqual(read.map((r) => r.note), hostile);
    assert.deepEqual(read.map((r) => r.words), hostile.map((s) => [s, s]));
    assert.deepEqual(read.map((r) => r.doc.s), hostile);
    assert.equal(rows.length, hostile.length);
  });
});
