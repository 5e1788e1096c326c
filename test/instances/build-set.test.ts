import { it } from 'node:test';
import assert from 'node:assert/strict';
import { Column, DataTypes, Default, Model, Table, UnknownAttributeError, UsageError } from '../../src/index';
import { forEachDriver, statements } from '../support/harness';

forEachDriver('build, set, get', (t) => {
  @Table
  class Person extends Model {
    declare id: number;
    @Column({ allowNull: false }) declare firstName: string;
    @Column declare lastName: string;
    @Default(0) @Column declare age: number;
    @Column(DataTypes.JSONB) declare meta: Record<string, unknown> | null;
    getFullName() {
      return [this.firstName, this.lastName].join(' ');
    }
  }

  it('build() makes an unsaved instance of the class with defaults, and sends nothing', async () => {
    t.db.addModels([Person]);
    await Person.sync({ force: true });
    t.log.length = 0;
    const p = Person.build({ firstName: 'Jane', lastName: 'Doe' });
    assert.ok(p instanceof Person);
    assert.ok(p instanceof Model);
    assert.equal(p.isNewRecord, true);
    assert.equal(p.age, 0);
    assert.equal(p.getFullName(), 'Jane Doe');
    assert.deepEqual(statements(t.log), []);
  });

  it('unknown keys are an error naming them, and build nothing', () => {
    assert.throws(() => Person.build({ firstName: 'x', favoriteColor: 'blue' } as never), (e: Error) => e instanceof UnknownAttributeError && /favoriteColor/.test(e.message));
  });

  it('__proto__, constructor and prototype keys are rejected and pollute nothing', () => {
    const hostile = JSON.parse('{"firstName":"x","__proto__":{"polluted":true}}');
    assert.throws(() => Person.build(hostile), UnknownAttributeError);
    assert.throws(() => Person.build({ constructor: 1 } as never), UnknownAttributeError);
    assert.throws(() => Person.build({ prototype: 1 } as never), UnknownAttributeError);
    const p = Person.build({ firstName: 'y' });
    assert.throws(() => p.set(JSON.parse('{"__proto__":{"polluted":true}}')), UnknownAttributeError);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal((p as unknown as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(p), Person.prototype);
  });

  it('set(key, value), set({...}), get(key), get({ plain: true }) and toJSON()', () => {
    const p = Person.build({ firstName: 'Jane' });
    p.set('lastName', 'Doe');
    p.set({ firstName: 'Ada', age: 36 });
    assert.equal(p.get('firstName'), 'Ada');
    p.lastName = 'Lovelace';
    assert.deepEqual(p.get({ plain: true }), { firstName: 'Ada', lastName: 'Lovelace', age: 36 });
    assert.deepEqual(JSON.parse(JSON.stringify(p)), { firstName: 'Ada', lastName: 'Lovelace', age: 36 });
  });

  it('a bad set({...}) changes nothing: unknown keys and undefined values are refused up front', () => {
    const p = Person.build({ firstName: 'Jane' });
    assert.throws(() => p.set({ firstName: 'Changed', nope: 1 } as never), UnknownAttributeError);
    assert.throws(() => p.set({ firstName: 'Changed', lastName: undefined } as never), UsageError);
    assert.throws(() => p.set('lastName', undefined as never), UsageError);
    assert.equal(p.firstName, 'Jane');
    assert.equal(p.lastName, undefined);
  });

  it('assigning undefined never silently writes NULL', async () => {
    const p = await Person.create({ firstName: 'Jane', lastName: 'Doe' });
    (p as { lastName: unknown }).lastName = undefined;
    await assert.rejects(p.save(), /Person\.lastName is undefined; assign null/);
    const rows = await t.db.query('SELECT "lastName" FROM "People" WHERE id = $1', { bind: [p.id] });
    assert.deepEqual(rows, [{ lastName: 'Doe' }]);
  });

  it('create() returns the database values: serial id, SQL defaults, timestamps', async () => {
    await t.db.query(`ALTER TABLE "People" ALTER COLUMN "lastName" SET DEFAULT 'FromSql'`);
    const before = Date.now();
    const p = await Person.create({ firstName: 'Grace' });
    assert.equal(typeof p.id, 'number');
    assert.equal(p.isNewRecord, false);
    assert.equal(p.lastName, 'FromSql', 'the SQL default came back through RETURNING');
    const created = (p as unknown as { createdAt: Date }).createdAt;
    assert.ok(created instanceof Date && created.getTime() >= before - 1000);
    assert.deepEqual((p as unknown as { updatedAt: Date }).updatedAt, created);
    assert.equal(p.changed(), false);
  });
});
