// findAll, findOne, findByPk and count against PostgreSQL and PGlite.
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { DataTypes, EmptyResultError, Op, UnknownAttributeError, UsageError, ValidationError } from '../../src/index';
import type { DefinedModel, WhereOptions } from '../../src/index';
import { forEachDriver, statements } from '../support/harness';
import { definePerson } from './models';

const UUID = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11';

forEachDriver('findAll / findOne / findByPk / count', (t) => {
  let Person: DefinedModel;
  let Token: DefinedModel;
  before(async () => {
    Person = definePerson(t.db);
    await Person.sync({ force: true });
    await Person.create({ name: 'Ada', age: 36, active: true, mood: 'happy', tags: ['math', 'engines'], meta: { lang: 'en' }, raw: { n: 1 }, firstName: 'Augusta', born: '1815-12-10', balance: '10.50', big: '9007199254740993' });
    await Person.create({ name: 'Bob', age: 17, active: false, mood: 'sad', tags: [], meta: { lang: 'fr' }, firstName: 'Robert' });
    await Person.create({ name: 'Cy', age: null, active: null, mood: "it's; complicated", tags: ['x'], bio: 'likes %percent% and _under_' });
    await Person.create({ name: 'Dee', age: 65, active: true, token: UUID });
    Token = t.db.define('Token', { id: { type: DataTypes.UUID, primaryKey: true }, label: DataTypes.STRING }, { timestamps: false });
    await Token.sync({ force: true });
    await Token.create({ id: UUID, label: 'one' });
  });

  const names = (rows: readonly any[]) => rows.map((r) => r.name);

  it('findAll returns instances, hydrated through the model', async () => {
    const rows = await Person.findAll({ order: ['id'] });
    assert.deepEqual(names(rows), ['Ada', 'Bob', 'Cy', 'Dee']);
    const ada = rows[0];
    assert.ok(ada instanceof Person);
    assert.equal(ada.isNewRecord, false);
    assert.deepEqual(ada.tags, ['math', 'engines']);
    assert.deepEqual(ada.meta, { lang: 'en' });
    assert.equal(ada.firstName, 'Augusta');
    assert.equal(ada.big, '9007199254740993');
    assert.ok(ada.createdAt instanceof Date);
    assert.equal(ada.changed(), false);
    ada.meta.lang = 'de';
    assert.deepEqual(ada.changed(), ['meta']);
  });

  it('sends one SELECT with the model select list, values bound', async () => {
    t.log.length = 0;
    await Person.findAll({ where: { age: { [Op.gte]: 18 } }, order: [['age', 'DESC']], limit: 5, offset: 0 });
    assert.deepEqual(statements(t.log), [`SELECT ${Person.definition.selectList} FROM "People" WHERE "age" >= $1 ORDER BY "age" DESC LIMIT $2 OFFSET $3`]);
  });

  it('filters with each kind of condition', async () => {
    const q = async (where: WhereOptions) => names(await Person.findAll({ where, order: [['name', 'ASC']] }));
    assert.deepEqual(await q({ name: 'Bob' }), ['Bob']);
    assert.deepEqual(await q({ age: null }), ['Cy']);
    assert.deepEqual(await q({ age: { [Op.ne]: null } }), ['Ada', 'Bob', 'Dee']);
    assert.deepEqual(await q({ age: { [Op.gt]: 17, [Op.lt]: 65 } }), ['Ada']);
    assert.deepEqual(await q({ age: { [Op.between]: [17, 36] } }), ['Ada', 'Bob']);
    assert.deepEqual(await q({ age: { [Op.notBetween]: [17, 36] } }), ['Dee']);
    assert.deepEqual(await q({ age: { [Op.in]: [17, 65, 99] } }), ['Bob', 'Dee']);
    assert.deepEqual(await q({ age: { [Op.notIn]: [17] } }), ['Ada', 'Dee']);
    assert.deepEqual(await q({ age: { [Op.in]: [] } }), []);
    assert.deepEqual(await q({ name: { [Op.like]: 'A%' } }), ['Ada']);
    assert.deepEqual(await q({ name: { [Op.notLike]: 'A%' } }), ['Bob', 'Cy', 'Dee']);
    assert.deepEqual(await q({ name: { [Op.iLike]: 'a%' } }), ['Ada']);
    assert.deepEqual(await q({ name: { [Op.notILike]: '%D%' } }), ['Bob', 'Cy']);
    assert.deepEqual(await q({ bio: { [Op.like]: '%\\%percent\\%%' } }), ['Cy']);
    assert.deepEqual(await q({ active: { [Op.is]: true } }), ['Ada', 'Dee']);
    assert.deepEqual(await q({ active: { [Op.not]: true } }), ['Bob', 'Cy']);
    assert.deepEqual(await q({ active: { [Op.is]: null } }), ['Cy']);
    assert.deepEqual(await q({ age: { [Op.not]: 17 } }), ['Ada', 'Cy', 'Dee']);
    assert.deepEqual(await q({ age: { [Op.eq]: 36 } }), ['Ada']);
    assert.deepEqual(await q({ [Op.or]: [{ name: 'Ada' }, { age: { [Op.lt]: 18 } }] }), ['Ada', 'Bob']);
    assert.deepEqual(await q({ [Op.and]: [{ active: true }, { age: { [Op.gt]: 40 } }] }), ['Dee']);
    assert.deepEqual(await q({ [Op.not]: { active: true } }), ['Bob']);
    assert.deepEqual(await q({ age: { [Op.or]: [{ [Op.lt]: 18 }, null] } }), ['Bob', 'Cy']);
    assert.deepEqual(await q({ firstName: 'Robert' }), ['Bob']);
    assert.deepEqual(await q({ balance: 10.5 }), ['Ada']);
    assert.deepEqual(await q({ big: 9007199254740993n }), ['Ada']);
    assert.deepEqual(await q({ born: '1815-12-10' }), ['Ada']);
    assert.deepEqual(await q({ token: UUID }), ['Dee']);
    assert.deepEqual(await q({ token: { [Op.in]: [UUID] } }), ['Dee']);
  });

  it('filters ENUM, ARRAY and JSON attributes on both drivers', async () => {
    const q = async (where: WhereOptions) => names(await Person.findAll({ where, order: [['name', 'ASC']] }));
    assert.deepEqual(await q({ mood: "it's; complicated" }), ['Cy']);
    assert.deepEqual(await q({ mood: { [Op.in]: ['sad', "it's; complicated"] } }), ['Bob', 'Cy']);
    assert.deepEqual(await q({ mood: { [Op.notIn]: ['sad'] } }), ['Ada', 'Cy']);
    assert.deepEqual(await q({ tags: ['math', 'engines'] }), ['Ada']);
    assert.deepEqual(await q({ tags: [] }), ['Bob']);
    assert.deepEqual(await q({ tags: { [Op.in]: [['x'], []] } }), ['Bob', 'Cy']);
    assert.deepEqual(await q({ meta: { lang: 'fr' } }), ['Bob']);
    assert.deepEqual(await q({ meta: { [Op.in]: [{ lang: 'en' }, { lang: 'de' }] } }), ['Ada']);
    assert.deepEqual(await q({ raw: { n: 1 } }), ['Ada']);
  });

  it('attributes reads only those columns; the instance knows nothing else and saves only what changes', async () => {
    t.log.length = 0;
    const [ada] = await Person.findAll({ where: { name: 'Ada' }, attributes: ['name', 'id', 'tags'] });
    assert.deepEqual(statements(t.log), ['SELECT "id", "name", "tags" FROM "People" WHERE "name" = $1']);
    assert.deepEqual(ada.get({ plain: true }), { id: 1, name: 'Ada', tags: ['math', 'engines'] });
    assert.equal(ada.age, undefined);
    assert.equal(ada.changed(), false);
    ada.tags.push('poetry');
    await ada.save();
    const fresh = await Person.findByPk(1);
    assert.deepEqual(fresh!.tags, ['math', 'engines', 'poetry']);
    assert.equal(fresh!.age, 36);
    await fresh!.update({ tags: ['math', 'engines'] });
  });

  it('attributes with { exclude }', async () => {
    const [bob] = await Person.findAll({ where: { name: 'Bob' }, attributes: { exclude: ['meta', 'raw', 'tags'] } });
    assert.equal(bob.name, 'Bob');
    assert.equal(bob.meta, undefined);
    assert.equal(bob.age, 17);
  });

  it('raw: true gives plain objects keyed by attribute name', async () => {
    const rows = await Person.findAll({ where: { name: 'Ada' }, raw: true });
    assert.equal(Object.getPrototypeOf(rows[0]), Object.prototype);
    assert.equal(rows[0].firstName, 'Augusta');
    assert.equal((rows[0] as Record<string, unknown>).first_name, undefined);
    assert.deepEqual(rows[0].meta, { lang: 'en' });
    assert.deepEqual(rows[0].tags, ['math', 'engines']);
    const partial = await Person.findAll({ where: { name: 'Bob' }, attributes: ['firstName', 'age'], raw: true });
    assert.deepEqual(partial, [{ age: 17, firstName: 'Robert' }]);
  });

  it('limit and offset page through the rows', async () => {
    const page = await Person.findAll({ order: ['name'], limit: 2, offset: 1 });
    assert.deepEqual(names(page), ['Bob', 'Cy']);
    assert.deepEqual(await Person.findAll({ limit: 0 }), []);
  });

  it('findOne returns the first match (LIMIT 1) or null', async () => {
    t.log.length = 0;
    const p = await Person.findOne({ where: { active: true }, order: [['age', 'DESC']] });
    assert.equal(p!.name, 'Dee');
    assert.match(statements(t.log)[0], /ORDER BY "age" DESC LIMIT \$2$/);
    assert.equal(await Person.findOne({ where: { name: 'Nobody' } }), null);
    await assert.rejects(Person.findOne({ where: { name: 'Nobody' }, rejectOnEmpty: true }), EmptyResultError);
  });

  it('findOne with an undefined where value throws instead of returning the first row', async () => {
    t.log.length = 0;
    await assert.rejects(Person.findOne({ where: { id: undefined } }), (e: Error) => e instanceof UsageError && /undefined/.test(e.message));
    await assert.rejects(Person.findOne({ where: { name: 'Ada', age: undefined } }), UsageError);
    assert.deepEqual(statements(t.log), []);
  });

  it('findByPk finds by the primary key, with a cached statement', async () => {
    t.log.length = 0;
    const bob = await Person.findByPk(2);
    assert.equal(bob!.name, 'Bob');
    assert.equal(await Person.findByPk(999), null);
    assert.deepEqual(statements(t.log), [`SELECT ${Person.definition.selectList} FROM "People" WHERE "id" = $1`, `SELECT ${Person.definition.selectList} FROM "People" WHERE "id" = $1`]);
    const only = await Person.findByPk(2, { attributes: ['name'] });
    assert.deepEqual(only!.get({ plain: true }), { name: 'Bob' });
    await assert.rejects(Person.findByPk(999, { rejectOnEmpty: true }), EmptyResultError);
    assert.equal(await Person.findByPk(null), null);
    await assert.rejects(Person.findByPk(undefined), UsageError);
  });

  it('findByPk with a value the key type rejects is a ValidationError, and sends nothing', async () => {
    t.log.length = 0;
    await assert.rejects(Token.findByPk('not-a-uuid'), (e: Error) => e instanceof ValidationError && /Token\.id must be a UUID/.test(e.message) && (e as ValidationError).attribute === 'id');
    await assert.rejects(Person.findByPk('1; DROP TABLE "People"'), (e: Error) => e instanceof ValidationError && /Person\.id/.test(e.message));
    await assert.rejects(Person.findByPk({ id: 1 }), UsageError);
    assert.deepEqual(statements(t.log), []);
    assert.equal((await Token.findByPk(UUID.toUpperCase()))!.label, 'one');
  });

  it('findByPk with a composite key takes an object', async () => {
    const Pair = t.db.define('Pair', { a: { type: DataTypes.INTEGER, primaryKey: true }, b: { type: DataTypes.STRING, primaryKey: true }, v: DataTypes.TEXT }, { timestamps: false });
    await Pair.sync({ force: true });
    await Pair.create({ a: 1, b: 'x', v: 'one-x' });
    await Pair.create({ a: 1, b: 'y', v: 'one-y' });
    assert.equal((await Pair.findByPk({ a: 1, b: 'y' }))!.v, 'one-y');
    await assert.rejects(Pair.findByPk(1), UsageError);
    await assert.rejects(Pair.findByPk({ a: 1 }), UsageError);
    await assert.rejects(Pair.findByPk({ a: 1, b: 'x', v: 'z' }), UsageError);
  });

  it('count counts the matching rows, as a number', async () => {
    assert.equal(await Person.count(), 4);
    assert.equal(await Person.count({ where: { active: true } }), 2);
    assert.equal(await Person.count({ where: { age: { [Op.in]: [] } } }), 0);
    await assert.rejects(Person.count({ where: { nope: 1 } }), UnknownAttributeError);
  });

  it('unknown options are refused, not ignored', async () => {
    await assert.rejects(Person.findAll({ include: ['x'] }), (e: Error) => e instanceof UsageError && /Person has no association "x"/.test(e.message));
    await assert.rejects(Person.findAll({ wehre: { name: 'x' } } as never), UsageError);
    await assert.rejects(Person.count({ where: {}, limit: 1 } as never), UsageError);
  });

  it('hostile keys in where, order and attributes are refused before any SQL', async () => {
    t.log.length = 0;
    await assert.rejects(Person.findAll({ where: { 'name" OR 1=1 --': 'x' } as never }), UnknownAttributeError);
    await assert.rejects(Person.findAll({ where: JSON.parse('{"age":{"$gt":0}}') }), UsageError);
    await assert.rejects(Person.findAll({ where: JSON.parse('{"$or":[{"age":1}]}') }), UnknownAttributeError);
    await assert.rejects(Person.findAll({ order: [['name', 'ASC; DROP TABLE "People"']] as never }), UsageError);
    await assert.rejects(Person.findAll({ order: ['(SELECT 1)'] as never }), UnknownAttributeError);
    await assert.rejects(Person.findAll({ attributes: ['name', 'pg_sleep(1)'] as never }), UnknownAttributeError);
    await assert.rejects(Person.findAll({ limit: '1; DROP TABLE "People"' as never }), UsageError);
    await assert.rejects(Person.findAll({ offset: -1 }), UsageError);
    assert.deepEqual(statements(t.log), []);
    assert.equal(await Person.count(), 4);
  });
});
