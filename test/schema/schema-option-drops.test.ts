// With the Database's `schema` option, a model without its own schema lives in that schema.
// Its DROP TABLE IF EXISTS "Users" was unqualified: when the table was missing there, the
// name resolved further down the search_path and dropped public."Users", a table (and rows)
// the Database never made. Found while making the examples safe (issue 10 #4).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DataTypes, Database } from '../../src/index';
import { DATABASE_URL, enabledDrivers } from '../support/harness';

for (const driver of enabledDrivers()) {
  describe(`schema option: drops never fall through to public [${driver}]`, () => {
    const scratch = `inscribe_fall_${process.pid}_${Date.now().toString(36)}`;
    let admin: Database | undefined;
    let url = 'pglite://memory';
    let owner: Database;
    before(async () => {
      if (driver === 'pg') {
        admin = new Database(DATABASE_URL);
        await admin.query(`CREATE DATABASE "${scratch}"`);
        const u = new URL(DATABASE_URL);
        u.pathname = `/${scratch}`;
        url = u.toString();
      }
    });
    after(async () => {
      if (admin) {
        await admin.query(`DROP DATABASE IF EXISTS "${scratch}"`);
        await admin.close();
      }
    });

    /** A Database with the schema option, and public."Users" / public."enum_Users_mood" holding the user's data. */
    const setup = async (log: string[]) => {
      const db = new Database(url, { schema: 'sandbox', logging: (s) => log.push(s) });
      owner = driver === 'pg' ? new Database(url) : db;
      await owner.query('DROP TABLE IF EXISTS public."Users"; DROP TYPE IF EXISTS public."enum_Users_mood"').catch(() => undefined);
      await owner.query(`CREATE TYPE public."enum_Users_mood" AS ENUM ('ok')`);
      await owner.query('CREATE TABLE public."Users" (id serial PRIMARY KEY, name text, mood public."enum_Users_mood")');
      await owner.query(`INSERT INTO public."Users" (name, mood) VALUES ('keep me', 'ok')`);
      const User = db.define('User', { name: DataTypes.STRING, mood: DataTypes.ENUM('happy', 'sad') });
      return { db, User };
    };
    const survivors = async () => owner.query('SELECT name, mood::text AS mood FROM public."Users"');
    const close = async (db: Database) => {
      if (owner !== db) await owner.close();
      await db.close();
    };

    it('drop(), db.drop() and sync({ force: true }) leave public."Users" and its rows alone', async () => {
      const log: string[] = [];
      const { db, User } = await setup(log);
      try {
        await User.drop();
        await db.drop();
        assert.deepEqual(await survivors(), [{ name: 'keep me', mood: 'ok' }]);
        assert.ok(log.includes('DROP TABLE IF EXISTS "sandbox"."Users"'), log.join('\n'));
        assert.ok(log.includes('DROP TYPE IF EXISTS "sandbox"."enum_Users_mood"'), log.join('\n'));
        await User.sync({ force: true });
        await User.create({ name: 'sandboxed', mood: 'happy' });
        assert.deepEqual(await survivors(), [{ name: 'keep me', mood: 'ok' }]);
        assert.deepEqual(await db.query('SELECT name FROM sandbox."Users"'), [{ name: 'sandboxed' }], 'the model works in its schema');
        await User.drop();
        assert.deepEqual(await survivors(), [{ name: 'keep me', mood: 'ok' }]);
        assert.deepEqual(await db.query(`SELECT to_regclass('sandbox."Users"')::text AS t`), [{ t: null }], 'its own table is what drop() dropped');
      } finally {
        await close(db);
      }
    });
  });
}
