import { it } from 'node:test';
import assert from 'node:assert/strict';
import * as inscribe from '../../src/index';
import { DataTypes, Model, ValidationError } from '../../src/index';
import { forEachDriver, statements } from '../support/harness';
import { HOOK_NAMES } from '../../src/hooks/names';

forEachDriver('one write pipeline', (t) => {
  it('every write refuses a missing or null NOT NULL value with the same item, before any SQL', async () => {
    const Item = t.db.define('Item', { name: { type: DataTypes.STRING, allowNull: false }, n: DataTypes.INTEGER });
    await Item.sync({ force: true });
    const saved = await Item.create({ name: 'a' });
    t.log.length = 0;
    const failures: ValidationError[] = [];
    const collect = async (p: Promise<unknown>) => {
      await assert.rejects(p, (e: unknown) => {
        assert.ok(e instanceof ValidationError);
        failures.push(e);
        return true;
      });
    };
    await collect(Item.create({ n: 1 }));
    await collect(Item.bulkCreate([{ n: 1 }]));
    await collect(Item.create({ name: null as unknown as string }));
    await collect(Item.update({ name: null as unknown as string }, { where: { n: 1 } }));
    await collect(Item.upsert({ id: saved.id, name: null as unknown as string }));
    saved.name = null as unknown as string;
    await collect(saved.save());
    assert.deepEqual(statements(t.log), [], 'nothing was sent');
    for (const e of failures) {
      const item = e.errors[0];
      assert.equal(item.path, 'name');
      assert.equal(item.attribute, 'name');
      assert.equal(item.type, 'notNull Violation');
      assert.equal(item.validatorKey, 'is_null');
    }
    assert.equal(saved.changed('name'), true, 'the failed save left the instance as it was');
  });

  it('a type refusal names its validatorKey "type" on every path', async () => {
    const Num = t.db.define('Num', { n: DataTypes.INTEGER });
    await Num.sync({ force: true });
    for (const p of [Num.create({ n: 'x' as unknown as number }), Num.bulkCreate([{ n: 'x' as unknown as number }]), Num.update({ n: 'x' as unknown as number }, { where: { id: 1 } })]) {
      await assert.rejects(p, (e: ValidationError) => e.errors[0].validatorKey === 'type' && e.errors[0].path === 'n');
    }
  });

  it('every hook has a Model static and a decorator', () => {
    for (const name of HOOK_NAMES) {
      assert.equal(typeof (Model as unknown as Record<string, unknown>)[name], 'function', `Model.${name}`);
      const decorator = name[0].toUpperCase() + name.slice(1);
      assert.equal(typeof (inscribe as Record<string, unknown>)[decorator], 'function', `@${decorator}`);
    }
  });
});
