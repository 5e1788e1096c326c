import { it } from 'node:test';
import assert from 'node:assert/strict';
import { ConnectionError, Database, DataTypes, UniqueConstraintError, ValidationError } from '../../src/index';
import { DATABASE_URL, forEachDriver, statements } from '../support/harness';
import { CuttingProxy } from '../support/cutting-proxy';

forEachDriver('a failed write leaves everything as it was', (t) => {
  const define = () => t.db.define('Account', {
    email: { type: DataTypes.STRING, unique: true, allowNull: false },
    age: DataTypes.INTEGER,
    tags: DataTypes.ARRAY(DataTypes.TEXT),
  });

  it('a unique violation on save leaves the instance new and dirty, and no row written', async () => {
    const Account = define();
    await Account.sync({ force: true });
    await Account.create({ email: 'taken@x' });
    const a = Account.build({ email: 'taken@x', age: 5 });
    const before = { ...a.get({ plain: true }) };
    await assert.rejects(a.save(), UniqueConstraintError);
    assert.equal(a.isNewRecord, true);
    assert.deepEqual(a.get({ plain: true }), before);
    assert.deepEqual(a.changed(), ['email', 'age']);
    assert.equal(a.id, undefined, 'no id was assigned');
    assert.equal(a.createdAt, undefined, 'no timestamp was assigned');
    assert.deepEqual(await t.db.query('SELECT count(*)::int AS n FROM "Accounts"'), [{ n: 1 }]);
  });

  it('a failed update keeps the new values dirty and the snapshot untouched', async () => {
    const Account = define();
    await Account.create({ email: 'one@x' });
    const b = await Account.create({ email: 'two@x', age: 1 });
    b.email = 'one@x';
    b.age = 2;
    await assert.rejects(b.save(), UniqueConstraintError);
    assert.deepEqual(b.changed(), ['email', 'age']);
    assert.equal(b.previous('email'), 'two@x');
    assert.deepEqual(await t.db.query('SELECT email, age FROM "Accounts" WHERE id = $1', { bind: [b.id] }), [{ email: 'two@x', age: 1 }]);
  });

  it('update(values) that fails restores the previous values', async () => {
    const Account = define();
    await Account.create({ email: 'u1@x' });
    const c = await Account.create({ email: 'u2@x', age: 7 });
    await assert.rejects(c.update({ email: 'u1@x', age: 8 }), UniqueConstraintError);
    assert.equal(c.email, 'u2@x');
    assert.equal(c.age, 7);
    assert.equal(c.changed(), false);
  });

  it('an option a call does not know (a typo) or a transaction that is not one is refused, never ignored', async () => {
    const Account = define();
    t.log.length = 0;
    await assert.rejects(Account.create({ email: 'opt@x' }, { transaction: {} } as never), /The transaction option must be a Transaction from db.transaction\(\), or null/);
    const a = await Account.create({ email: 'opt2@x' });
    a.age = 3;
    await assert.rejects(a.save({ feilds: ['age'] } as never), /unknown option "feilds"/);
    await assert.rejects(a.increment('age', { bye: 2 } as never), /unknown option "bye"/);
    assert.deepEqual(await t.db.query('SELECT email, age FROM "Accounts" WHERE email LIKE $1 ORDER BY email', { bind: ['opt%'] }), [{ email: 'opt2@x', age: null }]);
  });

  it('validation errors name model and attribute, and nothing is sent', async () => {
    const Account = define();
    t.log.length = 0;
    const d = Account.build({ email: 'v@x', age: 2 ** 31 });
    await assert.rejects(d.save(), (e: ValidationError) => e instanceof ValidationError && e.attribute === 'age' && e.model === 'Account' && /Account\.age/.test(e.message));
    await assert.rejects(Account.create({ age: 1 }), (e: ValidationError) => e instanceof ValidationError && e.attribute === 'email' && /required/.test(e.message));
    await assert.rejects(Account.create({ email: null as never }), (e: ValidationError) => e.attribute === 'email' && /cannot be null/.test(e.message));
    await assert.rejects(Account.create({ email: 'w@x', tags: ['ok', 3 as never] }), (e: ValidationError) => e.attribute === 'tags');
    const bad = Account.build({ email: 'x@x', age: 'seven' as never });
    const many = await bad.save().then(() => null, (e: ValidationError) => e);
    assert.ok(many instanceof ValidationError);
    assert.deepEqual(statements(t.log), []);
    assert.equal(bad.isNewRecord, true);
  });

  if (t.driver === 'pg') {
    it('a lost connection during save leaves the instance new and dirty, and no row', async () => {
      const url = new URL(DATABASE_URL);
      const proxy = new CuttingProxy({ host: url.hostname, port: Number(url.port || 5432) });
      const port = await proxy.start();
      const via = new URL(DATABASE_URL);
      via.port = String(port);
      const db = new Database(via.toString(), { schema: t.schema, pool: { max: 1 } });
      try {
        const A = db.define('Account', { email: { type: DataTypes.STRING, unique: true, allowNull: false }, age: DataTypes.INTEGER, tags: DataTypes.ARRAY(DataTypes.TEXT) });
        await db.query('SELECT 1');
        const e = A.build({ email: 'lost@x' });
        proxy.arm();
        await assert.rejects(e.save(), ConnectionError);
        assert.equal(e.isNewRecord, true);
        assert.deepEqual(e.changed(), ['email']);
        assert.deepEqual(await t.db.query('SELECT count(*)::int AS n FROM "Accounts" WHERE email = $1', { bind: ['lost@x'] }), [{ n: 0 }]);
        await e.save();
        assert.equal(e.isNewRecord, false, 'the next save goes through on a fresh connection');
      } finally {
        await db.close();
        await proxy.stop();
      }
    });
  }
});
