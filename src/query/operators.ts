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
// PostgreSQL operators (arrays, JSONB, patterns, full text, ranges) and Op.col.
const contains: unique symbol = Symbol('contains');
const contained: unique symbol = Symbol('contained');
const overlap: unique symbol = Symbol('overlap');
const any: unique symbol = Symbol('any');
const all: unique symbol = Symbol('all');
const startsWith: unique symbol = Symbol('startsWith');
const endsWith: unique symbol = Symbol('endsWith');
const substring: unique symbol = Symbol('substring');
const regexp: unique symbol = Symbol('regexp');
const iRegexp: unique symbol = Symbol('iRegexp');
const notRegexp: unique symbol = Symbol('notRegexp');
const notIRegexp: unique symbol = Symbol('notIRegexp');
const match: unique symbol = Symbol('match');
const adjacent: unique symbol = Symbol('adjacent');
const strictLeft: unique symbol = Symbol('strictLeft');
const strictRight: unique symbol = Symbol('strictRight');
const noExtendLeft: unique symbol = Symbol('noExtendLeft');
const noExtendRight: unique symbol = Symbol('noExtendRight');
const col: unique symbol = Symbol('col');

/**
 * Where-operators: `{ age: { [Op.gte]: 18 } }`, `{ [Op.or]: [{ a: 1 }, { b: 2 }] }`.
 *
 * @example
 * await User.findAll({ where: { age: { [Op.between]: [18, 65] }, name: { [Op.iLike]: 'a%' } } });
 * // SELECT … WHERE "age" BETWEEN $1 AND $2 AND "name" ILIKE $3
 */
export const Op = Object.freeze({
  eq, ne, gt, gte, lt, lte, in: inOp, notIn, like, notLike, iLike, notILike, between, notBetween, is, not, and, or,
  contains, contained, overlap, any, all, startsWith, endsWith, substring, regexp, iRegexp, notRegexp, notIRegexp, match, adjacent, strictLeft, strictRight, noExtendLeft, noExtendRight, col,
} as const);

export type OpSymbol = (typeof Op)[keyof typeof Op];
