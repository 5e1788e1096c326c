// bulkCreate's Sequelize 6 options, written as a Sequelize user would: silent,
// ignoreDuplicates, updateOnDuplicate (with conflictAttributes), returning (true, false, a
// list), validate, fields. Each asserts the rows in the table and the SQL sent.
import { before, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { DataTypes, UnknownAttributeError, UsageError, ValidationError } from '../../src/index';
import type { DefinedModel } from '../../src/index';
import { forEachDriver, statements } from '../support/harness';

const OLD = new Date('2020-01-01T00:00:00.000Z');

forEachDriver('bulkCreate options (Sequelize 6)', (t) => {
  let User: DefinedModel;
  let Pair: DefinedModel;
  before(async () => {
    User = t.db.define('User', {
      email: { type: DataTypes.STRING, allowNull: false, unique: true },
      name: { type: DataTypes.STRING, validate: { notEmpty: true } },
      visits: { type: DataTypes.INTEGER, defaultValue: 0 },
    });
    Pair = t.db.define('Pair', {
      a: { type: DataTypes.INTEGER, unique: 'pair' },
      b: { type: DataTypes.INTEGER, unique: 'pair' },
      code: { type: DataTypes.STRING, unique: true },
      label: DataTypes.STRING,
    }, { timestamps: false });
    await User.sync({ force: true });
    await Pair.sync({ force: true });
  });
  beforeEach(async () => {
    await User.destroy({ truncate: true, restartIdentity: true });
    await Pair.destroy({ truncate: true, restartIdentity: true });
    await User.bulkCreate([
      { email: 'ada@x.io', name: 'Ada', visits: 1, createdAt: OLD, updatedAt: OLD },
      { email: 'bob@x.io', name: 'Bob', visits: 2, createdAt: OLD, updatedAt: OLD },
    ], { silent: true });
    t.log.length = 0;
  });

  it('silent keeps the updatedAt a row gives (without it, a write of every field stamps it)', async () => {
    const seeded = await User.findAll({ order: [['id', 'ASC']] });
    assert.deepEqual(seeded.map((u) => (u.updatedAt as Date).toISOString()), [OLD.toISOString(), OLD.toISOString()]);
    const [loud] = await User.bulkCreate([{ email: 'c@x.io', updatedAt: OLD, createdAt: OLD }]);
    assert.notEqual((loud.updatedAt as Date).getTime(), OLD.getTime(), 'without silent, updatedAt is stamped as on every save');
    assert.equal((loud.createdAt as Date).getTime(), OLD.getTime());
    const [quiet] = await User.bulkCreate([{ email: 'd@x.io' }], { silent: true });
    assert.ok(quiet.updatedAt instanceof Date, 'a new row with no updatedAt still gets one (NOT NULL)');
  });

  it('ignoreDuplicates: ON CONFLICT DO NOTHING; the duplicates are skipped and not returned', async () => {
    const rows = await User.bulkCreate([{ email: 'ada@x.io', name: 'Other' }, { email: 'new@x.io', name: 'New' }], { ignoreDuplicates: true });
    assert.match(statements(t.log)[0], /^INSERT INTO "Users" .* FROM unnest\(.*\) AS u\(.*\) ON CONFLICT DO NOTHING RETURNING /);
    assert.deepEqual(rows.map((r) => r.email), ['new@x.io']);
    assert.deepEqual((await User.findAll({ order: [['id', 'ASC']] })).map((u) => [u.email, u.name]), [['ada@x.io', 'Ada'], ['bob@x.io', 'Bob'], ['new@x.io', 'New']]);
    // An iterable resolves to the number of rows actually inserted.
    function* again() {
      yield { email: 'ada@x.io' };
      yield { email: 'third@x.io' };
    }
    assert.equal(await User.bulkCreate(again(), { ignoreDuplicates: true }), 1);
  });

  it('updateOnDuplicate: ON CONFLICT (the unique key) DO UPDATE SET only the listed attributes, never createdAt', async () => {
    const rows = await User.bulkCreate([
      { email: 'ada@x.io', name: 'Ada L.', visits: 10 },
      { email: 'eve@x.io', name: 'Eve', visits: 1 },
    ], { updateOnDuplicate: ['name', 'updatedAt', 'createdAt'] });
    assert.match(statements(t.log)[0], /ON CONFLICT \("email"\) DO UPDATE SET "name" = EXCLUDED\."name", "updatedAt" = EXCLUDED\."updatedAt" RETURNING /);
    assert.deepEqual(rows.map((r) => [r.email, r.name, r.visits]), [['ada@x.io', 'Ada L.', 1], ['eve@x.io', 'Eve', 1]]);
    const ada = (await User.findOne({ where: { email: 'ada@x.io' } }))!;
    assert.equal(ada.name, 'Ada L.');
    assert.equal(ada.visits, 1, 'visits was not listed: kept');
    assert.equal((ada.createdAt as Date).getTime(), OLD.getTime(), 'createdAt is never updated');
    assert.ok((ada.updatedAt as Date).getTime() > OLD.getTime());
    assert.equal(await User.count(), 3);
  });

  it('updateOnDuplicate with silent leaves updatedAt alone; with conflictAttributes picks the key', async () => {
    await User.bulkCreate([{ email: 'bob@x.io', visits: 5 }], { updateOnDuplicate: ['visits', 'updatedAt'], silent: true });
    assert.match(statements(t.log)[0], /DO UPDATE SET "visits" = EXCLUDED\."visits" RETURNING/);
    const bob = (await User.findOne({ where: { email: 'bob@x.io' } }))!;
    assert.equal(bob.visits, 5);
    assert.equal((bob.updatedAt as Date).getTime(), OLD.getTime());
    t.log.length = 0;
    await Pair.bulkCreate([{ a: 1, b: 2, code: 'x', label: 'first' }]);
    await Pair.bulkCreate([{ a: 1, b: 2, code: 'y', label: 'second' }], { updateOnDuplicate: ['label', 'code'], conflictAttributes: ['a', 'b'] });
    assert.match(statements(t.log)[1], /ON CONFLICT \("a", "b"\) DO UPDATE SET "code" = EXCLUDED\."code", "label" = EXCLUDED\."label"/);
    assert.deepEqual((await Pair.findAll()).map((p) => [p.a, p.b, p.code, p.label]), [[1, 2, 'y', 'second']]);
    // Two unique constraints: which one identifies a row must be said.
    await assert.rejects(Pair.bulkCreate([{ a: 1, b: 2 }], { updateOnDuplicate: ['label'] }), (e: Error) => e instanceof UsageError && /conflictAttributes/.test(e.message));
    // ignoreDuplicates may name the key too.
    assert.deepEqual(await Pair.bulkCreate([{ a: 1, b: 2, code: 'z' }, { a: 3, b: 4, code: 'w' }], { ignoreDuplicates: true, conflictAttributes: ['a', 'b'] }).then((r) => r.map((p) => p.code)), ['w']);
    assert.match(statements(t.log).at(-1)!, /ON CONFLICT \("a", "b"\) DO NOTHING/);
  });

  it('updateOnDuplicate on a model with only a primary key conflicts on the key', async () => {
    const Plain = t.db.define('Plain', { label: DataTypes.STRING }, { timestamps: false });
    await Plain.sync({ force: true });
    await Plain.bulkCreate([{ id: 1, label: 'a' }, { id: 2, label: 'b' }]);
    await Plain.bulkCreate([{ id: 2, label: 'B' }, { id: 3, label: 'c' }], { updateOnDuplicate: ['label'] });
    assert.match(statements(t.log).at(-1)!, /ON CONFLICT \("id"\) DO UPDATE SET "label" = EXCLUDED\."label"/);
    assert.deepEqual((await Plain.findAll({ order: [['id', 'ASC']] })).map((p) => p.label), ['a', 'B', 'c']);
  });

  it('returning: a list reads back only those attributes (and the key); false resolves to []', async () => {
    const rows = await User.bulkCreate([{ email: 'r@x.io', name: 'R', visits: 3 }], { returning: ['visits'] });
    assert.match(statements(t.log)[0], /RETURNING "id", "visits"$/);
    assert.equal(rows[0].id, 3);
    assert.equal(rows[0].visits, 3);
    assert.equal(rows[0].email, undefined, 'not read back');
    assert.equal(rows[0].changed(), false);
    rows[0].visits = 4;
    await rows[0].save();
    assert.equal((await User.findByPk(3))!.visits, 4);
    assert.deepEqual(await User.bulkCreate([{ email: 's@x.io' }], { returning: false }), []);
    assert.doesNotMatch(statements(t.log).at(-1)!, /RETURNING/);
    await assert.rejects(User.bulkCreate([{ email: 't@x.io' }], { returning: ['nope'] }), UnknownAttributeError);
    await assert.rejects(User.bulkCreate([{ email: 't@x.io' }], { returning: 'yes' as never }), UsageError);
  });

  it('validate: validators run by default and validate: false skips them; fields limits the columns', async () => {
    await assert.rejects(User.bulkCreate([{ email: 'v@x.io', name: '' }]), (e: Error) => e instanceof ValidationError && /notEmpty|empty/i.test(JSON.stringify((e as ValidationError).errors)));
    await User.bulkCreate([{ email: 'v@x.io', name: '' }], { validate: false });
    assert.equal((await User.findOne({ where: { email: 'v@x.io' } }))!.name, '');
    const [f] = await User.bulkCreate([{ email: 'f@x.io', name: 'dropped', visits: 7 }], { fields: ['email', 'visits'] });
    assert.match(statements(t.log).at(-1)!, /^INSERT INTO "Users" \("email", "visits", "createdAt", "updatedAt"\)/);
    assert.equal(f.name, null);
    assert.equal(f.visits, 7);
  });

  it('refuses option mistakes before sending anything', async () => {
    const row = [{ email: 'm@x.io' }];
    await assert.rejects(User.bulkCreate(row, { updateOnDuplicate: [] }), UsageError);
    await assert.rejects(User.bulkCreate(row, { updateOnDuplicate: ['createdAt'] }), UsageError);
    await assert.rejects(User.bulkCreate(row, { updateOnDuplicate: ['nope'] }), UnknownAttributeError);
    await assert.rejects(User.bulkCreate(row, { updateOnDuplicate: ['name'], ignoreDuplicates: true }), UsageError);
    await assert.rejects(User.bulkCreate(row, { conflictAttributes: ['email'] }), UsageError);
    await assert.rejects(User.bulkCreate(row, { ignoreDuplicates: 1 as never }), UsageError);
    await assert.rejects(User.bulkCreate(row, { silent: 'no' as never }), UsageError);
    await assert.rejects(User.bulkCreate(row, { upsert: true } as never), UsageError);
    assert.deepEqual(statements(t.log), []);
    assert.equal(await User.count(), 2);
  });
});
