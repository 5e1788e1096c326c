// Issue 10 #7: generated names past 63 bytes. PostgreSQL cuts identifiers to 63 bytes, so
// cutting alone made distinct generated names equal and sync failed late. Now they get a
// stable hash suffix, and names that still collide are a DefinitionError at registration.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { DataTypes, Database, DefinitionError } from '../../src/index';
import { forEachDriver } from '../support/harness';
import { constraints, ddlIn, indexes } from './support/catalog';
import { ddlOf } from '../support/ddl';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

forEachDriver('schema: generated names past 63 bytes', (t) => {
  /** Syncs, then checks a second alter sync runs no DDL (the names are stable). */
  const syncTwice = async (run: () => Promise<string[]>) => {
    await run();
    t.log.length = 0;
    assert.deepEqual(await run(), [], 'a second sync({ alter: true }) has nothing to do');
    assert.deepEqual(ddlIn(t.log), [], 'and sends no DDL');
  };

  it('a 63-byte table name: its primary key is not named like the table', async () => {
    const table = 't'.repeat(63);
    const M = t.db.define('Long63', { name: DataTypes.STRING }, { tableName: table, timestamps: false });
    const pkey = M.definition.constraintNames.primaryKey!;
    assert.notEqual(pkey, table);
    assert.match(pkey, /^t{49}_[0-9a-f]{8}_pkey$/);
    await M.sync({ force: true });
    await syncTwice(() => ddlOf(M, { alter: true }));
    assert.deepEqual(await constraints(t.db, table), [`PRIMARY KEY(${pkey}: id)`]);
    const row = await M.create({ name: 'works' });
    assert.equal(row.id, 1);
  });

  it('unique + references on one column of a 57-byte table: _key and _fkey stay apart', async () => {
    const table = 'o'.repeat(57);
    const Owner = t.db.define('LongOwner', { name: DataTypes.STRING }, { timestamps: false });
    const M = t.db.define('Long57', { ownerId: { type: DataTypes.INTEGER, unique: true, references: { model: 'LongOwner' } } }, { tableName: table, timestamps: false });
    const { unique, foreignKey } = M.definition.constraintNames;
    assert.notEqual(unique.ownerId, foreignKey.ownerId);
    assert.ok(bytes(unique.ownerId) <= 63 && bytes(foreignKey.ownerId) <= 63);
    await t.db.sync({ force: true });
    await syncTwice(() => ddlOf(t.db, { alter: true }));
    const cons = await constraints(t.db, table);
    assert.ok(cons.includes(`UNIQUE(${unique.ownerId}: ownerId)`), cons.join('\n'));
    assert.ok(cons.some((c) => c.startsWith(`FOREIGN KEY(${foreignKey.ownerId}: ownerId)`)), cons.join('\n'));
    const o = await Owner.create({ name: 'o' });
    await M.create({ ownerId: o.id });
    await t.db.drop();
  });

  it('two index names that share their first 63 bytes, and multi-byte names counted in bytes', async () => {
    const table = '€'.repeat(21); // 21 characters, 63 bytes
    const a = `${'x'.repeat(20)}_first`;
    const b = `${'x'.repeat(20)}_second`;
    const M = t.db.define('LongIdx', { [a]: DataTypes.STRING, [b]: DataTypes.STRING, code: { type: DataTypes.STRING, unique: true } },
      { tableName: table, timestamps: false, indexes: [{ fields: [a] }, { fields: [b] }, { fields: [a, b], unique: true }] });
    const names = M.definition.indexes.map((i) => i.name);
    assert.equal(new Set(names).size, 3, names.join(', '));
    for (const n of [...names, M.definition.constraintNames.primaryKey!, M.definition.constraintNames.unique.code]) {
      assert.ok(bytes(n) <= 63, `${n} is ${bytes(n)} bytes`);
      assert.ok(!n.includes('\uFFFD'), 'no character was split');
    }
    await M.sync({ force: true });
    await syncTwice(() => ddlOf(M, { alter: true }));
    assert.deepEqual(Object.keys(await indexes(t.db, table)).sort(), [...names].sort());
  });

  it('names that still collide are a DefinitionError at registration, naming both', () => {
    const db = new Database('pglite://memory');
    try {
      assert.throws(() => db.define('Clash1', { a: DataTypes.STRING }, { tableName: 'things', indexes: [{ name: 'things_pkey', fields: ['a'] }] }),
        (e: Error) => e instanceof DefinitionError && /"things_pkey" of the index on \(a\) is also the name of its primary key of the same model/.test(e.message));
      assert.throws(() => db.define('Clash2', { a: { type: DataTypes.STRING, unique: 'ab' }, b: { type: DataTypes.STRING, unique: 'ab' } }, { indexes: [{ name: 'ab', fields: ['b'] }] }),
        (e: Error) => e instanceof DefinitionError && /"ab"/.test(e.message));
      db.define('Box', { a: DataTypes.STRING });
      assert.throws(() => db.define('Other', { a: DataTypes.STRING }, { tableName: 'Boxes_pkey' }),
        (e: Error) => e instanceof DefinitionError && /Model Other: the name "Boxes_pkey" of its table is also the name of its primary key of model Box/.test(e.message));
      db.define('Ticket', { state: DataTypes.ENUM('open', 'closed') });
      assert.throws(() => db.define('Shadow', { a: DataTypes.STRING }, { tableName: 'enum_Tickets_state' }),
        (e: Error) => e instanceof DefinitionError && /one namespace for types/.test(e.message));
      assert.equal(db.isDefined('Other') || db.isDefined('Shadow') || db.isDefined('Clash1'), false, 'a refused model is not registered');
      // Redefining a model under the same name, or two models on one table, is not a clash.
      db.define('Box', { a: DataTypes.STRING, b: DataTypes.STRING });
      db.define('BoxView', { a: DataTypes.STRING }, { tableName: 'Boxes' });
      // The same names in another schema are fine.
      db.define('Other', { a: DataTypes.STRING }, { tableName: 'Boxes_pkey', schema: 'elsewhere' });
    } finally {
      void db.close();
    }
  });
});
