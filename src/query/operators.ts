/**
 * The closed set of where-operators. They are unique symbols, so a key that arrives as a
 * string from JSON (`"$gt"`, `"gt"`) can never act as an operator.
 */
export const Op = Object.freeze({
  eq: Symbol('eq'),
  ne: Symbol('ne'),
  gt: Symbol('gt'),
  gte: Symbol('gte'),
  lt: Symbol('lt'),
  lte: Symbol('lte'),
  in: Symbol('in'),
  notIn: Symbol('notIn'),
  like: Symbol('like'),
  notLike: Symbol('notLike'),
  iLike: Symbol('iLike'),
  notILike: Symbol('notILike'),
  between: Symbol('between'),
  notBetween: Symbol('notBetween'),
  is: Symbol('is'),
  not: Symbol('not'),
  and: Symbol('and'),
  or: Symbol('or'),
} as const);

export type OpSymbol = (typeof Op)[keyof typeof Op];
