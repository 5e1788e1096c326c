// UniqueConstraintError as Sequelize gives it (fields, errors[]), and the Database options
// typeValidation, benchmark and logQueryParameters.
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { DataTypes, DatabaseError, UniqueConstraintError, UsageError, ValidationError } from '../../src/index';
import type { DefinedModel } from '../../src/index';
import { DATABASE_URL, forEachDriver, statements } from '../support/harness';
import { Database } from '../../src/index';

forEachDriver('compat: errors and Database options', (t) => {
  let User: DefinedModel;
  before(async () => {
    User = t.db.define('User', {
      email: { type: DataTypes.STRING, unique: true, field: 'email_address' },
      name: DataTypes.STRING,
      secret: DataTypes.STRING,
    });
    await User.sync({ force: true });
  });

  it('UniqueConstraintError.fields maps each column to its value; errors[] has one not_unique item per column', async () => {
    await User.create({ email: 'ada@x.io', name: 'Ada' });
    const err = await User.create({ email: 'ada@x.io', name: 'Other' }).catch((e: unknown) => e);
    assert.ok(err instanceof UniqueConstraintError);
    assert.ok(err instanceof DatabaseError);
    assert.deepEqual(err.fields, { email_address: 'ada@x.io' });
    assert.equal(err.errors.length, 1);
    const [item] = err.errors;
    assert.deepEqual({ path: item.path, value: item.value, type: item.type, validatorKey: item.validatorKey, message: item.message },
      { path: 'email_address', value: 'ada@x.io', type: 'unique violation', validatorKey: 'not_unique', message: 'email_address must be unique' });
    assert.equal(err.constraint, 'Users_email_address_key');
    assert.match(err.message, /duplicate key/);
    assert.equal(await User.count(), 1);
  });

  it('Database options typeValidation and benchmark are accepted; values are checked against their types either way', async () => {
    const db = t.connect({ typeValidation: false, benchmark: true });
    try {
      const U = db.define('User', { email: { type: DataTypes.STRING, unique: true, field: 'email_address' }, name: DataTypes.STRING, secret: DataTypes.STRING });
      await assert.rejects(U.create({ name: 42 as never }), ValidationError);
    } finally {
      await db.close();
    }
    assert.throws(() => t.connect({ typeValidation: 'yes' as never }), UsageError);
    assert.throws(() => t.connect({ logQueryParameters: 1 as never }), UsageError);
  });

  it('logQueryParameters appends the bound values to each logged statement; without it they are never logged', async () => {
    const withParams: string[] = [];
    const db = t.connect({ logging: (s) => withParams.push(s), logQueryParameters: true });
    try {
      const U = db.define('User', { email: { type: DataTypes.STRING, unique: true, field: 'email_address' }, name: DataTypes.STRING, secret: DataTypes.STRING });
      await U.findAll({ where: { name: 'Param Value' } });
      await db.query('SELECT 1');
    } finally {
      await db.close();
    }
    assert.ok(statements(withParams).some((s) => /WHERE "name" = \$1; "Param Value"$/.test(s)), statements(withParams).join('\n'));
    assert.ok(statements(withParams).includes('SELECT 1'), 'no parameters: the text alone');
    t.log.length = 0;
    await User.findAll({ where: { name: 'Hidden Value' } });
    assert.ok(!t.log.some((s) => s.includes('Hidden Value')), 'the default logger never sees values');
  });

  if (t.driver === 'pg') it('no password appears in a logged statement with logQueryParameters (pg driver)', async () => {
    const seen: string[] = [];
    const url = new URL(DATABASE_URL);
    url.password = 'sekret-pw-123';
    const db = new Database(url.toString(), { schema: t.schema, logging: (s) => seen.push(s), logQueryParameters: true });
    try {
      await db.query('SELECT $1::text AS v', { bind: ['x'] });
    } finally {
      await db.close();
    }
    assert.ok(seen.length > 0);
    assert.ok(!seen.some((s) => s.includes('sekret-pw-123')));
  });
});
