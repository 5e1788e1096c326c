// Pure tests of the new where shapes (no database): each operator's SQL and bound values,
// JSON paths on JSON and JSONB, helpers as operands, and what is refused.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Cast, Fn, Op, UnknownAttributeError, UsageError, cast, col, fn, json, literal, where as w } from '../../src/index';
import { compileWhere } from '../../src/query/where';
import { personDefinition } from './models';

const def = personDefinition();
function where(x: unknown): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  return { text: compileWhere(def, x, values, 'Person.findAll'), values };
}

describe('compileWhere: PostgreSQL operators', () => {
  const cases: [string, unknown, string, unknown[]][] = [
    ['contains array', { tags: { [Op.contains]: ['a'] } }, '"tags" @> $1::text::TEXT[]', ['{"a"}']],
    ['contained array', { tags: { [Op.contained]: ['a', 'b'] } }, '"tags" <@ $1::text::TEXT[]', ['{"a","b"}']],
    ['overlap array', { tags: { [Op.overlap]: ['a'] } }, '"tags" && $1::text::TEXT[]', ['{"a"}']],
    ['contains jsonb', { meta: { [Op.contains]: { a: 1 } } }, '"meta" @> $1::jsonb', ['{"a":1}']],
    ['contains json (as jsonb)', { raw: { [Op.contains]: { a: 1 } } }, '"raw"::jsonb @> $1::jsonb', ['{"a":1}']],
    ['startsWith escapes', { name: { [Op.startsWith]: '5%_\\' } }, '"name" LIKE $1', ['5\\%\\_\\\\%']],
    ['endsWith', { name: { [Op.endsWith]: 'a' } }, '"name" LIKE $1', ['%a']],
    ['substring', { bio: { [Op.substring]: 'x_y' } }, '"bio" LIKE $1', ['%x\\_y%']],
    ['regexp', { name: { [Op.regexp]: '^A' } }, '"name" ~ $1', ['^A']],
    ['iRegexp', { name: { [Op.iRegexp]: '^a' } }, '"name" ~* $1', ['^a']],
    ['notRegexp', { name: { [Op.notRegexp]: 'x' } }, '"name" !~ $1', ['x']],
    ['notIRegexp', { name: { [Op.notIRegexp]: 'x' } }, '"name" !~* $1', ['x']],
    ['any', { age: { [Op.any]: [1, 2] } }, '"age" = ANY($1::INTEGER[])', [[1, 2]]],
    ['all', { age: { [Op.all]: [1, 2] } }, '"age" = ALL($1::INTEGER[])', [[1, 2]]],
    ['gt any', { age: { [Op.gt]: { [Op.any]: [1, 2] } } }, '"age" > ANY($1::INTEGER[])', [[1, 2]]],
    ['like any', { name: { [Op.like]: { [Op.any]: ['a%'] } } }, '"name" LIKE ANY($1::text[])', [['a%']]],
    ['match', { bio: { [Op.match]: fn('to_tsquery', 'x') } }, '"bio" @@ to_tsquery($1::text)', ['x']],
    ['col', { age: { [Op.col]: 'score' } }, '"age" = "score"', []],
    ['col value', { age: col('score') }, '"age" = "score"', []],
    ['lt col', { age: { [Op.lt]: col('score') } }, '"age" < "score"', []],
    ['not col', { age: { [Op.not]: col('score') } }, '"age" IS DISTINCT FROM "score"', []],
    ['in literal', { age: { [Op.in]: literal('(SELECT 1)') } }, '"age" IN (SELECT 1)', []],
    ['adjacent', w(fn('int4range', col('age'), 9), Op.adjacent, cast('[1,2)', 'int4range')), 'int4range("age", $1::integer) -|- CAST($2::text AS INT4RANGE)', [9, '[1,2)']],
  ];
  for (const [name, x, text, values] of cases) it(name, () => assert.deepEqual(where(x), { text, values }));
});

describe('compileWhere: JSON paths and helpers', () => {
  it('paths on JSONB and JSON, cast by the value, bound segments', () => {
    assert.deepEqual(where({ meta: { a: { b: 'x' } } }), { text: '("meta" #>> $1::text[]) = $2', values: [['a', 'b'], 'x'] });
    assert.deepEqual(where({ raw: { n: true } }), { text: 'CAST(("raw" #>> $1::text[]) AS BOOLEAN) = $2', values: [['n'], true] });
    assert.deepEqual(where({ 'meta.a::bigint': 1 }), { text: 'CAST(("meta" #>> $1::text[]) AS BIGINT) = $2', values: [['a'], 1] });
    assert.deepEqual(where({ meta: { n: { [Op.in]: [1, 2] } } }), { text: 'CAST(("meta" #>> $1::text[]) AS DOUBLE PRECISION) IN ($2, $3)', values: [['n'], 1, 2] });
    assert.deepEqual(where({ meta: { a: [1] } }), { text: '("meta"::jsonb #> $1::text[]) = $2::jsonb', values: [['a'], '[1]'] });
    assert.deepEqual(where({ meta: { [Op.ne]: null, a: null } }), { text: '("meta" IS NOT NULL AND ("meta" #>> $1::text[]) IS NULL)', values: [['a']] });
    assert.deepEqual(where(json('meta.a', 'x')), { text: '("meta" #>> $1::text[]) = $2', values: [['a'], 'x'] });
  });
  it('helpers in Op.and / Op.or branches and as the where', () => {
    assert.deepEqual(where({ [Op.or]: [w(fn('lower', col('name')), 'a'), literal('TRUE')] }), { text: '(lower("name") = $1 OR TRUE)', values: ['a'] });
    assert.deepEqual(where(literal('"age" > 1')), { text: '"age" > 1', values: [] });
    assert.deepEqual(where({ 'age::text': { [Op.like]: '1%' } }), { text: 'CAST("age" AS TEXT) LIKE $1', values: ['1%'] });
  });
  it('refuses what is not SQL it can check', () => {
    assert.throws(() => where({ 'age.x': 1 }), UnknownAttributeError, 'a path on a non-JSON attribute');
    assert.throws(() => where({ 'nope::text': 1 }), UnknownAttributeError);
    assert.throws(() => where({ 'age::regclass': 1 }), UsageError);
    assert.throws(() => where({ meta: { 'a::text; DROP': 1 } }), UsageError);
    assert.throws(() => where({ meta: {} }), UsageError);
    assert.throws(() => where({ meta: { a: undefined } }), UsageError);
    assert.throws(() => where({ age: col('nope') }), UnknownAttributeError);
    assert.throws(() => where({ age: { [Op.adjacent]: 3 } }), UsageError);
    assert.throws(() => where({ age: { [Op.overlap]: [1] } }), UsageError);
    assert.throws(() => where({ tags: { [Op.any]: [['a']] } }), UsageError);
    assert.throws(() => where(w(fn('lower', col('name')), { $gt: 1 })), UsageError, 'string keys are never operators');
    assert.throws(() => where(w(col('age'), { [Op.in]: [1, null] })), UsageError);
    assert.throws(() => where(w(new Fn('x(); DROP TABLE y; --', []), 1)), UsageError, 'a constructed Fn is checked too');
    assert.throws(() => where(w(new Cast(col('age'), 'regclass'), 1)), UsageError, 'a constructed Cast is checked too');
  });
});
