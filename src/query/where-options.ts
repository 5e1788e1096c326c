/**
 * The types of `where`: every operator key and its operand are checked against the
 * attribute's declared TypeScript type. Runtime checks (query/where.ts) still refuse what
 * the types cannot see (JSON from a request, `any`).
 */
import type { Attributes } from '../model-types';
import type { Op } from './operators';
import type { SqlExpression } from './expressions';

/** `{ [Op.any]: [1, 2] }` as the operand of a comparison: `"age" > ANY($1)`. */
type Quantified<T> = { [Op.any]: readonly T[] | SqlExpression } | { [Op.all]: readonly T[] | SqlExpression };

/** The attribute's type without null: what an operand must be. */
type Operand<V> = Exclude<V, null | undefined>;

/** Whether the attribute holds text (so LIKE and ILIKE apply). `any` counts as text. */
type IsText<V> = 0 extends 1 & V ? true : [Operand<V>] extends [never] ? false : [Operand<V>] extends [string] ? true : false;

/** Whether the attribute holds booleans (so `Op.is: true` applies). */
type IsBoolean<V> = 0 extends 1 & V ? true : [Operand<V>] extends [never] ? false : [Operand<V>] extends [boolean] ? true : false;

/** Operators every attribute takes, except the nesting ones. */
interface ComparisonOperators<V> {
  /** `= value`, or `IS NULL` for null. */
  [Op.eq]?: Operand<V> | null | SqlExpression;
  /** `<> value`, or `IS NOT NULL` for null. */
  [Op.ne]?: Operand<V> | null | SqlExpression;
  [Op.gt]?: Operand<V> | SqlExpression | Quantified<Operand<V>>;
  [Op.gte]?: Operand<V> | SqlExpression | Quantified<Operand<V>>;
  [Op.lt]?: Operand<V> | SqlExpression | Quantified<Operand<V>>;
  [Op.lte]?: Operand<V> | SqlExpression | Quantified<Operand<V>>;
  /** `= ANY($1)`: one parameter for any length; null is refused (it never matches). `literal('(SELECT …)')` for a subquery. */
  [Op.in]?: readonly Operand<V>[] | SqlExpression;
  [Op.notIn]?: readonly Operand<V>[] | SqlExpression;
  /** `= ANY($1)` / `= ALL($1)`. */
  [Op.any]?: readonly Operand<V>[] | SqlExpression;
  [Op.all]?: readonly Operand<V>[] | SqlExpression;
  /** `"a" = "b"`: another attribute of the model (checked). */
  [Op.col]?: string;
  /** Arrays, JSONB and HSTORE: `@>`, `<@`; arrays: `&&`. */
  [Op.contains]?: Operand<V> | SqlExpression;
  [Op.contained]?: Operand<V> | SqlExpression;
  [Op.overlap]?: Operand<V> | SqlExpression;
  /** Full text: `"doc" @@ to_tsquery(…)`. */
  [Op.match]?: string | SqlExpression;
  /** Range operators: Inscribe has no RANGE type, so they take expressions. */
  [Op.adjacent]?: SqlExpression;
  [Op.strictLeft]?: SqlExpression;
  [Op.strictRight]?: SqlExpression;
  [Op.noExtendLeft]?: SqlExpression;
  [Op.noExtendRight]?: SqlExpression;
  [Op.between]?: readonly [Operand<V>, Operand<V>];
  [Op.notBetween]?: readonly [Operand<V>, Operand<V>];
  /** `IS NULL`; on a boolean attribute also `IS TRUE` / `IS FALSE`. */
  [Op.is]?: null | (IsBoolean<V> extends true ? boolean : never);
}

/** Pattern operators, on text attributes only. */
interface TextOperators {
  [Op.like]?: string | SqlExpression | Quantified<string>;
  [Op.notLike]?: string | SqlExpression | Quantified<string>;
  [Op.iLike]?: string | SqlExpression | Quantified<string>;
  [Op.notILike]?: string | SqlExpression | Quantified<string>;
  /** `LIKE 'value%'` with `%` and `_` in the value matched literally; endsWith, substring alike. */
  [Op.startsWith]?: string;
  [Op.endsWith]?: string;
  [Op.substring]?: string;
  /** POSIX regular expressions: `~`, `~*`, `!~`, `!~*`. */
  [Op.regexp]?: string | SqlExpression;
  [Op.iRegexp]?: string | SqlExpression;
  [Op.notRegexp]?: string | SqlExpression;
  [Op.notIRegexp]?: string | SqlExpression;
}

/** The operators that nest conditions on the same attribute. */
interface NestingOperators<V> {
  /** null → IS NOT NULL; a boolean → IS NOT TRUE/FALSE; a value → IS DISTINCT FROM; operators → NOT (…). */
  [Op.not]?: null | Operand<V> | WhereOperators<V>;
  /** `{ age: { [Op.or]: [{ [Op.lt]: 5 }, { [Op.gt]: 65 }] } }` */
  [Op.or]?: readonly AttributeCondition<V>[];
  [Op.and]?: readonly AttributeCondition<V>[];
}

type FlatOperators<V> = ComparisonOperators<V> & (IsText<V> extends true ? TextOperators : unknown);

/** At least one of `T`'s keys, given a value (undefined is refused at runtime too). */
type AtLeastOne<T> = { [K in keyof T]-?: { [P in K]-?: Exclude<T[P], undefined> } }[keyof T];

/**
 * Operators on one attribute whose type is `V`: `{ [Op.gt]: 5, [Op.lt]: 10 }`.
 *
 * An empty operator object (`{ age: {} }`) is a mistake the runtime refuses, so the type
 * requires at least one operator. The nesting operators are spelled out rather than
 * mapped over, because a mapped type cannot refer to itself.
 *
 * @example
 * const adult: WhereOperators<number> = { [Op.gte]: 18 };
 */
export type WhereOperators<V> =
  | (AtLeastOne<FlatOperators<V>> & FlatOperators<V> & NestingOperators<V>)
  | ({ [Op.not]: null | Operand<V> | WhereOperators<V> } & FlatOperators<V> & NestingOperators<V>)
  | ({ [Op.or]: readonly AttributeCondition<V>[] } & FlatOperators<V> & NestingOperators<V>)
  | ({ [Op.and]: readonly AttributeCondition<V>[] } & FlatOperators<V> & NestingOperators<V>);

/** What one attribute may be matched with: a value, null (IS NULL), or operators. */
export type AttributeCondition<V> = Operand<V> | null | WhereOperators<V> | SqlExpression;

/** `[Op.and]`, `[Op.or]`, `[Op.not]` at the top of a where (or inside them). */
export interface LogicalWhere<M> {
  /** Every branch must match: an array of where objects, or one object whose entries are the branches. */
  [Op.and]?: readonly (WhereOptions<M> | SqlExpression)[] | WhereOptions<M>;
  /** Any branch may match: `[Op.or]: [{ a: 1 }, { b: 2 }]`; a branch may be `where(…)` or `literal(…)`. */
  [Op.or]?: readonly (WhereOptions<M> | SqlExpression)[] | WhereOptions<M>;
  [Op.not]?: WhereOptions<M>;
}

/**
 * `{ name: 'Ada', age: { [Op.gte]: 18 }, [Op.or]: [{ … }, { … }] }`. Only the model's
 * attributes, each with values and operands of its own type.
 *
 * @example
 * const where: WhereOptions<User> = { age: { [Op.gte]: 18 }, [Op.or]: [{ name: 'Ada' }, { name: null }] };
 */
export type WhereOptions<M = any> = ({
  [K in keyof Attributes<M>]?: AttributeCondition<Attributes<M>[K]>;
} & LogicalWhere<M> & {
  /** `'$posts.title$'`: an attribute of an include of the same find (also inside Op.and / Op.or). */
  [nested: `$${string}.${string}$`]: unknown;
  /** `'meta.a.b'`: a path into a JSON/JSONB attribute. */
  [path: `${string}.${string}`]: unknown;
  /** `'meta.n::integer'`, `'age::text'`: a cast from a closed list. */
  [cast: `${string}::${string}`]: unknown;
}) | SqlExpression;
