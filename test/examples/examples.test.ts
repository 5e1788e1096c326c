import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

/** Runs a compiled example on embedded PGlite (DATABASE_URL unset) and returns its output. */
function runExample(name: string): string {
  const env = { ...process.env };
  delete env.DATABASE_URL;
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
