// Compile-time tests of the Sequelize query features: SQL helpers, aliased attributes,
// group/having, raw+nest, aggregates, count({ group }), findAndCountAll, JSON paths, the
// PostgreSQL operators, increment by expressions. `npm run build:test` fails when a line
// marked as an expected error compiles, or when an unmarked line does not.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { Column, DataTypes, Model, Op, Sequelize, Table, cast, col, fn, json, literal, where } from '../../src/index';
import type { Attributes, CountGroup, WithImplicit } from '../../src/index';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
function expectType<T extends true>(): void {}

@Table
class Order extends Model {
  declare id: number;
  @Column declare shop: string;
  @Column declare qty: number;
  @Column(DataTypes.DECIMAL(10, 2)) declare price: string;
  @Column(DataTypes.ARRAY(DataTypes.TEXT)) declare tags: string[];
  @Column(DataTypes.JSONB) declare meta: { a?: number; b?: { c?: string } } | null;
}

async function compileOnly(): Promise<void> {
  // Helpers: exported, as Sequelize statics, in attributes, where, order, group, having.
  void await Order.findAll({ attributes: ['shop', ['qty', 'n'], [fn('COUNT', col('id')), 'count']], group: ['shop'], having: where(fn('COUNT', col('id')), Op.gt, 1), order: [[fn('COUNT', col('id')), 'DESC']] });
  void await Order.findAll({ attributes: { include: [[Sequelize.fn('SUM', Sequelize.col('qty')), 'total']], exclude: ['meta'] } });
  void await Order.findAll({ where: Sequelize.where(Sequelize.fn('lower', Sequelize.col('shop')), 'a') });
  void await Order.findAll({ where: { [Op.and]: [where(cast(col('qty'), 'text'), '3'), literal('"qty" > 1'), { shop: 'a' }] } });
  void await Order.findAll({ order: literal('"qty" DESC') });
  void await Order.findAll({ where: { qty: col('id'), shop: { [Op.col]: 'shop' } } });
  // JSON paths: nested objects, dotted keys, casts, json().
  void await Order.findAll({ where: { meta: { a: 1 } } });
  void await Order.findAll({ where: { 'meta.b.c': 'x', 'meta.a::integer': { [Op.gt]: 3 } } });
  void await Order.findAll({ where: json('meta.b.c', 'x') });
  // PostgreSQL operators.
  void await Order.findAll({ where: { tags: { [Op.contains]: ['a'] }, shop: { [Op.startsWith]: 'a', [Op.iRegexp]: '^a' } } });
  void await Order.findAll({ where: { qty: { [Op.gt]: { [Op.any]: [1, 2] } }, shop: { [Op.iLike]: { [Op.any]: ['a%'] } } } });
  void await Order.findAll({ where: { qty: { [Op.any]: [1, 2] } } });
  // raw (and nest) are plain objects.
  const raw = await Order.findAll({ raw: true, nest: true });
  expectType<Equal<typeof raw, Attributes<Order>[]>>();
  // Aggregates.
  const n: number = await Order.count({ distinct: true, col: 'shop' });
  const groups = await Order.count({ group: 'shop' });
  expectType<Equal<typeof groups, CountGroup[]>>();
  const max: number | null = await Order.max('qty');
  const sum: string | null = await Order.sum('price');
  const avg: unknown = await Order.aggregate('qty', 'avg', { where: { shop: 'a' } });
  const page = await Order.findAndCountAll({ where: { qty: { [Op.gt]: 1 } }, limit: 10 });
  expectType<Equal<typeof page, { count: number; rows: WithImplicit<Order>[] }>>();
  void [n, max, sum, avg];
  // increment by expressions.
  void await Order.increment({ qty: literal('2') }, { where: { shop: 'a' } });
  void await Order.decrement('qty', { by: col('id'), where: { shop: 'a' } });

  // @ts-expect-error max of an unknown attribute
  void Order.max('nope');
  // @ts-expect-error count's col is an attribute
  void Order.count({ col: 'nope' });
  // @ts-expect-error startsWith on a number attribute
  void Order.findAll({ where: { qty: { [Op.startsWith]: '1' } } });
  // @ts-expect-error an aliased attribute is [source, alias]
  void Order.findAll({ attributes: [['qty']] });
  // @ts-expect-error a helper's left side must be a helper, not a string
  void where('shop', 'a');
}

it('the query feature type tests compiled', () => {
  assert.equal(typeof compileOnly, 'function');
});
