// Compile-time test: a real PGlite instance is accepted by the `pglite` option as it is
// (the option is typed structurally, so the public types do not import PGlite's).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { PGlite } from '@electric-sql/pglite';
import { Database } from '../../src/index';

function compileOnly(): Database {
  return new Database({ pglite: new PGlite(), schema: 'app' });
}

it('a PGlite instance fits the pglite option', () => {
  assert.equal(typeof compileOnly, 'function');
});
