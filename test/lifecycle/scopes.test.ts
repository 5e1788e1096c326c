import { it } from 'node:test';
import assert from 'node:assert/strict';
import { Column, DataTypes, DefaultScope, Model, Op, Scopes, Table, UsageError } from '../../src/index';
import { forEachDriver, statements } from '../support/harness';
import { mergeOptions } from '../../src/scopes/merge';

forEachDriver('scopes', (t) => {
  const define = () => t.db.define('Member', {
    name: DataTypes.STRING, age: DataTypes.INTEGER, active: DataTypes.BOOLEAN, secret: DataTypes.STRING,
  }, {
    defaultScope: { where: { active: true }, attributes: ['id', 'name', 'age', 'active'] },
    scopes: {
      adults: { where: { age: { [Op.gte]: 18 } } },
      young: { where: { age: { [Op.lt]: 30 } } },
      named: (name: string) => ({ where: { name } }),
      everything: { attributes: ['id', 'name', 'age', 'active', 'secret'] },
    },
  });
  const seed = async (M: ReturnType<typeof define>) => {
    await M.sync({ force: true });
    await M.bulkCreate([
      { name: 'kid', age: 10, active: true, secret: 's1' },
      { name: 'ada', age: 25, active: true, secret: 's2' },
      { name: 'old', age: 70, active: true, secret: 's3' },
      { name: 'off', age: 40, active: false, secret: 's4' },
    ]);
  };
  const names = (rows: object[]) => rows.map((r) => (r as { name: string }).name).sort();

  it('the default scope applies to every finder and count; unscoped() drops it', async () => {
    const M = define();
    await seed(M);
    assert.deepEqual(names(await M.findAll()), ['ada', 'kid', 'old']);
    assert.equal((await M.findAll())[0].secret, undefined, 'the default attributes');
    assert.equal(await M.count(), 3);
    const off = await M.unscoped().findOne({ where: { name: 'off' } });
    assert.equal(off!.secret, 's4');
    assert.equal(await M.findByPk(off!.id), null, 'findByPk is scoped too');
    assert.equal(await M.unscoped().count(), 4);
  });

  it('scopes merge left to right: where keys combined with AND, function scopes take arguments', async () => {
    const M = define();
    await seed(M);
    assert.deepEqual(names(await M.scope('adults').findAll()), ['ada', 'off', 'old'], 'a named scope replaces the default scope');
    assert.deepEqual(names(await M.scope('adults', 'young').findAll()), ['ada'], 'two scopes on the same attribute both hold');
    assert.deepEqual(names(await M.scope('defaultScope', 'adults').findAll()), ['ada', 'old']);
    assert.deepEqual(names(await M.scope({ method: ['named', 'kid'] }).findAll()), ['kid']);
    assert.deepEqual(names(await M.scope('adults').findAll({ where: { age: { [Op.lt]: 50 } } })), ['ada', 'off'], 'the call\'s where is ANDed too');
    t.log.length = 0;
    await M.scope('adults', 'young').findAll();
    assert.match(statements(t.log)[0], /WHERE \("age" >= \$1\) AND \("age" < \$2\)|"age" >= \$1.*AND.*"age" < \$2/);
    assert.deepEqual(names(await M.scope('adults').findAll({ where: { name: 'ada' } })), ['ada']);
    const instance = (await M.scope('everything').findOne({ where: { name: 'ada' } }))!;
    assert.ok(instance instanceof M, 'a scoped model\'s instances are instances of the model');
    assert.equal(instance.secret, 's2');
    instance.age = 26;
    await instance.save();
    assert.equal((await M.findByPk(instance.id))!.age, 26);
  });

  it('Model.update and Model.destroy honour the scope\'s where; addScope adds and refuses to replace silently', async () => {
    const M = define();
    await seed(M);
    const [n] = await M.scope('adults').update({ secret: 'x' }, { where: { active: true } });
    assert.equal(n, 2);
    assert.equal(await M.scope('young').destroy({ where: { active: true } }), 2);
    assert.equal(await M.unscoped().count(), 2);
    M.addScope('old', { where: { age: { [Op.gt]: 60 } } });
    assert.deepEqual(names(await M.scope('old').findAll()), ['old']);
    assert.throws(() => M.addScope('old', {}), UsageError);
    M.addScope('old', { where: { age: { [Op.gt]: 30 } } }, { override: true });
    assert.deepEqual(names(await M.scope('old').findAll()), ['off', 'old']);
    assert.throws(() => M.scope('nope'), /has no scope "nope"/);
    // findOrCreate's find is scoped too: the inactive row is not "found" by the default scope.
    const [found, created] = await M.unscoped().findOrCreate({ where: { name: 'off' } });
    assert.equal(created, false);
    const [again, createdAgain] = await M.findOrCreate({ where: { name: 'off' }, defaults: { active: true } });
    assert.equal(createdAgain, true);
    assert.notEqual(again.id, found.id);
  });

  it('@DefaultScope and @Scopes declare them on a decorated model', async () => {
    @DefaultScope(() => ({ where: { hidden: false } }))
    @Scopes(() => ({ titled: (title: string) => ({ where: { title } }) }))
    @Table
    class Page extends Model {
      @Column declare title: string;
      @Column declare hidden: boolean;
    }
    t.db.addModels([Page]);
    await Page.sync({ force: true });
    await Page.bulkCreate([{ title: 'a', hidden: false }, { title: 'b', hidden: true }]);
    assert.deepEqual((await Page.findAll()).map((p) => p.title), ['a']);
    assert.deepEqual((await Page.scope({ method: ['titled', 'b'] }).findAll()).map((p) => p.title), ['b']);
  });

  it('mergeOptions: where with AND, arrays joined, the rest replaced', () => {
    const merged = mergeOptions({ where: { a: 1 }, attributes: ['a'], limit: 1 }, { where: { a: 2 }, attributes: ['a', 'b'], limit: 2 });
    assert.deepEqual(merged, { where: { [Op.and]: [{ a: 1 }, { a: 2 }] }, attributes: ['a', 'b'], limit: 2 });
  });
});
