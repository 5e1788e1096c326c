import { it } from 'node:test';
import assert from 'node:assert/strict';
import { AfterCreate, BeforeCreate, BeforeSave, Column, DataTypes, Model, Op, Table, Transaction, UniqueConstraintError, UsageError } from '../../src/index';
import { forEachDriver, statements } from '../support/harness';

const INSTANCE_HOOKS = ['beforeValidate', 'afterValidate', 'validationFailed', 'beforeSave', 'afterSave', 'beforeCreate', 'afterCreate', 'beforeUpdate', 'afterUpdate', 'beforeDestroy', 'afterDestroy'] as const;
const BULK_HOOKS = ['beforeBulkCreate', 'afterBulkCreate', 'beforeBulkUpdate', 'afterBulkUpdate', 'beforeBulkDestroy', 'afterBulkDestroy', 'beforeFind', 'afterFind', 'beforeCount', 'beforeUpsert', 'afterUpsert'] as const;

forEachDriver('hooks', (t) => {
  let n = 0;
  /** A model whose every hook records its name (async, so each is awaited in turn). */
  const recorded = () => {
    const order: string[] = [];
    const hooks: Record<string, (...a: unknown[]) => Promise<void>> = {};
    for (const name of [...INSTANCE_HOOKS, ...BULK_HOOKS]) hooks[name] = async () => {
      await new Promise((r) => setImmediate(r));
      order.push(name);
    };
    const M = t.db.define(`Rec${n++}`, { name: { type: DataTypes.STRING, unique: true }, n: DataTypes.INTEGER }, { hooks });
    return { M, order };
  };

  it('create, update and destroy run their hooks in Sequelize order', async () => {
    const { M, order } = recorded();
    await M.sync({ force: true });
    const m = await M.create({ name: 'a' });
    assert.deepEqual(order, ['beforeValidate', 'afterValidate', 'beforeSave', 'beforeCreate', 'afterCreate', 'afterSave']);
    order.length = 0;
    m.n = 2;
    await m.save();
    assert.deepEqual(order, ['beforeValidate', 'afterValidate', 'beforeSave', 'beforeUpdate', 'afterUpdate', 'afterSave']);
    order.length = 0;
    await m.save();
    assert.deepEqual(order, [], 'nothing changed: no hooks, no SQL');
    await m.destroy();
    assert.deepEqual(order, ['beforeDestroy', 'afterDestroy']);
  });

  it('bulk calls run their bulk hooks, and the per-row hooks with individualHooks', async () => {
    const { M, order } = recorded();
    await M.sync({ force: true });
    await M.bulkCreate([{ name: 'a' }, { name: 'b' }]);
    assert.deepEqual(order, ['beforeBulkCreate', 'afterBulkCreate']);
    order.length = 0;
    await M.bulkCreate([{ name: 'c' }], { individualHooks: true });
    assert.deepEqual(order, ['beforeBulkCreate', 'beforeValidate', 'afterValidate', 'beforeCreate', 'afterCreate', 'afterBulkCreate']);
    order.length = 0;
    await M.update({ n: 1 }, { where: { name: 'a' } });
    assert.deepEqual(order, ['beforeBulkUpdate', 'afterBulkUpdate']);
    order.length = 0;
    await M.update({ n: 2 }, { where: { name: { [Op.in]: ['a', 'b'] } }, individualHooks: true });
    assert.deepEqual(order, ['beforeBulkUpdate', 'beforeUpdate', 'beforeUpdate', 'afterUpdate', 'afterUpdate', 'afterBulkUpdate']);
    order.length = 0;
    await M.destroy({ where: { name: 'c' }, individualHooks: true });
    assert.deepEqual(order, ['beforeBulkDestroy', 'beforeDestroy', 'afterDestroy', 'afterBulkDestroy']);
    order.length = 0;
    await M.findAll({ where: { name: 'a' } });
    await M.count();
    assert.deepEqual(order, ['beforeFind', 'afterFind', 'beforeCount']);
    order.length = 0;
    await M.upsert({ id: 1, name: 'z' });
    assert.deepEqual(order, ['beforeUpsert', 'afterUpsert']);
    order.length = 0;
    await M.create({ name: 'q' }, { hooks: false });
    await M.bulkCreate([{ name: 'r' }], { hooks: false });
    await M.destroy({ where: { name: 'q' }, hooks: false });
    assert.deepEqual(order, [], 'hooks: false skips them');
  });

  it('a before-hook that throws stops the call before any SQL; a failing write runs no after-hook', async () => {
    const M = t.db.define('Guarded', { name: { type: DataTypes.STRING, unique: true } });
    await M.sync({ force: true });
    const after: string[] = [];
    M.addHook('beforeCreate', 'guard', (inst: { name?: string }) => {
      if (inst.name === 'no') throw new Error('refused by hook');
    });
    M.afterCreate(() => {
      after.push('afterCreate');
    });
    M.addHook('afterSave', () => {
      after.push('afterSave');
    });
    t.log.length = 0;
    await assert.rejects(M.create({ name: 'no' }), /refused by hook/);
    assert.deepEqual(statements(t.log), []);
    await M.create({ name: 'dup' });
    after.length = 0;
    await assert.rejects(M.create({ name: 'dup' }), UniqueConstraintError);
    assert.deepEqual(after, []);
    assert.equal(M.hasHook('beforeCreate'), true);
    M.removeHook('beforeCreate', 'guard');
    assert.equal(M.hasHook('beforeCreate'), false);
    await M.create({ name: 'no' });
    assert.throws(() => M.addHook('beforeCreat' as 'beforeCreate', () => {}), UsageError);
  });

  it('fields a before-hook changes are saved, even with save({ fields })', async () => {
    const M = t.db.define('Slugged', { title: DataTypes.STRING, slug: DataTypes.STRING });
    await M.sync({ force: true });
    M.beforeSave((inst: { title: string; slug: string }) => {
      inst.slug = inst.title.toLowerCase().replace(/\s+/g, '-');
    });
    const m = await M.create({ title: 'Hello World' });
    assert.equal(m.slug, 'hello-world');
    m.title = 'Other Title';
    await m.save({ fields: ['title'] });
    const [row] = await t.db.query<{ slug: string }>('SELECT slug FROM "Sluggeds"');
    assert.equal(row.slug, 'other-title');
    assert.equal(m.changed(), false);
  });

  it('hooks get the call\'s transaction; after-hooks run inside it, so their writes roll back with it', async () => {
    const Log = t.db.define('HookLog', { what: DataTypes.STRING });
    const M = t.db.define('Audited', { name: DataTypes.STRING });
    await Log.sync({ force: true });
    await M.sync({ force: true });
    const seen: unknown[] = [];
    M.afterCreate(async (inst: { name: string }, options: { transaction?: Transaction }) => {
      seen.push(options.transaction);
      await Log.create({ what: `created ${inst.name}` }, { transaction: options.transaction });
    });
    await assert.rejects(t.db.transaction(async (tx) => {
      await M.create({ name: 'a' });
      assert.equal(seen[0], tx, 'the managed transaction is handed to the hook');
      throw new Error('roll back');
    }), /roll back/);
    assert.equal(await Log.count(), 0);
    assert.equal(await M.count(), 0);
  });

  it('db.addHook runs for every model, after the model\'s own; decorators declare hooks on static methods', async () => {
    const order: string[] = [];
    @Table
    class Decorated extends Model {
      declare id: number;
      @Column declare name: string;
      @BeforeSave static first(inst: Decorated) {
        order.push(`beforeSave ${inst.name}`);
      }
      @BeforeCreate static async second(inst: Decorated) {
        inst.name = inst.name.toUpperCase();
        order.push('beforeCreate');
      }
      @AfterCreate static third() {
        order.push('afterCreate');
      }
    }
    t.db.addModels([Decorated]);
    await Decorated.sync({ force: true });
    const global = () => {
      order.push('db beforeCreate');
    };
    t.db.addHook('beforeCreate', global);
    try {
      const d = await Decorated.create({ name: 'x' });
      assert.equal(d.name, 'X');
      assert.deepEqual(order, ['beforeSave x', 'beforeCreate', 'db beforeCreate', 'afterCreate']);
      assert.equal((await Decorated.findByPk(d.id))!.name, 'X');
    } finally {
      t.db.removeHook('beforeCreate', global);
    }
    assert.equal(t.db.hasHook('beforeCreate'), false);
  });

  it('validationFailed may replace the error; an unknown hook in options is a definition error', async () => {
    const M = t.db.define('VF', { email: { type: DataTypes.STRING, validate: { isEmail: true } } }, {
      hooks: { validationFailed: () => new Error('replaced') },
    });
    await M.sync({ force: true });
    await assert.rejects(M.create({ email: 'x' }), /^Error: replaced$/);
    assert.throws(() => t.db.define('Bad', { a: DataTypes.STRING }, { hooks: { beforeCreat: () => {} } }), /unknown hook "beforeCreat"/);
  });
  it('beforeFind may change the options and afterFind sees the result; restore and sync have their hooks', async () => {
    const order: string[] = [];
    const M = t.db.define('Findable', { name: DataTypes.STRING, hidden: DataTypes.BOOLEAN }, {
      paranoid: true,
      hooks: {
        beforeFind(options: { where?: object }) {
          options.where = { ...options.where, hidden: false };
        },
        afterFind(result: unknown) {
          order.push(`afterFind ${Array.isArray(result) ? result.length : result === null ? 'null' : 'one'}`);
        },
        beforeRestore: () => { order.push('beforeRestore'); },
        afterRestore: () => { order.push('afterRestore'); },
        beforeBulkRestore: () => { order.push('beforeBulkRestore'); },
        afterBulkRestore: () => { order.push('afterBulkRestore'); },
        beforeSync: () => { order.push('beforeSync'); },
        afterSync: () => { order.push('afterSync'); },
      },
    });
    await M.sync({ force: true });
    assert.deepEqual(order.splice(0), ['beforeSync', 'afterSync']);
    await M.bulkCreate([{ name: 'a', hidden: false }, { name: 'b', hidden: true }]);
    assert.deepEqual((await M.findAll()).map((m) => m.name), ['a'], 'the where the hook added applies');
    assert.equal(await M.findOne({ where: { name: 'b' } }), null);
    assert.deepEqual(order.splice(0), ['afterFind 1', 'afterFind null']);
    const a = (await M.findOne({ where: { name: 'a' } }))!;
    await a.destroy();
    await a.restore();
    await M.destroy({ where: { name: 'a' } });
    await M.restore({ where: { name: 'a' }, individualHooks: true });
    assert.deepEqual(order.splice(0).filter((x) => !x.startsWith('afterFind')), ['beforeRestore', 'afterRestore', 'beforeBulkRestore', 'beforeRestore', 'afterRestore', 'afterBulkRestore']);
    await M.sync({ hooks: false });
    assert.deepEqual(order, []);
  });
  it('individualHooks update writes row by row in one transaction: a row that fails leaves none updated', async () => {
    const M = t.db.define('Uniq', { name: { type: DataTypes.STRING, unique: true }, n: DataTypes.INTEGER });
    await M.sync({ force: true });
    await M.bulkCreate([{ name: 'a', n: 1 }, { name: 'b', n: 2 }]);
    const seen: string[] = [];
    M.beforeUpdate((inst: { name: string }) => {
      seen.push(inst.name);
    });
    await assert.rejects(M.update({ name: 'same' }, { where: { n: { [Op.gt]: 0 } }, individualHooks: true }), UniqueConstraintError);
    assert.equal(seen.length, 2);
    assert.deepEqual((await M.findAll({ order: 'n' })).map((m) => m.name), ['a', 'b']);
    const [count] = await M.update({ n: 5 }, { where: { n: { [Op.gt]: 0 } }, individualHooks: true });
    assert.equal(count, 2);
    assert.equal(await M.count({ where: { n: 5 } }), 2);
  });
});
