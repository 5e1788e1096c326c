import { it } from 'node:test';
import assert from 'node:assert/strict';
import { DataTypes, UsageError } from '../../src/index';
import { forEachDriver } from '../support/harness';
import { count, tableExists } from './support/catalog';

forEachDriver('schema: the match guard and option checks', (t) => {
  const setup = async () => {
    const Guarded = t.db.define('Guarded', { name: DataTypes.STRING });
    await Guarded.sync({ force: true });
    await Guarded.bulkCreate([{ name: 'a' }, { name: 'b' }]);
    t.log.length = 0;
    return Guarded;
  };

  it('refuses every destructive call whose database name does not match, sending nothing and losing no row', async () => {
    const Guarded = await setup();
    // The server's database is "test", PGlite's is "postgres": neither ends in _test.
    assert.ok(!/_test$/.test(t.db.databaseName));
    const calls: [string, () => Promise<unknown>][] = [
      ['db.sync', () => t.db.sync({ force: true, match: /_test$/ })],
      ['Model.sync', () => Guarded.sync({ force: true, match: /_test$/ })],
      ['Model.drop', () => Guarded.drop({ match: /_test$/ })],
      ['db.drop', () => t.db.drop({ match: /_test$/ })],
      ['dry run', () => t.db.sync({ alter: true, dryRun: true, match: /_test$/ })],
    ];
    for (const [what, call] of calls) {
      await assert.rejects(call(), (err: Error) => {
        assert.ok(err instanceof UsageError, what);
        assert.match(err.message, /refused: the database name "(test|postgres)" does not match \/_test\$\/\. Nothing was sent/);
        return true;
      });
    }
    assert.deepEqual(t.log, [], 'not one statement was sent');
    assert.equal(await count(t.db, 'Guardeds'), 2);
  });

  it('runs when the name matches, and a /g regex gives the same answer every time', async () => {
    const Guarded = await setup();
    const match = /^(test|postgres)$/g;
    await Guarded.sync({ force: true, match });
    await Guarded.sync({ force: true, match });
    assert.equal(await count(t.db, 'Guardeds'), 0, 'force emptied the table');
    await Guarded.drop({ match });
    assert.equal(await tableExists(t.db, 'Guardeds'), false);
  });

  it('rejects bad options before sending anything', async () => {
    const Guarded = await setup();
    const bad: [unknown, RegExp][] = [
      [{ force: 'yes' }, /the force option must be true or false, got "yes"/],
      [{ force: 1 }, /the force option must be true or false, got number/],
      [{ alter: 'true' }, /the alter option must be an object/],
      [{ alter: { dorp: true } }, /unknown option "dorp" in the alter option\. Known options: drop/],
      [{ alter: { drop: 'yes' } }, /the alter\.drop option must be true or false/],
      [{ force: true, alter: true }, /force and alter cannot be used together/],
      [{ focre: true }, /unknown option "focre".*Known options: force, alter, match, dryRun, logging, cascade/],
      [{ match: '_test$' }, /the match option must be a RegExp/],
      [{ logging: true }, /the logging option must be false or a function/],
      [{ dryRun: 'no' }, /the dryRun option must be true or false/],
      ['force', /options must be an object/],
    ];
    for (const [options, message] of bad) {
      await assert.rejects(Guarded.sync(options as never), (err: Error) => err instanceof UsageError && message.test(err.message), JSON.stringify(options));
      await assert.rejects(t.db.sync(options as never), UsageError);
    }
    await assert.rejects(Guarded.drop({ force: true } as never), /drop: unknown option "force"\. Known options: match, dryRun, logging, cascade/);
    await assert.rejects(t.db.drop({ cascade: 'yes' } as never), /the cascade option must be true or false/);
    assert.deepEqual(t.log, []);
    assert.equal(await count(t.db, 'Guardeds'), 2);
  });
});
