import { it } from 'node:test';
import assert from 'node:assert/strict';
import { Column, DataTypes, DefinitionError, Model, Table, Validate, ValidationError } from '../../src/index';
import { forEachDriver, statements } from '../support/harness';

forEachDriver('validations', (t) => {
  const define = () => t.db.define('Person', {
    email: { type: DataTypes.STRING, allowNull: false, validate: { isEmail: { msg: 'not an email' }, notNull: { msg: 'email please' } } },
    name: { type: DataTypes.STRING, validate: { len: [2, 10], is: /^[a-z]+$/i, not: ['admin', 'i'] } },
    role: { type: DataTypes.STRING, validate: { isIn: [['user', 'staff']] } },
    tag: { type: DataTypes.STRING, validate: { notIn: [['bad']] } },
    age: { type: DataTypes.INTEGER, validate: { min: 0, max: { args: [150], msg: 'too old' } } },
    ref: { type: DataTypes.STRING, validate: { isUUID: 4 } },
    nick: {
      type: DataTypes.STRING,
      validate: {
        notSameAsName(this: { name?: string }, value: unknown) {
          if (value === this.name) throw new Error('nick equals name');
        },
        async notTaken(value: unknown) {
          await new Promise((r) => setTimeout(r, 1));
          if (value === 'taken') throw new Error('nick taken');
        },
      },
    },
  }, {
    validate: {
      ageNeedsName(this: { age?: number; name?: string }) {
        if (this.age !== undefined && this.age !== null && !this.name) throw new Error('age needs a name');
      },
    },
  });

  it('every failing validator is one ValidationError item { message, type, path, value, validatorKey, instance }; no SQL is sent', async () => {
    const Person = define();
    await Person.sync({ force: true });
    t.log.length = 0;
    const p = Person.build({ email: 'nope', name: '1', role: 'boss', tag: 'bad', age: 200, ref: 'zz', nick: '1' });
    await assert.rejects(p.save(), (err: unknown) => {
      assert.ok(err instanceof ValidationError);
      const byKey = Object.fromEntries(err.errors.map((e) => [`${e.path}:${e.validatorKey}`, e]));
      assert.deepEqual(Object.keys(byKey).sort(), ['age:max', 'email:isEmail', 'name:is', 'name:len', 'nick:notSameAsName', 'ref:isUUID', 'role:isIn', 'tag:notIn'].sort());
      assert.equal(byKey['email:isEmail'].message, 'not an email');
      assert.equal(byKey['age:max'].message, 'too old');
      assert.equal(byKey['nick:notSameAsName'].message, 'nick equals name');
      assert.equal(byKey['email:isEmail'].type, 'Validation error');
      assert.equal(byKey['email:isEmail'].value, 'nope');
      assert.equal(byKey['email:isEmail'].attribute, 'email', 'attribute is kept as an alias of path');
      assert.equal(byKey['email:isEmail'].instance, p);
      return true;
    });
    assert.deepEqual(statements(t.log), [], 'nothing was sent');
    assert.equal(p.isNewRecord, true);
    assert.equal(p.email, 'nope', 'the instance is unchanged');
    assert.equal(p.changed('email'), true);
  });

  it('async custom validators, the not regex, model validators and notNull messages', async () => {
    const Person = define();
    await Person.sync({ force: true });
    await assert.rejects(Person.create({ email: 'a@b.co', nick: 'taken' }), /nick taken/);
    await assert.rejects(Person.create({ email: 'a@b.co', name: 'Admin' }), (e: ValidationError) => e.errors[0].validatorKey === 'not');
    await assert.rejects(Person.create({ email: 'a@b.co', age: 3 }), (e: ValidationError) => e.errors[0].path === 'ageNeedsName' && e.errors[0].message === 'age needs a name');
    await assert.rejects(Person.create({ email: null as unknown as string }), (e: ValidationError) => e.errors[0].message === 'email please' && e.errors[0].type === 'notNull Violation');
    await assert.rejects(Person.create({}), (e: ValidationError) => e.errors[0].message === 'email please');
    assert.equal(await Person.count(), 0);
    const ok = await Person.create({ email: 'a@b.co', name: 'Ada', role: 'staff', age: 36, ref: '0b5c7e3a-3f1c-4c8e-9d2a-1e2f3a4b5c6d', nick: 'ada' });
    assert.equal(ok.isNewRecord, false);
  });

  it('an update validates only the changed attributes, and a failure leaves the row and the instance as they were', async () => {
    const Person = define();
    await Person.sync({ force: true });
    const p = await Person.create({ email: 'a@b.co', name: 'Ada' });
    t.log.length = 0;
    p.name = 'A';
    await assert.rejects(p.save(), ValidationError);
    assert.deepEqual(statements(t.log), []);
    assert.equal(p.name, 'A');
    assert.deepEqual(p.changed(), ['name']);
    assert.equal((await Person.findByPk(p.id))!.name, 'Ada');
    await assert.rejects(p.update({ name: 'B' }), ValidationError);
    assert.equal(p.name, 'A', 'update() puts back what it set');
  });

  it('save({ validate: false }) skips the validators (the NOT NULL and type checks still run); instance.validate() runs them alone', async () => {
    const Person = define();
    await Person.sync({ force: true });
    const p = Person.build({ email: 'not-an-email' });
    await assert.rejects(p.validate(), (e: ValidationError) => e.errors[0].validatorKey === 'isEmail');
    await p.validate({ skip: ['email'] });
    await p.save({ validate: false });
    assert.equal((await Person.findByPk(p.id))!.email, 'not-an-email');
    const q = Person.build({ email: 'a@b.co', age: 'abc' as unknown as number });
    await assert.rejects(q.validate(), (e: ValidationError) => e.errors[0].validatorKey === 'type');
    await assert.rejects(Person.build({}).save({ validate: false }), (e: ValidationError) => e.errors[0].path === 'email');
  });

  it('bulkCreate, Model.update and upsert validate too, before anything is sent', async () => {
    const Person = define();
    await Person.sync({ force: true });
    t.log.length = 0;
    await assert.rejects(Person.bulkCreate([{ email: 'a@b.co' }, { email: 'bad' }]), (e: ValidationError) => /^row 1: /.test(e.errors[0].message));
    await assert.rejects(Person.update({ email: 'bad' }, { where: { name: 'x' } }), ValidationError);
    await assert.rejects(Person.upsert({ id: 1, email: 'bad' }), ValidationError);
    assert.deepEqual(statements(t.log), []);
    await Person.bulkCreate([{ email: 'bad' }], { validate: false });
    assert.equal(await Person.count(), 1);
  });

  it('@Validate on a decorated attribute merges with @Column({ validate })', async () => {
    @Table
    class Account extends Model {
      @Validate({ isEmail: true })
      @Column({ type: DataTypes.STRING, validate: { len: [5, 50] } })
      declare email: string;
    }
    t.db.addModels([Account]);
    await Account.sync({ force: true });
    await assert.rejects(Account.create({ email: 'a@b' }), (e: ValidationError) => e.errors.map((x) => x.validatorKey).sort().join() === 'isEmail,len');
    await Account.create({ email: 'ada@example.com' });
  });

  it('an unknown validator is a DefinitionError when the model is registered', () => {
    assert.throws(() => t.db.define('Bad', { x: { type: DataTypes.STRING, validate: { isEmial: true } } }), (e: unknown) => e instanceof DefinitionError && /unknown validator "isEmial"/.test((e as Error).message));
  });
});
