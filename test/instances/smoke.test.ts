import { it } from 'node:test';
import assert from 'node:assert/strict';
import { DataTypes } from '../../src/index';
import { forEachDriver, statements } from '../support/harness';

forEachDriver('smoke', (t) => {
  it('creates and reads back a row', async () => {
    const User = t.db.define('User', { name: DataTypes.STRING });
    await User.sync({ force: true });
    const u = await User.create({ name: 'Ada' });
    assert.equal(u.id, 1);
    const rows = await t.db.query<{ name: string }>('SELECT name FROM "Users"');
    assert.deepEqual(rows, [{ name: 'Ada' }]);
    assert.ok(statements(t.log).some((s) => s.startsWith('INSERT INTO "Users"')));
  });
});
