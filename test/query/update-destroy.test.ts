// Model.update, Model.destroy and Model.increment/decrement, and the guards that keep an
// empty or undefined filter from touching every row.
import { before, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { DataTypes, Op, UnknownAttributeError, UsageError, ValidationError } from '../../src/index';
import type { DefinedModel } from '../../src/index';
import { forEachDriver, statements } from '../support/harness';

forEachDriver('Model.update / destroy / increment', (t) => {
  let Item: DefinedModel;
  const past = new Date('2001-02-03T04:05:06.000Z');
  before(async () => {
    Item = t.db.define('Item', {
      name: { type: DataTypes.STRING, allowNull: false },
      qty: { type: DataTypes.INTEGER, defaultValue: 0 },
      price: DataTypes.DECIMAL(10, 2),
      tags: DataTypes.ARRAY(DataTypes.STRING),
      kind: DataTypes.ENUM('a', 'b'),
      meta: DataTypes.JSON,
    });
    await Item.sync({ force: true });
  });
  beforeEach(async () => {
    await Item.destroy({ truncate: true, restartIdentity: true });
    await Item.bulkCreate([
      { name: 'one', qty: 1, kind: 'a', createdAt: past },
      { name: 'two', qty: 2, kind: 'b', createdAt: past },
      { name: 'three', qty: 3, kind: 'a', createdAt: past },
    ]);
    await t.db.query(`UPDATE "Items" SET "updatedAt" = $1`, { bind: [past] });
    t.log.length = 0;
  });

  const snapshot = async () => (await Item.findAll({ order: ['id'], raw: true })).map((r) => ({ ...r }));

  it('update sets the values (and updatedAt) on the matching rows; resolves to [affectedCount]', async () => {
    const result = await Item.update({ qty: 10, tags: ['x', 'y,z'], meta: { a: [1] } }, { where: { kind: 'a' } });
    assert.deepEqual(result, [2]);
    assert.equal(statements(t.log)[0], 'UPDATE "Items" SET "qty" = $1, "tags" = $2::text::VARCHAR(255)[], "meta" = $3, "updatedAt" = $4 WHERE "kind" = $5');
    const rows = await Item.findAll({ order: ['id'] });
    assert.deepEqual(rows.map((r) => r.qty), [10, 2, 10]);
    assert.deepEqual(rows[0].tags, ['x', 'y,z']);
    assert.deepEqual(rows[2].meta, { a: [1] });
    assert.ok(rows[0].updatedAt.getTime() > past.getTime());
    assert.equal(rows[1].updatedAt.getTime(), past.getTime());
    assert.equal(rows[0].createdAt.getTime(), past.getTime());
  });

  it('update with returning: true resolves to [count, instances]', async () => {
    const [n, rows] = await Item.update({ price: '9.99' }, { where: { qty: { [Op.gte]: 2 } }, returning: true });
    assert.equal(n, 2);
    assert.deepEqual(rows.map((r) => [r.name, r.price]).sort(), [['three', '9.99'], ['two', '9.99']]);
    assert.equal(rows[0].isNewRecord, false);
    assert.equal(rows[0].changed(), false);
  });

  it('update with silent: true leaves updatedAt', async () => {
    await Item.update({ qty: 7 }, { where: { name: 'one' }, silent: true });
    const one = await Item.findOne({ where: { name: 'one' } });
    assert.equal(one!.qty, 7);
    assert.equal(one!.updatedAt.getTime(), past.getTime());
  });

  it('update validates the values before anything is sent', async () => {
    await assert.rejects(Item.update({ name: null }, { where: { id: 1 } }), (e: Error) => e instanceof ValidationError && /Item\.name cannot be null/.test(e.message));
    await assert.rejects(Item.update({ qty: 'many' }, { where: { id: 1 } }), (e: Error) => e instanceof ValidationError && /Item\.qty/.test(e.message));
    await assert.rejects(Item.update({ kind: 'c' }, { where: { id: 1 } }), ValidationError);
    await assert.rejects(Item.update({ nope: 1 } as never, { where: { id: 1 } }), UnknownAttributeError);
    await assert.rejects(Item.update({ qty: undefined }, { where: { id: 1 } }), UsageError);
    await assert.rejects(Item.update({}, { where: { id: 1 } }), UsageError);
    assert.deepEqual(statements(t.log), []);
  });

  it('update without a where, with an empty where, or with undefined values changes nothing and throws', async () => {
    const before = await snapshot();
    t.log.length = 0;
    await assert.rejects(Item.update({ qty: 0 }, undefined as never), UsageError);
    await assert.rejects(Item.update({ qty: 0 }, {} as never), (e: Error) => e instanceof UsageError && /needs a where/.test(e.message));
    await assert.rejects(Item.update({ qty: 0 }, { where: {} }), (e: Error) => e instanceof UsageError && /all: true/.test(e.message));
    await assert.rejects(Item.update({ qty: 0 }, { where: { id: undefined } }), UsageError);
    await assert.rejects(Item.update({ qty: 0 }, { where: { [Op.or]: [{ id: undefined }] } }), UsageError);
    await assert.rejects(Item.update({ qty: 0 }, { where: { [Op.and]: [] } }), UsageError);
    assert.deepEqual(statements(t.log), []);
    assert.deepEqual(await snapshot(), before);
  });

  it('update of every row takes { where: {}, all: true }', async () => {
    assert.deepEqual(await Item.update({ qty: 0 }, { where: {}, all: true }), [3]);
    assert.deepEqual((await Item.findAll()).map((r) => r.qty), [0, 0, 0]);
  });

  it('destroy deletes the matching rows and resolves to the count', async () => {
    assert.equal(await Item.destroy({ where: { qty: { [Op.lt]: 3 } } }), 2);
    assert.equal(statements(t.log)[0], 'DELETE FROM "Items" WHERE "qty" < $1');
    assert.deepEqual((await Item.findAll()).map((r) => r.name), ['three']);
    assert.equal(await Item.destroy({ where: { name: 'nobody' } }), 0);
  });

  it('destroy without a where, with an empty where, or with undefined values leaves every row in place', async () => {
    const before = await snapshot();
    t.log.length = 0;
    await assert.rejects(Item.destroy(undefined as never), UsageError);
    await assert.rejects(Item.destroy({}), (e: Error) => e instanceof UsageError && /needs a where/.test(e.message));
    await assert.rejects(Item.destroy({ where: {} }), (e: Error) => e instanceof UsageError && /all: true/.test(e.message));
    await assert.rejects(Item.destroy({ where: { id: undefined } }), UsageError);
    await assert.rejects(Item.destroy({ where: { name: 'one', qty: undefined } }), UsageError);
    await assert.rejects(Item.destroy({ where: { id: { [Op.in]: [1, undefined] } } }), UsageError);
    await assert.rejects(Item.destroy({ where: { [Op.or]: [{}] } }), UsageError);
    await assert.rejects(Item.destroy({ where: JSON.parse('{"id":{"$gt":0}}') }), UsageError);
    await assert.rejects(Item.destroy({ where: { nope: 1 } as never }), UnknownAttributeError);
    await assert.rejects(Item.destroy({ where: { id: 1 }, all: 'yes' } as never), UsageError);
    await assert.rejects(Item.destroy({ truncate: true, where: { id: 1 } }), UsageError);
    assert.deepEqual(statements(t.log), []);
    assert.deepEqual(await snapshot(), before);
  });

  it('destroy of every row takes { where: {}, all: true } (counted) or { truncate: true }', async () => {
    assert.equal(await Item.destroy({ where: {}, all: true }), 3);
    assert.equal(await Item.count(), 0);
    await Item.create({ name: 'again' });
    assert.equal(await Item.destroy({ truncate: true }), 0);
    assert.equal(statements(t.log).at(-1), 'TRUNCATE TABLE "Items"');
    assert.equal(await Item.count(), 0);
  });

  it('increment and decrement: one atomic UPDATE on the matching rows', async () => {
    const [n] = await Item.increment('qty', { where: { kind: 'a' }, by: 5 });
    assert.equal(n, 2);
    assert.equal(statements(t.log)[0], 'UPDATE "Items" SET "qty" = "qty" + $1, "updatedAt" = $2 WHERE "kind" = $3');
    await Item.decrement(['qty'], { where: { name: 'two' } });
    const [, rows] = await Item.increment({ qty: 1, price: 0.5 }, { where: { id: { [Op.in]: [1, 2] } }, returning: true });
    assert.deepEqual(rows.map((r) => [r.name, r.qty, r.price]).sort(), [['one', 7, null], ['two', 2, null]]);
    assert.deepEqual((await Item.findAll({ order: ['id'] })).map((r) => r.qty), [7, 2, 8]);
  });

  it('concurrent static increments never lose an update', async () => {
    await Promise.all(Array.from({ length: 50 }, () => Item.increment('qty', { where: { name: 'one' } })));
    assert.equal((await Item.findOne({ where: { name: 'one' } }))!.qty, 51);
  });

  it('increment is guarded like update', async () => {
    await assert.rejects(Item.increment('qty', { where: {} }), UsageError);
    await assert.rejects(Item.increment('qty', { where: { id: undefined } }), UsageError);
    await assert.rejects(Item.increment('name', { where: { id: 1 } }), UsageError);
    await assert.rejects(Item.increment('nope' as never, { where: { id: 1 } }), UsageError);
    assert.deepEqual(statements(t.log), []);
    const [n] = await Item.increment('qty', { where: {}, all: true, silent: true });
    assert.equal(n, 3);
    assert.deepEqual((await Item.findAll({ order: ['id'] })).map((r) => [r.qty, r.updatedAt.getTime()]), [[2, past.getTime()], [3, past.getTime()], [4, past.getTime()]]);
  });
});
