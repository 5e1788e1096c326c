// Sequelize v6 instance code run unchanged: update({ fields }), increment({ where }),
// returning on create/save/increment, get('unknown') and the live dataValues.
import { before, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { DataTypes, Op, UnknownAttributeError } from '../../src/index';
import type { DefinedModel } from '../../src/index';
import { forEachDriver, statements } from '../support/harness';

forEachDriver('compat: instance options', (t) => {
  let User: DefinedModel;
  let Stock: DefinedModel;
  before(async () => {
    User = t.db.define('User', { name: DataTypes.STRING, bio: DataTypes.STRING, age: DataTypes.INTEGER });
    Stock = t.db.define('Stock', { sku: DataTypes.STRING, count: { type: DataTypes.INTEGER, defaultValue: 0 } }, { timestamps: false });
    await User.sync({ force: true });
    await Stock.sync({ force: true });
  });
  beforeEach(async () => {
    await User.destroy({ truncate: true, restartIdentity: true });
    await Stock.destroy({ truncate: true, restartIdentity: true });
    t.log.length = 0;
  });
  const row = async (table: string, id: number) => (await t.db.query(`SELECT * FROM "${table}" WHERE id = $1`, { bind: [id] }))[0];

  it('bug 1: update(values, { fields }) writes only the fields; the other key is neither saved nor assigned', async () => {
    const u = await User.create({ name: 'Ada', bio: 'old' });
    t.log.length = 0;
    await u.update({ name: 'Changed', bio: 'new' }, { fields: ['bio'] });
    assert.deepEqual(statements(t.log), ['UPDATE "Users" SET "bio" = $1, "updatedAt" = $2 WHERE "id" = $3']);
    const r = await row('Users', u.id);
    assert.equal(r.name, 'Ada', 'the excluded column is unchanged in the database');
    assert.equal(r.bio, 'new');
    // As Sequelize's set(values, { attributes: fields }): the excluded key is not assigned either.
    assert.equal(u.name, 'Ada');
    assert.equal(u.bio, 'new');
    assert.equal(u.changed(), false, 'nothing left dirty');
  });

  it('update({ fields }) still refuses unknown keys and unknown fields, sending nothing', async () => {
    const u = await User.create({ name: 'Ada' });
    t.log.length = 0;
    await assert.rejects(u.update({ name: 'x', nope: 1 } as never, { fields: ['name'] }), UnknownAttributeError);
    await assert.rejects(u.update({ name: 'x' }, { fields: ['nope'] }), UnknownAttributeError);
    assert.deepEqual(statements(t.log), []);
    assert.equal(u.name, 'Ada');
  });

  it('create/save/increment accept returning (the instance holds the database values anyway)', async () => {
    const u = await User.create({ name: 'Ada', age: 1 }, { returning: true });
    assert.ok(u.id > 0);
    u.age = 2;
    await u.save({ returning: true });
    await u.increment('age', { by: 3, returning: true });
    assert.equal(u.age, 5);
    assert.equal((await row('Users', u.id)).age, 5);
  });

  it('increment(…, { where }) adds the condition to the UPDATE; a row that matches is incremented', async () => {
    const s = await Stock.create({ sku: 'a', count: 5 });
    t.log.length = 0;
    await s.decrement('count', { by: 2, where: { count: { [Op.gte]: 2 } } });
    assert.deepEqual(statements(t.log), ['UPDATE "Stocks" SET "count" = "count" + $1 WHERE "id" = $2 AND ("count" >= $3) RETURNING "count"']);
    assert.equal(s.count, 3);
    assert.equal((await row('Stocks', s.id)).count, 3);
  });

  it('increment(…, { where }) that does not match writes nothing and leaves the instance as it was (as Sequelize)', async () => {
    const s = await Stock.create({ sku: 'a', count: 1 });
    const back = await s.decrement('count', { by: 2, where: { count: { [Op.gte]: 2 } } });
    assert.equal(back, s);
    assert.equal(s.count, 1);
    assert.equal((await row('Stocks', s.id)).count, 1);
    await assert.rejects(s.increment('count', { where: { nope: 1 } as never }), UnknownAttributeError);
    await assert.rejects(s.increment('count', { where: { sku: undefined } }));
  });

  it("get('unknown') is undefined, as in Sequelize; get of an attribute still works", async () => {
    const u = await User.create({ name: 'Ada' });
    assert.equal(u.get('unknown' as never), undefined);
    assert.equal(u.get('name'), 'Ada');
  });

  it('dataValues is the live stored values: keys of set attributes, writes are saved', async () => {
    const u = await User.create({ name: 'Ada', age: 3 });
    const dv = u.dataValues as Record<string, unknown>;
    assert.deepEqual(Object.keys(dv).sort(), ['age', 'bio', 'createdAt', 'id', 'name', 'updatedAt'], 'every column RETURNING gave (bio is null)');
    assert.equal(dv.bio, null);
    assert.equal(dv.name, 'Ada');
    assert.equal(u.dataValues, u.dataValues, 'one view per instance');
    dv.name = 'Grace';
    assert.equal(u.name, 'Grace');
    assert.deepEqual(u.changed(), ['name']);
    await u.save();
    assert.equal((await row('Users', u.id)).name, 'Grace');
    assert.throws(() => { dv.nope = 1; }, UnknownAttributeError);
    assert.equal(JSON.parse(JSON.stringify(dv)).name, 'Grace');
    const built = User.build({ name: 'x' });
    assert.deepEqual(Object.keys(built.dataValues), ['name']);
  });
});
