// Issue 10 #5: with NODE_ENV=production, a destructive sync or drop without `match` is refused.
import { afterEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { DataTypes, ProductionGuardError, UsageError } from '../../src/index';
import { forEachDriver } from '../support/harness';
import { count, tableExists } from './support/catalog';

const saved = process.env.NODE_ENV;

forEachDriver('schema: destructive calls in production', (t) => {
  afterEach(() => {
    if (saved === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = saved;
  });

  const setup = async () => {
    delete process.env.NODE_ENV;
    const Kept = t.db.define('Kept', { name: DataTypes.STRING });
    await Kept.sync({ force: true });
    await Kept.bulkCreate([{ name: 'a' }, { name: 'b' }]);
    t.log.length = 0;
    process.env.NODE_ENV = 'production';
    return Kept;
  };

  it('refuses force, alter with drop and drop without match, sending nothing and losing no row', async () => {
    const Kept = await setup();
    const calls: [string, () => Promise<unknown>, RegExp][] = [
      ['db.sync force', () => t.db.sync({ force: true }), /^sync\(\{ force: true \}\) refused/],
      ['Model.sync force', () => Kept.sync({ force: true }), /^sync\(\{ force: true \}\) refused/],
      ['force + cascade', () => Kept.sync({ force: true, cascade: true }), /^sync\(\{ force: true \}\) refused/],
      ['alter drop', () => t.db.sync({ alter: { drop: true } }), /^sync\(\{ alter: \{ drop: true \} \}\) refused/],
      ['Model.drop', () => Kept.drop(), /^drop\(\) refused/],
      ['db.drop', () => t.db.drop(), /^drop\(\) refused/],
      ['allowInProduction false', () => t.db.drop({ allowInProduction: false }), /^drop\(\) refused/],
    ];
    for (const [what, call, start] of calls) {
      await assert.rejects(call(), (err: Error) => {
        assert.ok(err instanceof ProductionGuardError, `${what}: ${err.name}`);
        assert.ok(err instanceof UsageError, 'a UsageError, like the match guard');
        assert.match(err.message, start);
        assert.match(err.message, /NODE_ENV is "production".*Nothing was sent to the database\. Pass \{ match: .*\{ allowInProduction: true \}/);
        return true;
      });
    }
    assert.deepEqual(t.log, [], 'not one statement was sent');
    delete process.env.NODE_ENV;
    assert.equal(await count(t.db, 'Kepts'), 2);
  });

  it('runs with a match that names the database, or with allowInProduction: true', async () => {
    const Kept = await setup();
    await Kept.sync({ force: true, match: /^(test|postgres)$/ });
    assert.equal(await count(t.db, 'Kepts'), 0, 'force with a matching match ran');
    await Kept.create({ name: 'c' });
    await t.db.sync({ force: true, allowInProduction: true });
    assert.equal(await count(t.db, 'Kepts'), 0, 'force with the override ran');
    await Kept.drop({ allowInProduction: true });
    assert.equal(await tableExists(t.db, 'Kepts'), false);
    await assert.rejects(Kept.drop({ allowInProduction: 'yes' } as never), /the allowInProduction option must be true or false/);
  });

  it('lets plain sync, alter without drop and dry runs through, and keeps the development behaviour', async () => {
    const Kept = await setup();
    await t.db.sync();
    await t.db.sync({ alter: true });
    const planned = await t.db.sync({ force: true, dryRun: true });
    assert.ok(planned.some((s) => s.startsWith('DROP TABLE')), 'a dry run shows the DDL and runs none');
    assert.equal(await count(t.db, 'Kepts'), 2);
    process.env.NODE_ENV = 'development';
    await Kept.sync({ force: true });
    assert.equal(await count(t.db, 'Kepts'), 0, 'outside production, force runs as in Sequelize');
    delete process.env.NODE_ENV;
    await Kept.drop();
    assert.equal(await tableExists(t.db, 'Kepts'), false);
  });
});
