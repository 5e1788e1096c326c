// Pure tests of order, attributes, limit/offset and the statement texts. No database.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Op, UnknownAttributeError, UsageError } from '../../src/index';
import { compileOrder } from '../../src/query/order';
import { compileFind } from '../../src/query/find';
import { resolveSelection } from '../../src/query/selection';
import { unnestInsertText } from '../../src/sql/insert-many';
import { upsertText } from '../../src/sql/upsert';
import { updateWhereText, assign, assignIncrement } from '../../src/sql/update-where';
import { deleteWhereText, truncateText } from '../../src/sql/delete-where';
import { countText } from '../../src/sql/select';
import { personDefinition } from './models';

const def = personDefinition();
const all = def.selectList;

describe('compileOrder', () => {
  const cases: [string, unknown, string][] = [
    ['a name', 'name', '"name" ASC'],
    ['one pair', ['name', 'DESC'], '"name" DESC'],
    ['two names', ['name', 'age'], '"name" ASC, "age" ASC'],
    ['pairs', [['name', 'desc'], ['age', 'asc']], '"name" DESC, "age" ASC'],
    ['mixed', [['name', 'DESC'], 'age'], '"name" DESC, "age" ASC'],
    ['nulls', [['age', 'desc nulls last'], ['name', 'NULLS FIRST']], '"age" DESC NULLS LAST, "name" ASC NULLS FIRST'],
    ['column name', 'firstName', '"first_name" ASC'],
    ['one-element term', [['age']], '"age" ASC'],
  ];
  for (const [name, order, text] of cases) {
    it(`${name}: ${text}`, () => assert.equal(compileOrder(def, order, 'Person.findAll'), text));
  }
  it('is empty without order', () => assert.equal(compileOrder(def, undefined, 'x'), ''));
  it('refuses attributes the model does not have, and SQL in their place', () => {
    for (const bad of ['nope', 'name; DROP TABLE x', 'name DESC', '"name"', ['name; --', 'ASC'], [['1', 'ASC']]]) {
      assert.throws(() => compileOrder(def, bad, 'Person.findAll'), UnknownAttributeError, JSON.stringify(bad));
    }
  });
  it('refuses directions outside the closed set', () => {
    for (const dir of ['DESC; DROP TABLE x', 'sideways', 'ASC, "age"', 'DESC --']) {
      assert.throws(() => compileOrder(def, [['name', dir]], 'Person.findAll'), (e: Error) => e instanceof UsageError && /direction/.test(e.message), dir);
    }
  });
  it('refuses other shapes', () => {
    for (const bad of [5, { name: 'ASC' }, [['name', 'ASC', 'x']], [[5, 'ASC']], [Op.gt]]) {
      assert.throws(() => compileOrder(def, bad, 'Person.findAll'), UsageError);
    }
  });
});

describe('resolveSelection (attributes)', () => {
  it('reads every column with no attributes, or with all of them', () => {
    assert.equal(resolveSelection(def, undefined, 'x').full, true);
    assert.equal(resolveSelection(def, def.attributes.map((a) => a.name), 'x').columns, all);
  });
  it('reads a subset in definition order, mapping names to columns', () => {
    const s = resolveSelection(def, ['firstName', 'age', 'name', 'age'], 'x');
    assert.equal(s.full, false);
    assert.equal(s.columns, '"name", "age", "first_name"');
  });
  it('supports { exclude }', () => {
    const s = resolveSelection(def, { exclude: ['meta', 'raw'] }, 'x');
    assert.equal(s.columns, def.attributes.filter((a) => a.name !== 'meta' && a.name !== 'raw').map((a) => a.quotedColumn).join(', '));
  });
  it('refuses unknown names, SQL, aliases and empty lists', () => {
    assert.throws(() => resolveSelection(def, ['name', 'password'], 'x'), (e: Error) => e instanceof UnknownAttributeError && /"password"/.test(e.message));
    assert.throws(() => resolveSelection(def, ['count(*)'], 'x'), UnknownAttributeError);
    assert.throws(() => resolveSelection(def, ['*'], 'x'), UnknownAttributeError);
    assert.throws(() => resolveSelection(def, [['name']], 'x'), UsageError, 'an alias pair needs its alias');
    assert.throws(() => resolveSelection(def, [['name', 'age']], 'x'), UsageError, 'an alias may not be another attribute');
    assert.throws(() => resolveSelection(def, [['count(*)', 'n']], 'x'), UnknownAttributeError, 'SQL as a string is a name, never SQL');
    assert.throws(() => resolveSelection(def, [], 'x'), UsageError);
    assert.throws(() => resolveSelection(def, { include: 'name' }, 'x'), UsageError);
    assert.throws(() => resolveSelection(def, { only: ['name'] }, 'x'), UsageError);
    assert.throws(() => resolveSelection(def, { exclude: ['nope'] }, 'x'), UnknownAttributeError);
  });
});

describe('compileFind', () => {
  it('builds the full SELECT with every clause, values bound in order', () => {
    const q = compileFind(def, { where: { age: { [Op.gt]: 1 } }, order: [['name', 'DESC']], limit: 10, offset: 20 }, 'Person.findAll');
    assert.equal(q.text, `SELECT ${all} FROM "People" WHERE "age" > $1 ORDER BY "name" DESC LIMIT $2 OFFSET $3`);
    assert.deepEqual(q.values, [1, 10, 20]);
  });
  it('builds a bare SELECT with the model select list', () => {
    assert.equal(compileFind(def, {}, 'x').text, `SELECT ${all} FROM "People"`);
  });
  it('binds limit 0 and offset 0', () => {
    const q = compileFind(def, { limit: 0, offset: 0 }, 'x');
    assert.equal(q.text, `SELECT ${all} FROM "People" LIMIT $1 OFFSET $2`);
    assert.deepEqual(q.values, [0, 0]);
  });
  it('refuses limit and offset that are not non-negative safe integers', () => {
    for (const bad of [-1, 1.5, NaN, Infinity, 2 ** 53, '10', '1; DROP TABLE x', null, 10n]) {
      assert.throws(() => compileFind(def, { limit: bad as number }, 'x'), UsageError, String(bad));
      assert.throws(() => compileFind(def, { offset: bad as number }, 'x'), UsageError, String(bad));
    }
  });
});

describe('statement texts', () => {
  it('count', () => {
    assert.equal(countText('"T"', ''), 'SELECT count(*) FROM "T"');
    assert.equal(countText('"T"', '"a" = $1'), 'SELECT count(*) FROM "T" WHERE "a" = $1');
  });
  it('update and increment', () => {
    assert.equal(updateWhereText('"T"', [assign('"a"', '$1'), assignIncrement('"n"', '$2')], '"id" = $3', '"id", "a"'),
      'UPDATE "T" SET "a" = $1, "n" = "n" + $2 WHERE "id" = $3 RETURNING "id", "a"');
    assert.equal(updateWhereText('"T"', [assign('"a"', '$1')], ''), 'UPDATE "T" SET "a" = $1');
  });
  it('delete and truncate', () => {
    assert.equal(deleteWhereText('"T"', '"a" = $1'), 'DELETE FROM "T" WHERE "a" = $1');
    assert.equal(truncateText('"T"', true, true), 'TRUNCATE TABLE "T" RESTART IDENTITY CASCADE');
    assert.equal(truncateText('"T"', false, false), 'TRUNCATE TABLE "T"');
  });
  it('unnest insert: one array parameter per column, casts for text-bound columns', () => {
    assert.equal(unnestInsertText('"T"', [{ column: '"a"', arrayType: 'INTEGER[]' }, { column: '"e"', arrayType: 'text[]', cast: '"enum_T_e"' }], '"id", "a", "e"'),
      'INSERT INTO "T" ("a", "e") SELECT u."c0", u."c1"::"enum_T_e" FROM unnest($1::INTEGER[], $2::text[]) AS u("c0", "c1") RETURNING "id", "a", "e"');
    assert.equal(unnestInsertText('"T"', []), 'INSERT INTO "T" SELECT FROM generate_series(1, $1)');
  });
  it('upsert', () => {
    assert.equal(upsertText('"T"', ['"id"', '"a"', '"createdAt"'], ['"id"'], ['"a"'], '"id", "a", "createdAt"'),
      'INSERT INTO "T" ("id", "a", "createdAt") VALUES ($1, $2, $3) ON CONFLICT ("id") DO UPDATE SET "a" = EXCLUDED."a" RETURNING "id", "a", "createdAt", (xmax = 0)');
    assert.equal(upsertText('"T"', ['"id"'], ['"id"'], [], '"id"'),
      'INSERT INTO "T" ("id") VALUES ($1) ON CONFLICT ("id") DO UPDATE SET "id" = EXCLUDED."id" RETURNING "id", (xmax = 0)');
  });
});
