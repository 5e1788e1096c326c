/**
 * The closed set of where-operators. They are unique symbols, so a key that arrives as a
 * string from JSON (`"$gt"`, `"gt"`) can never act as an operator.
 *
 * Each is declared as its own `const` because only a `const` (or a `readonly static`)
 * gets a `unique symbol` type; a `Symbol()` written inside the object literal would be
 * typed plain `symbol`, and `{ [Op.gt]: V }` would then type-check nothing.
 */
const eq: unique symbol = Symbol('eq');
const ne: unique symbol = Symbol('ne');
const gt: unique symbol = Symbol('gt');
const gte: unique symbol = Symbol('gte');
const lt: unique symbol = Symbol('lt');
const lte: unique symbol = Symbol('lte');
const inOp: unique symbol = Symbol('in');
const notIn: unique symbol = Symbol('notIn');
const like: unique symbol = Symbol('like');
const notLike: unique symbol = Symbol('notLike');
const iLike: unique symbol = Symbol('iLike');
const notILike: unique symbol = Symbol('notILike');
const between: unique symbol = Symbol('between');
const notBetween: unique symbol = Symbol('notBetween');
const is: unique symbol = Symbol('is');
const not: unique symbol = Symbol('not');
const and: unique symbol = Symbol('and');
const or: unique symbol = Symbol('or');

/**
 * Where-operators: `{ age: { [Op.gte]: 18 } }`, `{ [Op.or]: [{ a: 1 }, { b: 2 }] }`.
 *
 * @example
 * await User.findAll({ where: { age: { [Op.between]: [18, 65] }, name: { [Op.iLike]: 'a%' } } });
 * // SELECT … WHERE "age" BETWEEN $1 AND $2 AND "name" ILIKE $3
 */
export const Op = Object.freeze({
  eq, ne, gt, gte, lt, lte, in: inOp, notIn, like, notLike, iLike, notILike, between, notBetween, is, not, and, or,
} as const);

export type OpSymbol = (typeof Op)[keyof typeof Op];
