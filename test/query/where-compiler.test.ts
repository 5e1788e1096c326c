// Pure tests of the where compiler: the SQL text and the bound values for each operator,
// and every input it must refuse. No database.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Op, UnknownAttributeError, UsageError, ValidationError } from '../../src/index';
import { compileWhere } from '../../src/query/where';
import { personDefinition } from './models';

const def = personDefinition();

function where(w: unknown, start: unknown[] = []): { text: string; values: unknown[] } {
  const values = [...start];
  const text = compileWhere(def, w, values, 'Person.findAll');
  return { text, values };
}

describe('compileWhere: equality and null', () => {
  it('compiles no where and an empty where to no condition', () => {
    assert.deepEqual(where(undefined), { text: '', values: [] });
    assert.deepEqual(where({}), { text: '', values: [] });
  });
  it('binds a plain value: "col" = $1', () => {
    assert.deepEqual(where({ name: 'Ada' }), { text: '"name" = $1', values: ['Ada'] });
  });
  it('uses the column name, not the attribute name', () => {
    assert.deepEqual(where({ firstName: 'Ada' }), { text: '"first_name" = $1', values: ['Ada'] });
  });
  it('ANDs several attributes, numbering after earlier parameters', () => {
    assert.deepEqual(where({ name: 'Ada', age: 36 }, ['x']), { text: '"name" = $2 AND "age" = $3', values: ['x', 'Ada', 36] });
  });
  it('turns null into IS NULL, with nothing bound', () => {
    assert.deepEqual(where({ age: null }), { text: '"age" IS NULL', values: [] });
  });
  it('passes each value through the attribute type (toParam)', () => {
    assert.deepEqual(where({ big: 5, balance: 1.5 }), { text: '"big" = $1 AND "balance" = $2', values: ['5', '1.5'] });
    const d = new Date(0);
    assert.deepEqual(where({ seen: d }), { text: '"seen" = $1', values: ['1970-01-01T00:00:00.000Z'] }, 'a Date is bound as ISO text in UTC');
  });
  it('compares JSON as JSONB and binds JSON text; a nested object is a path (string keys are never operators)', () => {
    assert.deepEqual(where({ meta: { $gt: 1 } }), { text: 'CAST(("meta" #>> $1::text[]) AS DOUBLE PRECISION) = $2', values: [['$gt'], 1] });
    assert.deepEqual(where({ meta: { [Op.eq]: { $gt: 1 } } }), { text: '"meta" = $1::jsonb', values: ['{"$gt":1}'] });
    assert.deepEqual(where({ raw: [1, 2] }), { text: '"raw"::jsonb = $1::jsonb', values: ['[1,2]'] });
  });
  it('binds an ARRAY value as array text cast to the column type', () => {
    assert.deepEqual(where({ tags: ['a', 'b,c'] }), { text: '"tags" = $1::text::TEXT[]', values: ['{"a","b,c"}'] });
  });
});

describe('compileWhere: operators', () => {
  const cases: [string, unknown, string, unknown[]][] = [
    ['eq', { age: { [Op.eq]: 3 } }, '"age" = $1', [3]],
    ['eq null', { age: { [Op.eq]: null } }, '"age" IS NULL', []],
    ['ne', { age: { [Op.ne]: 3 } }, '"age" <> $1', [3]],
    ['ne null', { age: { [Op.ne]: null } }, '"age" IS NOT NULL', []],
    ['gt', { age: { [Op.gt]: 3 } }, '"age" > $1', [3]],
    ['gte', { age: { [Op.gte]: 3 } }, '"age" >= $1', [3]],
    ['lt', { age: { [Op.lt]: 3 } }, '"age" < $1', [3]],
    ['lte', { age: { [Op.lte]: 3 } }, '"age" <= $1', [3]],
    ['range', { age: { [Op.gte]: 18, [Op.lt]: 65 } }, '("age" >= $1 AND "age" < $2)', [18, 65]],
    ['in', { age: { [Op.in]: [1, 2, 3] } }, '"age" = ANY($1::INTEGER[])', [[1, 2, 3]]],
    ['in empty', { age: { [Op.in]: [] } }, '"age" = ANY($1::INTEGER[])', [[]]],
    ['notIn', { name: { [Op.notIn]: ['a', 'b'] } }, '"name" <> ALL($1::VARCHAR(255)[])', [['a', 'b']]],
    ['in enum', { mood: { [Op.in]: ['happy'] } }, '"mood" = ANY($1::text[]::"enum_People_mood"[])', [['happy']]],
    ['in uuid', { token: { [Op.in]: ['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'] } }, '"token" = ANY($1::UUID[])', [['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11']]],
    ['in jsonb', { meta: { [Op.in]: [{ a: 1 }] } }, '"meta" = ANY($1::jsonb[])', [['{"a":1}']]],
    ['in ARRAY', { tags: { [Op.in]: [['a'], []] } }, '"tags" IN ($1::text::TEXT[], $2::text::TEXT[])', ['{"a"}', '{}']],
    ['in ARRAY empty', { tags: { [Op.in]: [] } }, 'FALSE', []],
    ['notIn ARRAY empty', { tags: { [Op.notIn]: [] } }, 'TRUE', []],
    ['like', { name: { [Op.like]: 'A%' } }, '"name" LIKE $1', ['A%']],
    ['notLike', { bio: { [Op.notLike]: '%x%' } }, '"bio" NOT LIKE $1', ['%x%']],
    ['iLike', { name: { [Op.iLike]: 'a%' } }, '"name" ILIKE $1', ['a%']],
    ['notILike', { name: { [Op.notILike]: 'a%' } }, '"name" NOT ILIKE $1', ['a%']],
    ['between', { age: { [Op.between]: [1, 9] } }, '"age" BETWEEN $1 AND $2', [1, 9]],
    ['notBetween', { age: { [Op.notBetween]: [1, 9] } }, '"age" NOT BETWEEN $1 AND $2', [1, 9]],
    ['is null', { age: { [Op.is]: null } }, '"age" IS NULL', []],
    ['is true', { active: { [Op.is]: true } }, '"active" IS TRUE', []],
    ['is false', { active: { [Op.is]: false } }, '"active" IS FALSE', []],
    ['not null', { age: { [Op.not]: null } }, '"age" IS NOT NULL', []],
    ['not true', { active: { [Op.not]: true } }, '"active" IS NOT TRUE', []],
    ['not value', { age: { [Op.not]: 5 } }, '"age" IS DISTINCT FROM $1', [5]],
    ['not operators', { age: { [Op.not]: { [Op.between]: [1, 2] } } }, 'NOT ("age" BETWEEN $1 AND $2)', [1, 2]],
    ['attribute or', { age: { [Op.or]: [{ [Op.lt]: 5 }, { [Op.gt]: 10 }, null] } }, '("age" < $1 OR "age" > $2 OR "age" IS NULL)', [5, 10]],
    ['attribute and', { age: { [Op.and]: [{ [Op.gt]: 1 }, { [Op.ne]: 4 }] } }, '("age" > $1 AND "age" <> $2)', [1, 4]],
    ['or', { [Op.or]: [{ name: 'a' }, { age: 1, active: true }] }, '("name" = $1 OR ("age" = $2 AND "active" = $3))', ['a', 1, true]],
    ['or object', { [Op.or]: { name: 'a', age: 1 } }, '("name" = $1 OR "age" = $2)', ['a', 1]],
    ['and', { [Op.and]: [{ name: 'a' }, { age: 1 }] }, '("name" = $1 AND "age" = $2)', ['a', 1]],
    ['not', { [Op.not]: { name: 'a', age: 1 } }, 'NOT (("name" = $1 AND "age" = $2))', ['a', 1]],
    ['mixed', { name: 'a', [Op.or]: [{ age: 1 }, { age: 2 }] }, '"name" = $1 AND ("age" = $2 OR "age" = $3)', ['a', 1, 2]],
    ['json eq', { raw: { [Op.eq]: { a: 1 } } }, '"raw"::jsonb = $1::jsonb', ['{"a":1}']],
  ];
  for (const [name, w, text, values] of cases) {
    it(`${name}: ${text}`, () => {
      assert.deepEqual(where(w), { text, values });
    });
  }
});

describe('compileWhere: refusals (no silent match-all, nothing spliced)', () => {
  const refuse = (w: unknown, cls: Function, msg: RegExp) => assert.throws(() => where(w), (err: Error) => {
    assert.ok(err instanceof cls, `${err.constructor.name}: ${err.message}`);
    assert.match(err.message, msg);
    return true;
  });
  it('refuses attributes the model does not have, naming them', () => {
    refuse({ nope: 1 }, UnknownAttributeError, /has no attribute "nope"/);
    refuse({ 'name" = name OR 1=1 --': 1 }, UnknownAttributeError, /has no attribute "name\\" = name OR 1=1 --"/);
    refuse(JSON.parse('{"__proto__": {"admin": true}}'), UnknownAttributeError, /"__proto__"/);
    refuse({ constructor: 1 }, UnknownAttributeError, /"constructor"/);
    refuse({ first_name: 'x' }, UnknownAttributeError, /"first_name"/);
  });
  it('refuses undefined anywhere', () => {
    refuse({ name: undefined }, UsageError, /undefined/);
    refuse({ age: { [Op.gt]: undefined } }, UsageError, /undefined/);
    refuse({ age: { [Op.in]: [1, undefined] } }, UsageError, /undefined at index 1/);
    refuse({ [Op.or]: [{ name: 'a' }, undefined] }, UsageError, /undefined/);
    refuse({ [Op.or]: [{ name: 'a' }, { age: undefined }] }, UsageError, /undefined/);
  });
  it('refuses string operator keys that arrive from JSON', () => {
    refuse(JSON.parse('{"age": {"$gt": 5}}'), UsageError, /string key "\$gt"/);
    refuse(JSON.parse('{"age": {"gt": 5}}'), UsageError, /string key "gt"/);
    refuse(JSON.parse('{"$or": [{"age": 1}]}'), UnknownAttributeError, /"\$or"/);
    refuse({ age: { [Op.gt]: 1, $lt: 5 } }, UsageError, /string key "\$lt"/);
  });
  it('refuses a plain object where a scalar is expected', () => {
    refuse({ name: { a: 1 } }, UsageError, /plain object/);
    refuse({ age: {} }, UsageError, /plain object/);
    refuse({ age: { [Op.gt]: { a: 1 } } }, UsageError, /plain object/);
  });
  it('refuses arrays without Op.in', () => {
    refuse({ age: [1, 2] }, UsageError, /Op\.in/);
    refuse({ age: { [Op.in]: 5 } }, UsageError, /takes an array/);
  });
  it('refuses symbols that are not Op operators, and misplaced operators', () => {
    refuse({ age: { [Symbol('gt')]: 1 } }, UsageError, /is not an operator/);
    refuse({ [Symbol('or')]: [] }, UsageError, /cannot stand at the top/);
    refuse({ [Op.gt]: 5 }, UsageError, /cannot stand at the top/);
  });
  it('refuses empty or ambiguous logic', () => {
    refuse({ [Op.or]: [] }, UsageError, /no conditions/);
    refuse({ [Op.or]: [{}, { age: 1 }] }, UsageError, /empty condition/);
    refuse({ [Op.not]: {} }, UsageError, /empty condition/);
    refuse({ [Op.and]: 'x' }, UsageError, /array of conditions/);
  });
  it('refuses null where it never matches', () => {
    refuse({ age: { [Op.gt]: null } }, UsageError, /Op\.is or Op\.not/);
    refuse({ age: { [Op.notIn]: [1, null] } }, UsageError, /null at index 1/);
    refuse({ age: { [Op.between]: [1, null] } }, UsageError, /null as a bound/);
  });
  it('refuses operators that do not fit the attribute', () => {
    refuse({ age: { [Op.like]: '1%' } }, UsageError, /needs a text attribute/);
    refuse({ age: { [Op.is]: true } }, UsageError, /takes null/);
    refuse({ age: { [Op.between]: [1] } }, UsageError, /\[low, high\]/);
  });
  it('gives a ValidationError naming model and attribute for a value the type rejects', () => {
    refuse({ age: 'abc' }, ValidationError, /Person\.age must be an integer/);
    refuse({ token: 'not-a-uuid' }, ValidationError, /Person\.token must be a UUID/);
    refuse({ age: { [Op.in]: [1, 'x'] } }, ValidationError, /Person\.age/);
    refuse({ mood: 'angry' }, ValidationError, /Person\.mood must be one of/);
    refuse({ name: { [Op.like]: 5 } }, ValidationError, /Person\.name must be a string pattern/);
    refuse({ name: 'x'.repeat(300) }, ValidationError, /VARCHAR\(255\)/);
  });
  it('refuses a where that is not an object', () => {
    refuse('id = 1', UsageError, /must be an object/);
    refuse([{ age: 1 }], UsageError, /must be an object/);
    refuse(null, UsageError, /must be an object/);
  });
  it('binds hostile strings as values; the text holds only placeholders', () => {
    const hostile = [`'; DROP TABLE "People"; --`, '$1', ':name', '" OR 1=1 --', 'a\\b'];
    const { text, values } = where({ name: { [Op.in]: hostile }, bio: hostile[0], [Op.or]: [{ name: { [Op.like]: hostile[1] } }, { bio: hostile[2] }] });
    assert.equal(text, '"name" = ANY($1::VARCHAR(255)[]) AND "bio" = $2 AND ("name" LIKE $3 OR "bio" = $4)');
    assert.deepEqual(values, [hostile, hostile[0], hostile[1], hostile[2]]);
  });
});
