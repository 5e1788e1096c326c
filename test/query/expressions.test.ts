// fn, col, literal, where, cast, json — exported, as Sequelize statics and on the instance;
// recognised only by a private symbol. Aliased attributes, { include, exclude }, group,
// having, order by expressions and aliases, raw and nest. Rows and SQL are both checked.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DataTypes, Op, Sequelize, UnknownAttributeError, UsageError, cast, col, fn, json, literal, where } from '../../src/index';
import type { DefinedModel } from '../../src/index';
import { forEachDriver, statements } from '../support/harness';

describe('SQL helpers: exports and recognition', () => {
  it('are exported, static on Sequelize and methods of the instance, as in Sequelize', () => {
    assert.equal(Sequelize.fn, fn);
    assert.equal(Sequelize.col, col);
    assert.equal(Sequelize.literal, literal);
    assert.equal(Sequelize.where, where);
    assert.equal(Sequelize.cast, cast);
    assert.equal(Sequelize.json, json);
    assert.equal(Sequelize.Op, Op);
    const db = new Sequelize('pglite://memory');
    assert.deepEqual(db.fn('COUNT', db.col('id')), fn('COUNT', col('id')));
    assert.equal(db.literal('1').val, '1');
  });

  it('refuses function names that are not identifiers, and cast types outside the closed list', () => {
    assert.throws(() => fn('count(*); DROP TABLE x; --'), UsageError);
    assert.throws(() => fn('lower"'), UsageError);
    assert.doesNotThrow(() => fn('pg_catalog.lower', 'A'));
    assert.throws(() => cast(col('a'), 'int); DROP TABLE x; --'), /cannot cast/);
    assert.throws(() => cast(col('a'), 'regclass'), UsageError);
    assert.equal(cast(col('a'), 'integer[]').type, 'INTEGER[]');
  });
});

forEachDriver('fn / col / literal / where / cast in finders', (t) => {
  let Item: DefinedModel;
  before(async () => {
    Item = t.db.define('Item', {
      name: { type: DataTypes.STRING, allowNull: false },
      kind: DataTypes.STRING,
      qty: DataTypes.INTEGER,
      min: DataTypes.INTEGER,
      price: DataTypes.DECIMAL(10, 2),
      bio: DataTypes.TEXT,
    }, { timestamps: false });
    await Item.sync({ force: true });
    await Item.bulkCreate([
      { name: 'Ada', kind: 'a', qty: 3, min: 1, price: '1.50', bio: 'x' },
      { name: 'bob', kind: 'a', qty: 1, min: 2, price: '2.25', bio: 'y' },
      { name: 'Cy', kind: 'b', qty: 5, min: 5, price: '10.00', bio: 'z' },
    ]);
  });
  const sent = () => statements(t.log);

  it('attributes: [name, [name, alias], [fn(…), alias]] with group and order by alias (raw rows)', async () => {
    t.log.length = 0;
    const rows = await Item.findAll({ attributes: ['kind', [fn('COUNT', col('id')), 'n'], [fn('SUM', col('qty')), 'total']], group: ['kind'], order: [['n', 'DESC'], ['kind', 'ASC']], raw: true });
    assert.deepEqual(sent(), ['SELECT "kind", COUNT("id") AS "n", SUM("qty") AS "total" FROM "Items" GROUP BY "kind" ORDER BY "n" DESC, "kind" ASC']);
    assert.deepEqual(rows.map((r: any) => [r.kind, Number(r.n), Number(r.total)]), [['a', 2, 4], ['b', 1, 5]]);
  });

  it('instances hold aliased values: get(alias), dataValues and toJSON (never saved)', async () => {
    const [ada] = await Item.findAll({ attributes: ['id', ['name', 'label'], [fn('upper', col('name')), 'shout']], where: { name: 'Ada' } });
    assert.equal(ada.get('label'), 'Ada');
    assert.equal(ada.get('shout'), 'ADA');
    assert.equal(ada.name, undefined, 'a renamed attribute is read under its alias only');
    assert.deepEqual(ada.toJSON(), { id: 1, label: 'Ada', shout: 'ADA' });
    assert.equal(ada.dataValues.shout, 'ADA');
    assert.equal(ada.changed(), false);
  });

  it('attributes: { include, exclude }', async () => {
    t.log.length = 0;
    const [row] = await Item.findAll({ attributes: { include: [[fn('lower', col('name')), 'low'], [literal('"qty" * 2'), 'twice']], exclude: ['bio', 'price'] }, where: { name: 'Cy' }, raw: true });
    assert.deepEqual(sent(), ['SELECT "id", "name", "kind", "qty", "min", lower("name") AS "low", "qty" * 2 AS "twice" FROM "Items" WHERE "name" = $1']);
    assert.deepEqual(row, { id: 3, name: 'Cy', kind: 'b', qty: 5, min: 5, low: 'cy', twice: 10 });
  });

  it('fn arguments are bound as parameters (typed by their JS type) unless they are helpers', async () => {
    t.log.length = 0;
    const rows = await Item.findAll({ attributes: ['name', [fn('coalesce', col('bio'), "x'); DROP TABLE \"Items\"; --"), 'b'], [fn('round', cast(col('price'), 'numeric'), 1), 'p']], where: { kind: 'b' }, raw: true });
    assert.deepEqual(sent(), ['SELECT "name", coalesce("bio", $1::text) AS "b", round(CAST("price" AS NUMERIC), $2::integer) AS "p" FROM "Items" WHERE "kind" = $3']);
    assert.deepEqual(rows, [{ name: 'Cy', b: 'z', p: '10.0' }]);
  });

  it('where(fn(…), value), where(lhs, Op, value), Op.col, col() values and literal branches', async () => {
    const names = async (w: any) => (await Item.findAll({ where: w, order: [['name', 'ASC']] })).map((i) => i.name);
    t.log.length = 0;
    assert.deepEqual(await names(where(fn('lower', col('name')), 'bob')), ['bob']);
    assert.equal(sent()[0].split(' WHERE ')[1], 'lower("name") = $1 ORDER BY "name" ASC');
    assert.deepEqual(await names({ [Op.and]: [Sequelize.where(col('qty'), Op.gt, col('min')), { kind: 'a' }] }), ['Ada']);
    assert.deepEqual(await names({ qty: { [Op.col]: 'min' } }), ['Cy']);
    assert.deepEqual(await names({ qty: { [Op.lt]: col('min') } }), ['bob']);
    assert.deepEqual(await names({ qty: col('min') }), ['Cy']);
    t.log.length = 0;
    assert.deepEqual(await names({ [Op.or]: [literal('"qty" > 4'), { name: 'bob' }] }), ['Cy', 'bob'], 'ordered by the C collation');
    assert.equal(sent()[0].split(' WHERE ')[1], '("qty" > 4 OR "name" = $1) ORDER BY "name" ASC');
    assert.deepEqual(await names(where(cast(col('qty'), 'text'), { [Op.in]: ['1', '3'] })), ['Ada', 'bob']);
    assert.deepEqual(await names({ 'qty::text': '5' }), ['Cy']);
    assert.deepEqual(await names({ id: { [Op.in]: literal('(SELECT "id" FROM "Items" WHERE "kind" = \'b\')') } }), ['Cy']);
  });

  it('order by fn() and literal(); having on an expression or on a selected alias', async () => {
    const rows = await Item.findAll({ order: [[fn('lower', col('name')), 'DESC']] });
    assert.deepEqual(rows.map((r) => r.name), ['Cy', 'bob', 'Ada']);
    const byLiteral = await Item.findAll({ order: literal('"qty" * -1') });
    assert.deepEqual(byLiteral.map((r) => r.name), ['Cy', 'Ada', 'bob']);
    t.log.length = 0;
    const groups = await Item.findAll({ attributes: ['kind', [fn('COUNT', col('id')), 'n']], group: 'kind', having: where(fn('COUNT', col('id')), Op.gt, 1), raw: true });
    assert.deepEqual(sent(), ['SELECT "kind", COUNT("id") AS "n" FROM "Items" GROUP BY "kind" HAVING COUNT("id") > $1']);
    assert.deepEqual(groups.map((g: any) => g.kind), ['a']);
    t.log.length = 0;
    const byAlias = await Item.findAll({ attributes: ['kind', [fn('SUM', col('qty')), 'total']], group: ['kind'], having: { total: { [Op.gte]: 5 } }, order: [['kind', 'ASC']], raw: true });
    assert.deepEqual(sent(), ['SELECT "kind", SUM("qty") AS "total" FROM "Items" GROUP BY "kind" HAVING SUM("qty") >= $1 ORDER BY "kind" ASC']);
    assert.deepEqual(byAlias.map((g: any) => g.kind), ['b']);
    // col('alias') in having names the selected expression (PostgreSQL refuses an output alias there).
    t.log.length = 0;
    const byCol = await Item.findAll({ attributes: ['kind', [fn('COUNT', col('id')), 'n']], group: 'kind', having: where(col('n'), Op.gt, 1), raw: true });
    assert.deepEqual(sent(), ['SELECT "kind", COUNT("id") AS "n" FROM "Items" GROUP BY "kind" HAVING COUNT("id") > $1']);
    assert.deepEqual(byCol.map((g: any) => g.kind), ['a']);
  });

  it('raw: true with nest: true nests dotted aliases', async () => {
    const rows = await Item.findAll({ attributes: ['name', ['kind', 'info.kind'], ['qty', 'info.qty']], where: { name: 'Ada' }, raw: true, nest: true });
    assert.deepEqual(rows, [{ name: 'Ada', info: { kind: 'a', qty: 3 } }]);
    await assert.rejects(Item.findAll({ nest: true } as any), /nest: true shapes raw rows/);
  });

  it('objects that only look like helpers (JSON from a request, spreads) are never SQL', async () => {
    t.log.length = 0;
    const forged = JSON.parse('{"kind": "literal", "val": "1=1) OR (1=1"}');
    await assert.rejects(Item.findAll({ where: { name: forged } }), UsageError);
    await assert.rejects(Item.findAll({ where: { [Op.and]: [forged] } }), UnknownAttributeError);
    await assert.rejects(Item.findAll({ attributes: [[forged, 'x']] as any }), UsageError);
    await assert.rejects(Item.findAll({ where: { name: { ...literal('1=1') } as any } }), UsageError);
    await assert.rejects(Item.findAll({ order: [[forged, 'ASC']] as any }), UsageError);
    assert.deepEqual(sent(), [], 'nothing sent');
  });

  it('col() names are checked against the model', async () => {
    await assert.rejects(Item.findAll({ attributes: [[fn('COUNT', col('password')), 'n']] }), UnknownAttributeError);
    await assert.rejects(Item.findAll({ where: { qty: { [Op.col]: 'nope' } } }), UnknownAttributeError);
    await assert.rejects(Item.findAll({ group: ['nope'] }), UnknownAttributeError);
  });

  it('increment and decrement by expressions (literal, col), static and on an instance (runs last: it changes rows)', async () => {
    t.log.length = 0;
    assert.deepEqual(await Item.increment({ qty: literal('10') }, { where: { name: 'Ada' } }), [1]);
    await Item.decrement('qty', { by: col('min'), where: { name: 'Ada' } });
    assert.deepEqual(sent(), ['UPDATE "Items" SET "qty" = "qty" + (10) WHERE "name" = $1', 'UPDATE "Items" SET "qty" = "qty" - "min" WHERE "name" = $1']);
    assert.equal((await Item.findOne({ where: { name: 'Ada' } }))!.qty, 12);
    const cy = (await Item.findOne({ where: { name: 'Cy' } }))!;
    t.log.length = 0;
    await cy.increment({ qty: col('min'), min: 1 });
    assert.deepEqual(sent(), ['UPDATE "Items" SET "qty" = "qty" + "min", "min" = "min" + $1 WHERE "id" = $2 RETURNING "qty", "min"']);
    assert.equal(cy.qty, 10);
    assert.equal(cy.min, 6);
    assert.equal((await Item.findByPk(cy.id))!.qty, 10);
    await assert.rejects(Item.increment({ qty: fn('abs', -3) }, { where: { name: 'Cy' } }), /binds values/);
    assert.equal((await Item.findByPk(cy.id))!.qty, 10, 'nothing changed');
  });
});
