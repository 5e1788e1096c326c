// Sequelize v6 model calls run unchanged: rejectOnEmpty (model option and per call),
// Model.update({ fields, returning, silent }), upsert({ fields, returning, conflictFields }),
// per-call and per-model logging/benchmark, findOrCreate with operators.
import { before, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { DataTypes, EmptyResultError, Op, UnknownAttributeError, UsageError } from '../../src/index';
import type { DefinedModel } from '../../src/index';
import { forEachDriver, statements } from '../support/harness';

class NotFound extends Error {}

forEachDriver('compat: model options', (t) => {
  let User: DefinedModel;
  let Strict: DefinedModel;
  let Account: DefinedModel;
  let modelLog: string[];
  let Quiet: DefinedModel;
  const past = new Date('2001-02-03T04:05:06.000Z');
  before(async () => {
    User = t.db.define('User', { name: DataTypes.STRING, bio: DataTypes.STRING, age: DataTypes.INTEGER });
    Strict = t.db.define('Strict', { name: DataTypes.STRING }, { rejectOnEmpty: true, timestamps: false });
    Account = t.db.define('Account', {
      email: { type: DataTypes.STRING, allowNull: false, unique: true },
      name: DataTypes.STRING,
      plan: DataTypes.STRING,
      logins: { type: DataTypes.INTEGER, defaultValue: 0 },
    });
    modelLog = [];
    Quiet = t.db.define('Quiet', { name: DataTypes.STRING }, { timestamps: false, logging: (sql) => modelLog.push(sql), benchmark: true });
    await t.db.sync({ force: true });
  });
  beforeEach(async () => {
    for (const m of [User, Strict, Account, Quiet]) await m.destroy({ truncate: true, restartIdentity: true });
    t.log.length = 0;
    modelLog.length = 0;
  });

  it('rejectOnEmpty: true per call throws EmptyResultError from findOne, findByPk and findAll', async () => {
    await assert.rejects(User.findOne({ where: { name: 'none' }, rejectOnEmpty: true }), EmptyResultError);
    await assert.rejects(User.findByPk(42, { rejectOnEmpty: true }), EmptyResultError);
    await assert.rejects(User.findAll({ where: { name: 'none' }, rejectOnEmpty: true }), EmptyResultError);
    await User.create({ name: 'Ada' });
    assert.equal((await User.findAll({ rejectOnEmpty: true })).length, 1);
  });

  it('rejectOnEmpty with an Error instance throws it; with an Error class throws a new one of it', async () => {
    const mine = new NotFound('no such user');
    await assert.rejects(User.findOne({ where: { name: 'none' }, rejectOnEmpty: mine }), (e) => e === mine);
    await assert.rejects(User.findByPk(1, { rejectOnEmpty: NotFound }), NotFound);
    await assert.rejects(User.findAll({ where: { name: 'none' }, rejectOnEmpty: NotFound }), NotFound);
    await assert.rejects(User.findOne({ rejectOnEmpty: 'yes' as never }), UsageError);
  });

  it('the model option rejectOnEmpty is the default of its finders; a call says false to opt out', async () => {
    await assert.rejects(Strict.findOne({ where: { name: 'x' } }), EmptyResultError);
    await assert.rejects(Strict.findByPk(1), EmptyResultError);
    await assert.rejects(Strict.findAll(), EmptyResultError);
    assert.equal(await Strict.findOne({ where: { name: 'x' }, rejectOnEmpty: false }), null);
    // Internal reads never reject: findOrCreate creates.
    const [s, created] = await Strict.findOrCreate({ where: { name: 'x' } });
    assert.equal(created, true);
    assert.equal((await Strict.findByPk(s.id))!.name, 'x');
  });

  it('Model.update(values, { fields }) writes only the fields; returning gives [count, rows]; silent keeps updatedAt', async () => {
    const a = await User.create({ name: 'a', bio: 'b', age: 1 });
    await User.update({ updatedAt: past }, { where: { id: a.id }, silent: true });
    t.log.length = 0;
    const [n, rows] = await User.update({ name: 'X', bio: 'Y' }, { where: { name: 'a' }, fields: ['bio'], returning: true, silent: true });
    assert.equal(n, 1);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].bio, 'Y');
    assert.equal(rows[0].name, 'a');
    assert.equal(statements(t.log)[0], 'UPDATE "Users" SET "bio" = $1 WHERE "name" = $2 RETURNING "id", "name", "bio", "age", "createdAt", "updatedAt"');
    const [r] = await t.db.query<{ name: string; bio: string; updatedAt: Date }>('SELECT * FROM "Users"');
    assert.equal(r.name, 'a');
    assert.equal(r.bio, 'Y');
    assert.equal(r.updatedAt.getTime(), past.getTime(), 'silent: updatedAt untouched');
    await assert.rejects(User.update({ name: 'X' }, { where: { id: a.id }, fields: ['nope'] }), UnknownAttributeError);
    t.log.length = 0;
    assert.deepEqual(await User.update({ name: 'X' }, { where: { id: a.id }, fields: ['bio'] }), [0], 'nothing left to write: [0], as Sequelize');
    assert.deepEqual(statements(t.log), []);
    await assert.rejects(User.update({ name: 'X' }, { fields: ['bio'] } as never), UsageError);
    await assert.rejects(User.update({ nope: 1 } as never, { where: { id: a.id }, fields: ['name'] }), UnknownAttributeError);
  });

  it('upsert({ fields }) updates only those columns of an existing row; the insert writes every value', async () => {
    const [a, created] = await Account.upsert({ email: 'ada@x.io', name: 'Ada', plan: 'free' }, { conflictFields: ['email'], fields: ['name'], returning: true });
    assert.equal(created, true);
    assert.equal(a.plan, 'free', 'an insert writes every value');
    t.log.length = 0;
    const [b, again] = await Account.upsert({ email: 'ada@x.io', name: 'Ada L.', plan: 'pro' }, { conflictFields: ['email'], fields: ['name'], returning: ['id'] as never });
    assert.equal(again, false);
    assert.equal(b.name, 'Ada L.');
    assert.equal(b.plan, 'free', 'plan is not in fields');
    assert.match(statements(t.log)[0], /ON CONFLICT \("email"\) DO UPDATE SET "name" = EXCLUDED."name", "updatedAt" = EXCLUDED."updatedAt" RETURNING/);
    const [r] = await t.db.query<{ name: string; plan: string }>('SELECT * FROM "Accounts"');
    assert.deepEqual([r.name, r.plan], ['Ada L.', 'free']);
    const [, c3] = await Account.upsert({ email: 'b@x.io', name: 'B' }, { conflictFields: ['email'], returning: false });
    assert.equal(c3, true);
  });

  it('per-call logging: a function receives that call\'s statements (with ms), false silences them', async () => {
    const seen: [string, number][] = [];
    await User.findAll({ where: { name: 'a' }, logging: (sql, ms) => seen.push([sql, ms]), benchmark: true });
    assert.equal(seen.length, 1);
    assert.match(seen[0][0], /^SELECT .* FROM "Users" WHERE "name" = \$1$/);
    assert.equal(typeof seen[0][1], 'number');
    assert.deepEqual(statements(t.log), [], "the Database's logger did not get it");
    const u = await User.create({ name: 'q' }, { logging: false });
    await u.update({ age: 3 }, { logging: false });
    await User.update({ age: 4 }, { where: { id: u.id }, logging: false });
    await u.destroy({ logging: false });
    assert.deepEqual(statements(t.log), []);
    await User.count();
    assert.equal(statements(t.log).length, 1, 'later calls log as before');
  });

  it('per-call logging covers a transaction the call opens (findOrCreate) and db.query', async () => {
    const seen: string[] = [];
    await t.db.transaction(async () => {
      await Account.findOrCreate({ where: { email: 'l@x.io' }, logging: (sql) => seen.push(sql) });
    });
    assert.ok(seen.some((s) => s.startsWith('INSERT INTO "Accounts"')), seen.join('\n'));
    assert.ok(!statements(t.log).some((s) => s.startsWith('INSERT INTO "Accounts"')));
    const q: string[] = [];
    await t.db.query('SELECT 1', { logging: (sql) => q.push(sql) });
    assert.deepEqual(q, ['SELECT 1']);
  });

  it('the model option logging sends that model\'s statements to its function; a call overrides it', async () => {
    await Quiet.create({ name: 'a' });
    assert.equal(modelLog.length, 1);
    assert.match(modelLog[0], /^INSERT INTO "Quiets"/);
    assert.deepEqual(statements(t.log), []);
    const own: string[] = [];
    await Quiet.findAll({ logging: (s) => own.push(s) });
    assert.equal(own.length, 1);
    assert.equal(modelLog.length, 1);
  });

  it('findOrCreate with operators: the find uses the whole where, the INSERT only its equalities and defaults', async () => {
    await Account.create({ email: 'old@x.io', name: 'Old', logins: 0 });
    t.log.length = 0;
    const [a, created] = await Account.findOrCreate({
      where: { email: 'new@x.io', logins: { [Op.gte]: 0 }, [Op.and]: [{ plan: { [Op.eq]: 'pro' } }], name: { [Op.ne]: 'Old' } },
      defaults: { name: 'New' },
    });
    assert.equal(created, true);
    assert.deepEqual([a.email, a.plan, a.name, a.logins], ['new@x.io', 'pro', 'New', 0]);
    const insert = statements(t.log).find((s) => s.startsWith('INSERT'))!;
    assert.match(insert, /^INSERT INTO "Accounts" \("email", "name", "plan", "logins", "createdAt", "updatedAt"\)/);
    const [again, c2] = await Account.findOrCreate({ where: { email: 'new@x.io', logins: { [Op.gte]: 0 } }, defaults: { name: 'Other' } });
    assert.equal(c2, false);
    assert.equal(again.id, a.id);
    assert.equal(await Account.count(), 2);
  });

  it('findOrCreate with operators stays race-safe: concurrent calls create one row (unique email)', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => Account.findOrCreate({ where: { email: 'race@x.io', logins: { [Op.lt]: 100 } } })));
    assert.equal(results.filter(([, c]) => c).length, 1);
    assert.equal(new Set(results.map(([x]) => x.id)).size, 1);
    assert.equal(await Account.count({ where: { email: 'race@x.io' } }), 1);
  });

  it('findOrCreate keeps refusing an empty where, undefined values and unknown attributes', async () => {
    await assert.rejects(Account.findOrCreate({ where: {} }), UsageError);
    await assert.rejects(Account.findOrCreate({ where: { email: undefined } }), UsageError);
    await assert.rejects(Account.findOrCreate({ where: { nope: { [Op.gt]: 1 } } as never }), UnknownAttributeError);
    assert.equal(await Account.count(), 0);
  });
});
