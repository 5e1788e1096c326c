// JSON/JSONB where as in Sequelize 6: a nested object is a path match, 'meta.a.b' keys are
// paths, operators work inside, casts come from a closed list; whole-value equality is Op.eq.
// Each case is written as Sequelize code, then the rows and the SQL sent are checked.
import { before, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { DataTypes, Op, Sequelize, UsageError, json } from '../../src/index';
import type { DefinedModel } from '../../src/index';
import { forEachDriver, statements } from '../support/harness';

forEachDriver('JSON/JSONB where (paths, operators, casts)', (t) => {
  let Doc: DefinedModel;
  const A = { a: 1, b: { c: 'x' }, n: 5, flag: true, tags: ['p', 'q'], when: '2020-01-02T00:00:00.000Z' };
  const B = { a: 2, b: { c: 'y' }, n: 10, flag: false, tags: ['q'] };
  const C = { a: '1', b: null };
  before(async () => {
    Doc = t.db.define('Doc', { name: DataTypes.STRING, meta: DataTypes.JSONB, plain: DataTypes.JSON }, { timestamps: false });
    await Doc.sync({ force: true });
  });
  beforeEach(async () => {
    await Doc.destroy({ truncate: true, restartIdentity: true });
    await Doc.bulkCreate([
      { name: 'A', meta: A, plain: A },
      { name: 'B', meta: B, plain: B },
      { name: 'C', meta: C, plain: C },
      { name: 'D', meta: null, plain: null },
    ]);
    t.log.length = 0;
  });

  const names = async (where: any) => (await Doc.findAll({ where, order: [['name', 'ASC']] })).map((d) => d.name);
  const sql = () => statements(t.log).map((s) => s.replace(/^SELECT .*? FROM/, 'SELECT … FROM'));

  it('{ meta: { a: 1 } } is a path match (number compared as double precision, as in Sequelize)', async () => {
    assert.deepEqual(await names({ meta: { a: 1 } }), ['A', 'C']);
    assert.deepEqual(sql(), ['SELECT … FROM "Docs" WHERE CAST(("meta" #>> $1::text[]) AS DOUBLE PRECISION) = $2 ORDER BY "name" ASC']);
    assert.deepEqual(await names({ plain: { a: 2 } }), ['B'], 'JSON (not B) too');
    assert.deepEqual(await names({ meta: { a: '1' } }), ['A', 'C'], 'a string compares the text at the path (1 reads as "1")');
    assert.deepEqual(await names({ meta: { tags: ['q'] } }), ['B'], 'an array is JSON equality of the value at the path');
    assert.deepEqual(await names({ meta: { flag: true } }), ['A']);
    assert.deepEqual(await names({ meta: { flag: false, a: 2 } }), ['B']);
  });

  it('nested objects and dotted keys are paths; operators work inside them', async () => {
    assert.deepEqual(await names({ meta: { b: { c: 'x' } } }), ['A']);
    t.log.length = 0;
    assert.deepEqual(await names({ 'meta.b.c': 'y' }), ['B']);
    assert.deepEqual(sql(), ['SELECT … FROM "Docs" WHERE ("meta" #>> $1::text[]) = $2 ORDER BY "name" ASC']);
    assert.deepEqual(await names({ meta: { n: { [Op.gt]: 3 } } }), ['A', 'B']);
    assert.deepEqual(await names({ 'meta.n': { [Op.gte]: 10 } }), ['B']);
    assert.deepEqual(await names({ meta: { b: { c: { [Op.in]: ['x', 'y'] } } } }), ['A', 'B']);
    assert.deepEqual(await names({ meta: { b: { c: { [Op.like]: 'x%' } } } }), ['A']);
    assert.deepEqual(await names({ meta: { n: { [Op.between]: [4, 6] } } }), ['A']);
    assert.deepEqual(await names({ meta: { a: { [Op.ne]: null } } }), ['A', 'B', 'C']);
    assert.deepEqual(await names({ [Op.or]: [{ 'meta.b.c': 'x' }, { meta: { n: 10 } }] }), ['A', 'B']);
  });

  it('null at a path is IS NULL (missing key, JSON null, or no document)', async () => {
    assert.deepEqual(await names({ meta: { b: null } }), ['C', 'D']);
    assert.deepEqual(sql(), ['SELECT … FROM "Docs" WHERE ("meta" #>> $1::text[]) IS NULL ORDER BY "name" ASC']);
  });

  it("casts: 'meta.n::integer' and { 'n::integer': … } from a closed list; others are refused before any SQL", async () => {
    assert.deepEqual(await names({ 'meta.n::integer': { [Op.lt]: 7 } }), ['A']);
    assert.deepEqual(sql(), ['SELECT … FROM "Docs" WHERE CAST(("meta" #>> $1::text[]) AS INTEGER) < $2 ORDER BY "name" ASC']);
    assert.deepEqual(await names({ meta: { 'n::integer': 10 } }), ['B']);
    assert.deepEqual(await names({ 'meta.when::timestamptz': { [Op.lt]: new Date('2021-01-01T00:00:00Z') } }), ['A']);
    t.log.length = 0;
    await assert.rejects(Doc.findAll({ where: { 'meta.n::int); DROP TABLE "Docs"; --': 1 } }), UsageError);
    await assert.rejects(Doc.findAll({ where: { meta: { 'n::regclass': 1 } } }), /cannot cast to "regclass"/);
    assert.deepEqual(statements(t.log), [], 'nothing sent');
  });

  it('whole-document equality is explicit: { [Op.eq]: {...} }; Op.contains on JSONB', async () => {
    assert.deepEqual(await names({ meta: { [Op.eq]: B } }), ['B']);
    assert.deepEqual(sql(), ['SELECT … FROM "Docs" WHERE "meta" = $1::jsonb ORDER BY "name" ASC']);
    assert.deepEqual(await names({ plain: { [Op.eq]: C } }), ['C']);
    assert.deepEqual(await names({ meta: { [Op.contains]: { tags: ['q'] } } }), ['A', 'B']);
    assert.deepEqual(await names({ meta: { tags: { [Op.contains]: ['p'] } } }), ['A']);
    await assert.rejects(Doc.findAll({ where: { meta: {} } }), /\[Op\.eq\]: \{\}/);
  });

  it('Model.update and Model.destroy use the same path semantics (rows changed, SQL checked)', async () => {
    const [n] = await Doc.update({ name: 'B2' }, { where: { meta: { a: 2 } } });
    assert.equal(n, 1);
    assert.deepEqual(statements(t.log), ['UPDATE "Docs" SET "name" = $1 WHERE CAST(("meta" #>> $2::text[]) AS DOUBLE PRECISION) = $3']);
    assert.deepEqual(await names({}), ['A', 'B2', 'C', 'D']);
    assert.equal(await Doc.destroy({ where: { 'meta.b.c': 'x' } }), 1);
    assert.deepEqual(await names({}), ['B2', 'C', 'D']);
    assert.equal(await Doc.count({ where: { meta: { n: { [Op.gt]: 0 } } } }), 1);
  });

  it('json() and Sequelize.json(): a path as a condition or as a selected value', async () => {
    assert.deepEqual(await names(json('meta.b.c', 'x')), ['A']);
    const rows = await Doc.findAll({ attributes: ['name', [Sequelize.json('meta.b.c'), 'c']], where: { name: { [Op.in]: ['A', 'B'] } }, order: [['name', 'ASC']], raw: true });
    assert.deepEqual(rows, [{ name: 'A', c: 'x' }, { name: 'B', c: 'y' }]);
  });

  it('path segments and values from a request are bound, never SQL', async () => {
    const hostile = JSON.parse('{"meta": {"a\'); DROP TABLE \\"Docs\\"; --": {"$gt": "1 OR 1=1"}}}');
    assert.deepEqual(await names(hostile), []);
    const [text] = statements(t.log);
    assert.ok(!text.includes('DROP') && !text.includes('OR 1=1'), text);
    assert.equal(await Doc.count(), 4, 'the table is intact');
  });
});
