// upsert and findOrCreate against PostgreSQL and PGlite.
import { before, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { DataTypes, DatabaseError, Op, UnknownAttributeError, UsageError, ValidationError } from '../../src/index';
import type { DefinedModel } from '../../src/index';
import { forEachDriver, statements } from '../support/harness';

forEachDriver('upsert / findOrCreate', (t) => {
  let Account: DefinedModel;
  let Setting: DefinedModel;
  const past = new Date('2001-02-03T04:05:06.000Z');
  before(async () => {
    Account = t.db.define('Account', {
      email: { type: DataTypes.STRING, allowNull: false, unique: true },
      name: DataTypes.STRING,
      plan: { type: DataTypes.ENUM('free', 'pro'), defaultValue: 'free' },
      logins: { type: DataTypes.INTEGER, defaultValue: 0 },
    });
    Setting = t.db.define('Setting', {
      key: { type: DataTypes.STRING, primaryKey: true },
      value: DataTypes.JSONB,
      tags: DataTypes.ARRAY(DataTypes.TEXT),
    });
    await Account.sync({ force: true });
    await Setting.sync({ force: true });
  });
  beforeEach(async () => {
    await Account.destroy({ truncate: true, restartIdentity: true });
    await Setting.destroy({ truncate: true });
    t.log.length = 0;
  });

  it('upsert inserts a new row: [instance, true]', async () => {
    const [s, created] = await Setting.upsert({ key: 'theme', value: { dark: true }, tags: ['ui'] });
    assert.equal(created, true);
    assert.ok(s instanceof Setting);
    assert.equal(s.isNewRecord, false);
    assert.deepEqual(s.value, { dark: true });
    assert.deepEqual(statements(t.log), ['INSERT INTO "Settings" ("key", "value", "tags", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, $5) ON CONFLICT ("key") DO UPDATE SET "value" = EXCLUDED."value", "tags" = EXCLUDED."tags", "updatedAt" = EXCLUDED."updatedAt" RETURNING "key", "value", "tags", "createdAt", "updatedAt", (xmax = 0)']);
  });

  it('upsert updates an existing row: [instance, false], createdAt untouched, only given columns written', async () => {
    await Setting.bulkCreate([{ key: 'theme', value: { dark: false }, tags: ['ui', 'old'], createdAt: past, updatedAt: past }]);
    const [s, created] = await Setting.upsert({ key: 'theme', value: { dark: true } });
    assert.equal(created, false);
    assert.deepEqual(s.value, { dark: true });
    assert.deepEqual(s.tags, ['ui', 'old']);
    assert.equal(s.createdAt.getTime(), past.getTime());
    assert.ok(s.updatedAt.getTime() > past.getTime());
    const read = await Setting.findByPk('theme');
    assert.equal(read!.createdAt.getTime(), past.getTime());
    assert.deepEqual(read!.tags, ['ui', 'old']);
    assert.equal(await Setting.count(), 1);
  });

  it('upsert by conflictFields (a unique attribute); JS defaults only fill an insert', async () => {
    const [a, c1] = await Account.upsert({ email: 'ada@example.com', name: 'Ada', plan: 'pro' }, { conflictFields: ['email'] });
    assert.equal(c1, true);
    assert.equal(a.plan, 'pro');
    await Account.update({ logins: 5 }, { where: { id: a.id } });
    const [b, c2] = await Account.upsert({ email: 'ada@example.com', name: 'Ada L.' }, { conflictFields: ['email'] });
    assert.equal(c2, false);
    assert.equal(b.id, a.id);
    assert.equal(b.name, 'Ada L.');
    assert.equal(b.plan, 'pro', 'the default "free" is not written over an existing row');
    assert.equal(b.logins, 5);
  });

  it('upsert with only the key still returns the existing row', async () => {
    await Setting.create({ key: 'k', value: 1 });
    const Plain = t.db.define('PlainKey', { code: { type: DataTypes.STRING, primaryKey: true }, v: DataTypes.INTEGER }, { timestamps: false });
    await Plain.sync({ force: true });
    await Plain.create({ code: 'x', v: 3 });
    const [p, created] = await Plain.upsert({ code: 'x' });
    assert.equal(created, false);
    assert.equal(p.v, 3);
  });

  it('upsert refuses what it cannot do before sending anything', async () => {
    await assert.rejects(Account.upsert({ name: 'no key' }), (e: Error) => e instanceof UsageError && /must give id/.test(e.message));
    await assert.rejects(Account.upsert({ email: 'x@y' }, { conflictFields: ['nope'] }), UnknownAttributeError);
    await assert.rejects(Account.upsert({ email: 'x@y', nope: 1 } as never, { conflictFields: ['email'] }), UnknownAttributeError);
    await assert.rejects(Account.upsert({ email: 'x@y', plan: 'gold' }, { conflictFields: ['email'] }), ValidationError);
    await assert.rejects(Account.upsert({ email: null }, { conflictFields: ['email'] }), UsageError);
    assert.deepEqual(statements(t.log), []);
    await assert.rejects(Account.upsert({ email: 'x@y', name: 'n' }, { conflictFields: ['name'] }), DatabaseError);
  });

  it('findOrCreate finds an existing row: [instance, false]', async () => {
    const existing = await Account.create({ email: 'ada@example.com', name: 'Ada' });
    const [a, created] = await Account.findOrCreate({ where: { email: 'ada@example.com' }, defaults: { name: 'Other' } });
    assert.equal(created, false);
    assert.equal(a.id, existing.id);
    assert.equal(a.name, 'Ada');
  });

  it('findOrCreate creates from where and defaults: [instance, true]', async () => {
    const [a, created] = await Account.findOrCreate({ where: { email: { [Op.eq]: 'bob@example.com' } }, defaults: { name: 'Bob', email: 'ignored@example.com' } });
    assert.equal(created, true);
    assert.equal(a.isNewRecord, false);
    assert.equal(a.email, 'bob@example.com', 'where wins over defaults');
    assert.equal(a.name, 'Bob');
    assert.equal(a.plan, 'free');
    assert.ok(a.id > 0);
    assert.equal(await Account.count(), 1);
  });

  it('findOrCreate is race-safe: concurrent calls create one row', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => Account.findOrCreate({ where: { email: 'race@example.com' }, defaults: { name: 'R' } })));
    assert.equal(results.filter(([, created]) => created).length, 1);
    assert.equal(new Set(results.map(([a]) => a.id)).size, 1);
    assert.equal(await Account.count(), 1);
  });

  // Operators in the where only narrow the find (as in Sequelize): test/compat/model-options.test.ts.
  it('findOrCreate refuses an empty where, undefined values and unknown attributes before sending anything', async () => {
    await assert.rejects(Account.findOrCreate({ where: {} }), UsageError);
    await assert.rejects(Account.findOrCreate({ where: { email: undefined } }), UsageError);
    await assert.rejects(Account.findOrCreate({ where: { nope: 1 } as never }), UnknownAttributeError);
    await assert.rejects(Account.findOrCreate({ where: { email: 'a@b' }, defaults: { nope: 1 } as never }), UnknownAttributeError);
    assert.deepEqual(statements(t.log), []);
  });

  it('findOrCreate validates what it creates', async () => {
    await assert.rejects(Account.findOrCreate({ where: { email: 'v@example.com' }, defaults: { plan: 'gold' } }), ValidationError);
    assert.equal(await Account.count(), 0);
  });
});
