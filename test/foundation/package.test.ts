import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';

const root = join(__dirname, '..', '..', '..');
const EXPORTS = ['Database', 'Sequelize', 'Model', 'DataTypes', 'Op', 'Table', 'Column', 'Default', 'Timestamps', 'FreezeTableName',
  'PrimaryKey', 'AutoIncrement', 'AllowNull', 'Unique', 'CreatedAt', 'UpdatedAt', 'Index', 'Comment', 'InscribeError', 'ConnectionError',
  'ValidationError', 'UniqueConstraintError', 'ForeignKeyConstraintError', 'DatabaseError', 'EmptyResultError'];

function run(args: string[]): unknown {
  return JSON.parse(execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8' }));
}

describe('the built package (npm run build → dist/)', () => {
  it('loads with require("inscribe") and brings reflect-metadata with it', () => {
    const out = run(['-e', `const i = require('inscribe'); console.log(JSON.stringify({ keys: Object.keys(i), reflect: typeof Reflect.getMetadata, same: i.Sequelize === i.Database }))`]) as { keys: string[]; reflect: string; same: boolean };
    for (const name of EXPORTS) assert.ok(out.keys.includes(name), `require exports ${name}`);
    assert.equal(out.reflect, 'function');
    assert.equal(out.same, true);
  });

  it('loads with import … from "inscribe" (ESM), sharing the CommonJS module', () => {
    const out = run(['--input-type=module', '-e', `import { Database, Model } from 'inscribe'; import * as all from 'inscribe'; import { createRequire } from 'node:module'; const req = createRequire(import.meta.url); console.log(JSON.stringify({ keys: Object.keys(all), same: req('inscribe').Database === Database && req('inscribe').Model === Model, reflect: typeof Reflect.getMetadata }))`]) as { keys: string[]; same: boolean; reflect: string };
    for (const name of EXPORTS) assert.ok(out.keys.includes(name), `import exports ${name}`);
    assert.equal(out.same, true, 'one module instance for both');
    assert.equal(out.reflect, 'function');
  });

  it('ships type declarations', () => {
    const pkg = require(join(root, 'package.json'));
    assert.equal(pkg.exports['.'].require.types, './dist/index.d.ts');
    assert.equal(pkg.exports['.'].import.types, './dist/index.d.mts', 'ESM importers get ESM declarations');
    assert.doesNotThrow(() => require.resolve(join(root, 'dist', 'index.d.ts')));
    assert.doesNotThrow(() => require.resolve(join(root, 'dist', 'index.d.mts')));
  });

  it('ships source maps that resolve: each carries the sources it maps to', () => {
    for (const file of ['index.js.map', 'model.js.map', 'query/where.js.map']) {
      const map = JSON.parse(readFileSync(join(root, 'dist', file), 'utf8')) as { sources: string[]; sourcesContent?: (string | null)[] };
      assert.equal(map.sourcesContent?.length, map.sources.length, `${file} embeds its sources (src/ is not shipped)`);
      assert.ok(map.sourcesContent!.every((c) => typeof c === 'string' && c.length > 0));
    }
    const pkg = require(join(root, 'package.json'));
    assert.deepEqual(pkg.files, ['dist']);
    assert.equal(pkg.scripts.prepare, 'npm run build', 'installing from git or a checkout builds dist/');
    assert.equal(pkg.dependencies['pg-hstore'], undefined, 'pg-hstore is not a dependency (see the README)');
  });

  it('publishes only the contract: internals are stripped from the declarations', () => {
    const read = (f: string) => readFileSync(join(root, 'dist', f), 'utf8');
    const database = read('database.d.ts');
    for (const internal of [/\brun</, /\bregisterModel\(/, /\bdefinitions\(\)/, /\bparsers\b/, /\blog\(message/]) {
      assert.doesNotMatch(database, internal, `Database declares ${internal}`);
    }
    const model = read('model.d.ts');
    assert.doesNotMatch(model, /get definition\(\)/, 'Model.definition is internal');
    assert.doesNotMatch(model, /\[BINDING\]|\[SNAPSHOT\]/);
    assert.doesNotMatch(read('index.d.ts'), /ModelDefinition|AttributeDefinition/);
    assert.doesNotMatch(read('driver/connection-options.d.ts'), /from 'pg'/, "pg's types stay out of the public surface");
  });
});
