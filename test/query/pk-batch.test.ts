// Automatic batching of findByPk: the calls of one tick outside a transaction share one
// `WHERE "id" = ANY($1)` statement, and each caller still gets exactly its own answer.
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { DataTypes, DatabaseError, EmptyResultError, UsageError, ValidationError } from '../../src/index';
import type { DefinedModel } from '../../src/index';
import { forEachDriver, statements } from '../support/harness';

/** The models of this file, with findByPk's answer loosely typed (a test reads whatever it asserts on). */
type Loose = { findByPk(key: unknown, options?: object): Promise<any> } & DefinedModel;

const UUID_A = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11';
const UUID_B = 'b1eebc99-9c0b-4ef8-bb6d-6bb9bd380a22';

forEachDriver('findByPk batching', (t) => {
  let Item: Loose;
  let Token: Loose;
  let Pair: Loose;
  let Other: Loose;
  let select: string;
  const batchText = () => `SELECT ${select}, array_positions($1::INTEGER[], "id") FROM "Items" WHERE "id" = ANY($1::INTEGER[])`;
  const singleText = () => `SELECT ${select} FROM "Items" WHERE "id" = $1`;

  before(async () => {
    Item = <Loose>t.db.define('Item', {
      name: { type: DataTypes.STRING, allowNull: false },
      meta: DataTypes.JSONB,
      seen: DataTypes.DATE,
    });
    Token = <Loose>t.db.define('Token', { id: { type: DataTypes.UUID, primaryKey: true }, label: DataTypes.STRING }, { timestamps: false });
    Pair = <Loose>t.db.define('Pair', { a: { type: DataTypes.INTEGER, primaryKey: true }, b: { type: DataTypes.INTEGER, primaryKey: true }, v: DataTypes.STRING }, { timestamps: false });
    Other = <Loose>t.db.define('Other', { label: DataTypes.STRING }, { timestamps: false });
    await t.db.sync({ force: true });
    for (let i = 1; i <= 6; i++) await Item.create({ name: `item-${i}`, meta: { n: i, tags: ['x'] }, seen: new Date(Date.UTC(2024, 0, i)) });
    await Token.bulkCreate([{ id: UUID_A, label: 'a' }, { id: UUID_B, label: 'b' }]);
    await Pair.bulkCreate([{ a: 1, b: 1, v: 'one' }, { a: 1, b: 2, v: 'two' }]);
    await Other.create({ label: 'o' });
    select = Item.definition.selectList;
  });

  it('N calls in one tick send one statement; each caller gets its own row as a clean instance', async () => {
    t.log.length = 0;
    const found = await Promise.all([4, 1, 6, 2, 5].map((id) => Item.findByPk(id)));
    assert.deepEqual(statements(t.log), [batchText()]);
    assert.deepEqual(found.map((u) => u.id), [4, 1, 6, 2, 5]);
    for (const u of found) {
      assert.ok(u instanceof Item);
      assert.equal(u.isNewRecord, false);
      assert.equal(u.name, `item-${u.id}`);
      assert.deepEqual(u.meta, { n: u.id, tags: ['x'] });
      assert.equal((u.seen as Date).getTime(), Date.UTC(2024, 0, u.id));
      assert.equal(u.changed(), false);
    }
    // Each is a working record: a change saves to its own row only.
    found[0].name = 'renamed';
    await found[0].save();
    assert.equal((await Item.findByPk(4, { batch: false })).name, 'renamed');
    assert.equal((await Item.findByPk(1, { batch: false })).name, 'item-1');
    await Item.update({ name: 'item-4' }, { where: { id: 4 } });
  });

  it('a lone call in its tick sends the usual single-key statement', async () => {
    t.log.length = 0;
    const u = await Item.findByPk(3);
    assert.equal(u.name, 'item-3');
    assert.deepEqual(statements(t.log), [singleText()]);
  });

  it('mixed hits and misses: misses resolve to null, rejectOnEmpty rejects only its caller', async () => {
    t.log.length = 0;
    const results = await Promise.allSettled([
      Item.findByPk(2),
      Item.findByPk(999),
      Item.findByPk(998, { rejectOnEmpty: true }),
      Item.findByPk(3, { rejectOnEmpty: true }),
      Item.findByPk(997, { rejectOnEmpty: new Error('custom miss') }),
      Item.findByPk(null),
    ]);
    assert.deepEqual(statements(t.log), [batchText()]);
    assert.equal(results[0].status === 'fulfilled' && results[0].value.name, 'item-2');
    assert.deepEqual(results[1], { status: 'fulfilled', value: null });
    assert.ok(results[2].status === 'rejected' && results[2].reason instanceof EmptyResultError);
    assert.equal(results[3].status === 'fulfilled' && results[3].value.name, 'item-3');
    assert.ok(results[4].status === 'rejected' && results[4].reason.message === 'custom miss');
    assert.deepEqual(results[5], { status: 'fulfilled', value: null });
  });

  it('every call a miss: all null, one statement', async () => {
    t.log.length = 0;
    assert.deepEqual(await Promise.all([Item.findByPk(1000), Item.findByPk(1001)]), [null, null]);
    assert.equal(statements(t.log).length, 1);
  });

  it('duplicates: two callers of one key get two distinct instances with their own snapshots', async () => {
    t.log.length = 0;
    const [a, b, c] = await Promise.all([Item.findByPk(5), Item.findByPk(5), Item.findByPk(6)]);
    assert.deepEqual(statements(t.log), [batchText()]);
    assert.notEqual(a, b);
    assert.notEqual(a.meta, b.meta);
    assert.notEqual(a.seen, b.seen);
    assert.equal(a.id, 5);
    assert.equal(b.id, 5);
    assert.equal(c.id, 6);
    a.meta.tags.push('y');
    (a.seen as Date).setUTCFullYear(2030);
    a.name = 'changed';
    assert.deepEqual(a.changed(), ['name', 'meta', 'seen']);
    assert.equal(b.changed(), false);
    assert.deepEqual(b.meta, { n: 5, tags: ['x'] });
    assert.equal((b.seen as Date).getUTCFullYear(), 2024);
  });

  it('a key of the wrong type rejects only its caller; the others share the statement', async () => {
    t.log.length = 0;
    const results = await Promise.allSettled([Item.findByPk(1), Item.findByPk('abc'), Item.findByPk(2), Item.findByPk({ id: 1 })]);
    assert.equal(results[0].status === 'fulfilled' && results[0].value.id, 1);
    assert.ok(results[1].status === 'rejected' && results[1].reason instanceof ValidationError);
    assert.equal(results[2].status === 'fulfilled' && results[2].value.id, 2);
    assert.ok(results[3].status === 'rejected' && results[3].reason instanceof UsageError);
    assert.deepEqual(statements(t.log), [batchText()]);
  });

  it('a failing statement rejects every caller of its batch, and only of its batch', async () => {
    const Missing = <Loose>t.db.define('Missing', { label: DataTypes.STRING }, { timestamps: false });
    t.log.length = 0;
    const results = await Promise.allSettled([Missing.findByPk(1), Missing.findByPk(2), Item.findByPk(1)]);
    assert.ok(results[0].status === 'rejected' && results[0].reason instanceof DatabaseError);
    assert.ok(results[1].status === 'rejected' && results[1].reason instanceof DatabaseError);
    assert.equal(results[0].status === 'rejected' && results[0].reason, results[1].status === 'rejected' && results[1].reason);
    assert.equal(results[2].status === 'fulfilled' && results[2].value.id, 1);
    const sent = statements(t.log);
    assert.equal(sent.filter((s) => s.includes('"Missings"')).length, 1);
    assert.ok(sent.some((s) => s.includes('"Missings"') && s.includes('= ANY(') && s.endsWith('-- failed')));
  });

  it('UUID keys are matched by PostgreSQL equality: another letter case finds the row', async () => {
    t.log.length = 0;
    const [a, upper, b, miss] = await Promise.all([Token.findByPk(UUID_A), Token.findByPk(UUID_A.toUpperCase()), Token.findByPk(UUID_B), Token.findByPk('c2eebc99-9c0b-4ef8-bb6d-6bb9bd380a33')]);
    assert.deepEqual(statements(t.log), [`SELECT ${Token.definition.selectList}, array_positions($1::UUID[], "id") FROM "Tokens" WHERE "id" = ANY($1::UUID[])`]);
    assert.equal(a.label, 'a');
    assert.equal(upper.label, 'a');
    assert.notEqual(a, upper);
    assert.equal(b.label, 'b');
    assert.equal(miss, null);
  });

  it('a CITEXT key is matched as PostgreSQL compares it: case-insensitively', async () => {
    const Tag = <Loose>t.db.define('Tag', { name: { type: DataTypes.CITEXT, primaryKey: true }, n: DataTypes.INTEGER }, { timestamps: false });
    await Tag.sync({ force: true });
    await Tag.create({ name: 'Alice', n: 1 });
    t.log.length = 0;
    const [a, b, c] = await Promise.all([Tag.findByPk('alice'), Tag.findByPk('ALICE'), Tag.findByPk('bob')]);
    assert.equal(statements(t.log).length, 1);
    assert.match(statements(t.log)[0], /array_positions\(\$1::text\[\]::CITEXT\[\], "name"\)/);
    assert.equal(a.n, 1);
    assert.equal(b.n, 1);
    assert.notEqual(a, b);
    assert.equal(c, null);
  });

  it('string keys with array-literal syntax in them travel as values', async () => {
    const Code = <Loose>t.db.define('Code', { code: { type: DataTypes.STRING, primaryKey: true }, n: DataTypes.INTEGER }, { timestamps: false });
    await Code.sync({ force: true });
    const hostile = ['a,b', '"q"', '{x}', 'NULL', 'back\\slash', ' spaced ', "it's", ''];
    await Code.bulkCreate(hostile.map((code, n) => ({ code, n })));
    t.log.length = 0;
    const found = await Promise.all([...hostile, 'null', 'x'].map((k) => Code.findByPk(k)));
    assert.equal(statements(t.log).length, 1);
    assert.deepEqual(found.map((f) => (f === null ? null : [f.code, f.n])), [...hostile.map((code, n) => [code, n]), null, null]);
  });

  it('only calls of the same shape share a statement: attributes, raw and model', async () => {
    t.log.length = 0;
    const [full, partial, partial2, raw, other] = await Promise.all([
      Item.findByPk(1),
      Item.findByPk(2, { attributes: ['id', 'name'] }),
      Item.findByPk(3, { attributes: ['name', 'id'] }),
      Item.findByPk(4, { raw: true }),
      Other.findByPk(1),
    ]);
    const sent = statements(t.log);
    assert.equal(sent.length, 3);
    assert.ok(sent.includes(`SELECT ${select}, array_positions($1::INTEGER[], "id") FROM "Items" WHERE "id" = ANY($1::INTEGER[])`));
    assert.ok(sent.includes(`SELECT "id", "name", array_positions($1::INTEGER[], "id") FROM "Items" WHERE "id" = ANY($1::INTEGER[])`));
    assert.ok(sent.includes(`SELECT ${Other.definition.selectList} FROM "Others" WHERE "id" = $1`));
    assert.equal(full.name, 'item-1');
    assert.equal(partial.name, 'item-2');
    assert.equal(partial.meta, undefined);
    assert.equal(partial2.name, 'item-3');
    assert.ok(!(raw instanceof Item));
    assert.deepEqual(raw.meta, { n: 4, tags: ['x'] });
    assert.equal(raw.name, 'item-4');
    assert.equal(other.label, 'o');
  });

  it('opt-out per call: batch: false sends its own statement', async () => {
    t.log.length = 0;
    const found = await Promise.all([Item.findByPk(1, { batch: false }), Item.findByPk(2, { batch: false }), Item.findByPk(3)]);
    assert.deepEqual(found.map((u) => u.id), [1, 2, 3]);
    assert.deepEqual(statements(t.log), [singleText(), singleText(), singleText()]);
    await assert.rejects(Item.findByPk(1, { batch: 'no' as never }), UsageError);
  });

  it('opt-out for a Database: batchFindByPk: false', async () => {
    const log: string[] = [];
    const db = t.connect({ batchFindByPk: false, logging: (sql) => log.push(sql) });
    try {
      const Same = <Loose>db.define('Item', { name: DataTypes.STRING, meta: DataTypes.JSONB, seen: DataTypes.DATE });
      const found = await Promise.all([1, 2, 3].map((id) => Same.findByPk(id)));
      assert.deepEqual(found.map((u) => u.name), ['item-1', 'item-2', 'item-3']);
      assert.deepEqual(statements(log), [singleText(), singleText(), singleText()]);
    } finally {
      await db.close();
    }
    assert.throws(() => t.connect({ batchFindByPk: 'yes' as never }), UsageError);
  });

  it('no batching inside a transaction, managed (async context) or explicit', async () => {
    t.log.length = 0;
    const inside = await t.db.transaction(async () => Promise.all([1, 2, 3].map((id) => Item.findByPk(id))));
    assert.deepEqual(inside.map((u) => u.id), [1, 2, 3]);
    assert.deepEqual(statements(t.log), [singleText(), singleText(), singleText()]);
    t.log.length = 0;
    const tx = await t.db.transaction();
    try {
      const explicit = await Promise.all([4, 5].map((id) => Item.findByPk(id, { transaction: tx })));
      assert.deepEqual(explicit.map((u) => u.id), [4, 5]);
    } finally {
      await tx.commit();
    }
    assert.deepEqual(statements(t.log), [singleText(), singleText()]);
  });

  // pg only: on PGlite's one connection an outside call waits for the transaction to end.
  if (t.driver === 'pg') it('calls in a transaction and outside it in the same tick are never mixed', async () => {
    t.log.length = 0;
    const tx = await t.db.transaction();
    try {
      await Item.update({ name: 'uncommitted' }, { where: { id: 1 }, transaction: tx });
      const [inTx, outside1, outside2] = await Promise.all([Item.findByPk(1, { transaction: tx }), Item.findByPk(1), Item.findByPk(2)]);
      assert.equal(inTx.name, 'uncommitted');
      assert.equal(outside1.name, 'item-1');
      assert.equal(outside2.name, 'item-2');
    } finally {
      await tx.rollback();
    }
    const sent = statements(t.log);
    assert.equal(sent.filter((s) => s === batchText()).length, 1);
    assert.equal(sent.filter((s) => s === singleText()).length, 1);
  });

  it('composite keys are not batched: one statement per call', async () => {
    t.log.length = 0;
    const [one, two] = await Promise.all([Pair.findByPk({ a: 1, b: 1 }), Pair.findByPk({ a: 1, b: 2 })]);
    assert.equal(one.v, 'one');
    assert.equal(two.v, 'two');
    assert.equal(statements(t.log).length, 2);
    assert.ok(statements(t.log).every((s) => !s.includes('ANY(')));
  });

  it('a paranoid or scoped model goes the normal path (a findOne per call)', async () => {
    const Soft = <Loose>t.db.define('Soft', { label: DataTypes.STRING }, { paranoid: true });
    await Soft.sync({ force: true });
    const [x, y] = await Soft.bulkCreate([{ label: 'x' }, { label: 'y' }]);
    await y.destroy();
    t.log.length = 0;
    const [fx, fy, fyAll] = await Promise.all([Soft.findByPk(x.id), Soft.findByPk(y.id, { batch: true }), Soft.findByPk(y.id, { paranoid: false })]);
    assert.equal(fx.label, 'x');
    assert.equal(fy, null);
    assert.equal(fyAll.label, 'y');
    assert.equal(statements(t.log).length, 3);
    assert.ok(statements(t.log).every((s) => !s.includes('ANY(')));
  });

  it('include and lock go the normal path', async () => {
    t.log.length = 0;
    await assert.rejects(Item.findByPk(1, { lock: true }), UsageError); // a lock needs a transaction
    assert.equal(statements(t.log).length, 0);
  });

  it('many callers over many ticks: every answer is the caller\'s own', async () => {
    t.log.length = 0;
    let next = 0;
    const keys = Array.from({ length: 120 }, (_, i) => (i % 8) + 1); // 7 and 8 are misses
    const answers = new Array(keys.length);
    const caller = async () => {
      for (let i = next++; i < keys.length; i = next++) answers[i] = await Item.findByPk(keys[i]);
    };
    await Promise.all(Array.from({ length: 10 }, caller));
    keys.forEach((k, i) => {
      if (k > 6) assert.equal(answers[i], null);
      else assert.equal(answers[i].id, k);
    });
    assert.equal(new Set(answers.filter(Boolean)).size, answers.filter(Boolean).length);
    assert.ok(statements(t.log).length < keys.length / 5, `${statements(t.log).length} statements for ${keys.length} calls`);
  });
});
