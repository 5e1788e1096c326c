import { UsageError } from '../errors';

/**
 * The SQL helpers `fn`, `col`, `literal`, `where`, `cast` and `json`, as in Sequelize.
 *
 * A helper object carries a private symbol; the compilers recognise helpers by that symbol
 * only, never by their shape. `JSON.parse` cannot make a symbol key, so a request body such
 * as `{"val": "1; DROP TABLE x"}` can never become SQL: it stays a value, bound as a parameter.
 */
const EXPRESSION: unique symbol = Symbol('inscribe.expression');

/** What every helper object is; tell them apart with `instanceof` or `kind`. */
export abstract class SqlExpression {
  constructor() {
    // Non-enumerable and keyed by a symbol no caller can reach: invisible to JSON and spreads.
    Object.defineProperty(this, EXPRESSION, { value: true });
  }
  abstract readonly kind: 'fn' | 'col' | 'literal' | 'where' | 'cast' | 'json';
}

/** `fn('COUNT', col('id'))` → `COUNT("id")`. */
export class Fn extends SqlExpression {
  readonly kind = 'fn' as const;
  constructor(readonly fn: string, readonly args: readonly unknown[]) {
    super();
  }
}

/** `col('age')` → `"age"`: an attribute of the model (checked), `'alias.attribute'`, or `'*'`. */
export class Col extends SqlExpression {
  readonly kind = 'col' as const;
  constructor(readonly col: string) {
    super();
  }
}

/** `literal('now()')`: raw SQL, inserted as written. */
export class Literal extends SqlExpression {
  readonly kind = 'literal' as const;
  constructor(readonly val: string) {
    super();
  }
}

/** `where(fn('lower', col('name')), 'ada')` or `where(lhs, Op.gt, 3)`: a condition on an expression. */
export class Where extends SqlExpression {
  readonly kind = 'where' as const;
  constructor(readonly attribute: SqlExpression, readonly logic: unknown) {
    super();
  }
}

/** `cast(col('age'), 'text')` → `CAST("age" AS TEXT)`. */
export class Cast extends SqlExpression {
  readonly kind = 'cast' as const;
  constructor(readonly val: unknown, readonly type: string) {
    super();
  }
}

/** `json('meta.a.b')` → the text at that path; `json('meta.a', 'x')` → a condition on it. */
export class Json extends SqlExpression {
  readonly kind = 'json' as const;
  constructor(readonly path: string, readonly value?: unknown) {
    super();
  }
}

/** Whether `v` is a helper object made by this module (by the private symbol, never by shape). */
export function isExpression(v: unknown): v is SqlExpression {
  return typeof v === 'object' && v !== null && (v as Record<symbol, unknown>)[EXPRESSION] === true;
}

/** A function name PostgreSQL knows without quoting: `count`, `date_trunc`, `pg_catalog.lower`. */
export const FN_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;

/**
 * The types a cast may name (`cast(x, 'integer')`, `'meta.n::integer'`): a closed list, so
 * a cast written from request data cannot carry SQL. `[]` may follow any of them.
 */
const CAST_TYPES: ReadonlySet<string> = new Set([
  'text', 'varchar', 'char', 'citext', 'integer', 'int', 'int2', 'int4', 'int8', 'smallint', 'bigint', 'numeric', 'decimal',
  'real', 'float', 'float4', 'float8', 'double precision', 'boolean', 'bool', 'date', 'time', 'timestamp', 'timestamptz',
  'timestamp with time zone', 'timestamp without time zone', 'interval', 'uuid', 'json', 'jsonb', 'bytea',
  'int4range', 'int8range', 'numrange', 'tsrange', 'tstzrange', 'daterange', 'tsvector', 'tsquery', 'inet', 'cidr',
]);

/** The cast type as SQL (upper case), or a UsageError naming the allowed ones. */
export function checkCastType(type: unknown, what: string): string {
  if (typeof type === 'string') {
    const t = type.trim().toLowerCase().replace(/\s+/g, ' ');
    const base = t.endsWith('[]') ? t.slice(0, -2) : t;
    if (CAST_TYPES.has(base)) return t.toUpperCase();
  }
  throw new UsageError(`${what}: cannot cast to ${JSON.stringify(type)}; the allowed types are ${[...CAST_TYPES].join(', ')} (each also as an array, e.g. 'integer[]')`);
}

/**
 * `fn('COUNT', col('id'))` → `COUNT("id")`. The name must look like an identifier
 * (`count`, `date_trunc`, `pg_catalog.lower`); arguments are bound as parameters unless they
 * are `col`, `literal`, `fn`, `cast` or `json` helpers.
 *
 * @example
 * await User.findAll({ attributes: ['kind', [fn('COUNT', col('id')), 'n']], group: ['kind'] });
 * // SELECT "kind", COUNT("id") AS "n" FROM "Users" GROUP BY "kind"
 */
export function fn(name: string, ...args: unknown[]): Fn {
  if (typeof name !== 'string' || !FN_NAME.test(name)) throw new UsageError(`fn(${JSON.stringify(name)}): a function name is letters, digits and underscores (optionally schema.name)`);
  return new Fn(name, args);
}

/**
 * `col('age')` → `"age"`: the attribute is checked against the model when the query is
 * compiled (UnknownAttributeError otherwise). `'alias.attribute'` names an include's attribute.
 */
export function col(name: string): Col {
  if (typeof name !== 'string' || name.length === 0) throw new UsageError(`col(): give an attribute name, got ${String(name)}`);
  return new Col(name);
}

/**
 * `literal('…')`: **raw SQL**, inserted into the statement exactly as written. Never pass it
 * anything that came from a user; bind values instead (`where`, `fn` arguments).
 */
export function literal(sql: string): Literal {
  if (typeof sql !== 'string') throw new UsageError(`literal() takes a string of SQL, got ${typeof sql}`);
  return new Literal(sql);
}

/**
 * A condition on an expression: `where(lhs, value)`, `where(lhs, { [Op.gt]: 3 })` or
 * `where(lhs, Op.gt, 3)`. Use it in a where (`{ [Op.and]: [where(…)] }` or as the where
 * itself) or in `having`.
 */
export function where(attribute: SqlExpression, comparatorOrLogic: unknown, logic?: unknown): Where {
  if (!isExpression(attribute)) throw new UsageError('where(lhs, …): the left side must be fn(), col(), cast(), json() or literal()');
  if (arguments.length >= 3) {
    if (typeof comparatorOrLogic !== 'symbol') throw new UsageError('where(lhs, op, value): op must be an Op symbol such as Op.gt');
    return new Where(attribute, { [comparatorOrLogic]: logic });
  }
  return new Where(attribute, comparatorOrLogic);
}

/** `cast(col('age'), 'text')` → `CAST("age" AS TEXT)`; the type comes from a closed list (CAST_TYPES). */
export function cast(value: unknown, type: string): Cast {
  return new Cast(value, checkCastType(type, 'cast()'));
}

/** `json('meta.address.city')`: the text at that path of a JSON/JSONB attribute; `json(path, value)`: a condition. */
export function json(path: string, value?: unknown): Json {
  if (typeof path !== 'string' || path.length === 0) throw new UsageError('json(path): give a path such as \'meta.a.b\'');
  return arguments.length >= 2 ? new Json(path, value) : new Json(path);
}
