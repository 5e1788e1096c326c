import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Database } from '../../src/index';
import { DATABASE_URL, enabledDrivers } from '../support/harness';

const root = join(__dirname, '..', '..', '..');

/** Runs a compiled example on embedded PGlite (DATABASE_URL unset, or `url`) and returns its output. */
function runExample(name: string, url?: string): string {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  if (url !== undefined) env.DATABASE_URL = url;
  return execFileSync(process.execPath, [join(root, 'build', 'examples', `${name}.js`)], { cwd: root, env, encoding: 'utf8' });
}

describe('examples run on the embedded default', () => {
  it('quickstart', () => {
    const out = runExample('quickstart');
    assert.match(out, /Connected to embedded PGlite/);
    assert.match(out, /Changed: \[ 'lastName', 'settings' \]/);
    assert.match(out, /Age after increment: 2/);
  });

  it('seed-walkthrough covers every section of the seed notes, in order', () => {
    const out = runExample('seed-walkthrough');
    const sections = ['connection', 'model definition: sequelize.define', 'model definition: extending Model and calling init', 'table name inference',
      'freezeTableName, per model and for every model', 'providing the table name directly', 'model sync', 'dropping tables', 'database safety check',
      'timestamps', 'default values', 'data types', 'UUIDs', 'taking advantage of models being classes', 'creating a model instance with build',
      'the create method', 'updating an instance', 'incrementing and decrementing integer values', 'closing the connection'];
    let at = -1;
    for (const s of sections) {
      const i = out.indexOf(`== ${s}\n`);
      assert.ok(i > at, `section "${s}" appears, after the previous one`);
      at = i;
    }
    assert.match(out, /User → Users, Member → Members/);
    assert.match(out, /per model: Frozen → Frozen/);
    assert.match(out, /refused: .*does not match \/_test\$\//);
    assert.match(out, /name defaults to: john Doe/);
    assert.match(out, /getFullName\(\): john Smith/);
    assert.match(out, /age 2, cash 100/);
    assert.doesNotMatch(out, /pass'|'pass/, 'the password of the seed connection is never printed');
  });
});

// Issue 10 #4: `npm run example` with DATABASE_URL at a database that has a "Users" table
// dropped it. A scratch database of this test's own stands in for the user's.
describe('examples on a server never destroy data they did not create', { skip: !enabledDrivers().includes('pg') && 'no PostgreSQL server' }, () => {
  const name = `inscribe_examples_${process.pid}_${Date.now().toString(36)}`;
  const url = new URL(DATABASE_URL);
  url.pathname = `/${name}`;
  let admin: Database;
  let scratch: Database;
  before(async () => {
    admin = new Database(DATABASE_URL);
    await admin.query(`CREATE DATABASE "${name}"`);
    scratch = new Database(url.toString());
    // The user's own tables, named like the examples' ones, in the default schema.
    await scratch.query('CREATE TABLE "Users" (id serial PRIMARY KEY, "firstName" text)');
    await scratch.query(`INSERT INTO "Users" ("firstName") VALUES ('keep me')`);
    await scratch.query('CREATE TABLE people (id serial PRIMARY KEY, name text)');
    await scratch.query(`INSERT INTO people (name) VALUES ('keep me too')`);
  });
  after(async () => {
    await scratch?.close();
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.close();
  });

  const survivors = async () => ({
    users: await scratch.query('SELECT "firstName" FROM public."Users"'),
    people: await scratch.query('SELECT name FROM public.people'),
    leftover: await scratch.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'inscribe_example%'`),
  });
  const expected = { users: [{ firstName: 'keep me' }], people: [{ name: 'keep me too' }], leftover: [] };

  it('quickstart works in a schema of its own, drops only that, and the user\'s "Users" row survives', async () => {
    const out = runExample('quickstart', url.toString());
    assert.deepEqual(await survivors(), expected);
    assert.match(out, /Connected to the PostgreSQL server, in the schema "inscribe_example_/);
    assert.match(out, /Age after increment: 2/);
    assert.match(out, /DROP TABLE IF EXISTS "inscribe_example_[^"]+"\."Users"/, 'every statement names the sandbox schema');
  });

  it('seed-walkthrough (force syncs, drop, db.drop) leaves the user\'s tables and rows alone', async () => {
    const out = runExample('seed-walkthrough', url.toString());
    assert.match(out, /sequelize\.drop\(\) dropped every table/);
    assert.match(out, /age 2, cash 100/);
    assert.deepEqual(await survivors(), expected);
  });
});
