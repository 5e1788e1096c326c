import { UsageError } from '../errors';
import type { ModelDefinition } from '../metadata/definition';
import { andGroup, between, compare, isBoolean, isNull, not, orGroup } from '../sql/conditions';
import type { Comparison } from '../sql/conditions';
import { Cast, Col, FN_NAME, Fn, Json, Literal, Where, checkCastType, isExpression } from './expressions';
import type { SqlExpression } from './expressions';
import { Op } from './operators';
import { isPlainObject, kind, unknownAttribute } from './where';
import { jsonConditions, jsonTarget, jsonText, castText } from './json-path';
import { timestampText } from '../types/date-text';

/**
 * Turns the SQL helpers (`fn`, `col`, `literal`, `cast`, `json`, `where`) into SQL, and
 * compiles conditions whose left side is an expression rather than a typed attribute (a
 * JSON path, `where(fn(…), …)`, `'age::text'`). Values are bound as parameters; the only
 * text that is not a quoted, checked identifier or a placeholder is a `literal`'s.
 */

/** Where a compiled expression is used: the model (perhaps seen through an alias) and the shared values. */
export interface SqlScope {
  readonly def: ModelDefinition;
  readonly what: string;
  readonly values: unknown[];
  /** `col('posts.title')` in a find with includes: the quoted column of an include's attribute. */
  readonly columnOf?: (alias: string, attribute: string) => string | undefined;
  /** Aliases selected by `attributes` (`[fn('COUNT', …), 'n']`): usable by name in `having` and `col()`. */
  readonly selected?: ReadonlyMap<string, string>;
  /** `'$alias.attribute$'` keys anywhere in a where (a find with includes). */
  readonly nested?: (key: string, value: unknown) => string;
}

/** Op symbol → its name. */
export const OP_NAMES: ReadonlyMap<symbol, keyof typeof Op> = new Map(Object.entries(Op).map(([name, sym]) => [sym, name as keyof typeof Op]));

/** The binary operators, by Op name: the SQL between the two sides. */
export const BINARY: Readonly<Record<string, Comparison>> = {
  eq: '=', ne: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=',
  like: 'LIKE', notLike: 'NOT LIKE', iLike: 'ILIKE', notILike: 'NOT ILIKE',
  regexp: '~', iRegexp: '~*', notRegexp: '!~', notIRegexp: '!~*',
  contains: '@>', contained: '<@', overlap: '&&', match: '@@',
  adjacent: '-|-', strictLeft: '<<', strictRight: '>>', noExtendLeft: '&>', noExtendRight: '&<',
};

/** `startsWith`/`endsWith`/`substring`: the pattern, with `%`, `_` and `\` in the value matched literally. */
export function likePattern(op: 'startsWith' | 'endsWith' | 'substring', value: string): string {
  const escaped = value.replace(/[\\%_]/g, '\\$&');
  return op === 'startsWith' ? `${escaped}%` : op === 'endsWith' ? `%${escaped}` : `%${escaped}%`;
}

/** The SQL of a helper object. */
export function compileExpression(s: SqlScope, e: SqlExpression): string {
  if (e instanceof Col) return columnSql(s, e.col);
  if (e instanceof Literal) return e.val;
  if (e instanceof Fn) {
    // Checked again here: `new Fn(…)` does not pass through fn().
    if (!FN_NAME.test(e.fn)) throw new UsageError(`${s.what}: fn(${JSON.stringify(e.fn)}): a function name is letters, digits and underscores`);
    return `${e.fn}(${e.args.map((a) => argument(s, a)).join(', ')})`;
  }
  if (e instanceof Cast) return `CAST(${argument(s, e.val)} AS ${checkCastType(e.type, `${s.what}: cast()`)})`;
  if (e instanceof Json) {
    const { base, path, cast } = jsonTarget(s, e.path);
    if (e.value !== undefined) return jsonConditions(s, base, path, cast, e.value);
    return castText(jsonText(s, base, path), cast);
  }
  if (e instanceof Where) return lhsCondition(s, operand(s, e.attribute), e.logic, 'where()');
  throw new UsageError(`${s.what}: unknown SQL helper`);
}

/** An expression as one operand: a literal is parenthesised (it may be `a + 1`). */
export function operand(s: SqlScope, e: SqlExpression): string {
  return e instanceof Literal ? `(${e.val})` : compileExpression(s, e);
}

/** An argument of `fn`/`cast`: an expression, or a value bound as a parameter typed by its JS type. */
function argument(s: SqlScope, v: unknown): string {
  if (isExpression(v)) return operand(s, v);
  return bindLoose(s, v);
}

/**
 * Binds a value whose SQL type no attribute gives: the placeholder carries the type of the
 * JS value, so PostgreSQL can pick a function overload (`coalesce("age", $1::integer)`).
 */
function bindLoose(s: SqlScope, v: unknown): string {
  if (v === null) return 'NULL';
  let type: string;
  if (typeof v === 'string') type = 'text';
  else if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new UsageError(`${s.what}: ${v} cannot be bound as a SQL value`);
    type = Number.isInteger(v) ? (Math.abs(v) <= 2147483647 ? 'integer' : 'bigint') : 'double precision';
  } else if (typeof v === 'boolean') type = 'boolean';
  else if (typeof v === 'bigint') {
    v = String(v);
    type = 'numeric';
  } else if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) throw new UsageError(`${s.what}: an invalid Date cannot be bound`);
    v = timestampText(v);
    type = 'timestamptz';
  } else if (Buffer.isBuffer(v)) type = 'bytea';
  else throw new UsageError(`${s.what}: ${kind(v)} cannot be an argument of fn()/cast(); pass a string, number, boolean, Date, Buffer or another helper`);
  s.values.push(v);
  return `$${s.values.length}::${type}`;
}

/** A comparison value bound untyped (`$n`): PostgreSQL takes the type of the other side. */
function bindPlain(s: SqlScope, v: unknown, label: string): string {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) throw new UsageError(`${s.what}: ${label} is an invalid Date`);
    v = timestampText(v);
  } else if (typeof v === 'bigint') v = String(v);
  else if (typeof v === 'number' && !Number.isFinite(v)) throw new UsageError(`${s.what}: ${label} is ${v}`);
  else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) throw new UsageError(`${s.what}: ${label} is given ${kind(v)}; compare with a string, number, boolean or Date (operators are Op symbols)`);
  s.values.push(v);
  return `$${s.values.length}`;
}

/** `col(name)`: an attribute (by name or column), `'alias.attribute'`, a selected alias, or `*`. */
export function columnSql(s: SqlScope, name: string): string {
  if (name === '*') return '*';
  const a = s.def.byName[name] ?? s.def.byColumn[name];
  if (a !== undefined) return a.quotedColumn;
  // A selected alias stands for its expression: HAVING (the only clause given aliases) cannot name an output column.
  const selected = s.selected?.get(name);
  if (selected !== undefined) return selected;
  const dot = name.lastIndexOf('.');
  if (dot > 0) {
    const alias = name.slice(0, dot);
    const attr = name.slice(dot + 1);
    if (alias === s.def.modelName || alias === s.def.tableName) {
      const own = s.def.byName[attr] ?? s.def.byColumn[attr];
      if (own !== undefined) return own.quotedColumn;
    }
    const other = s.columnOf?.(alias, attr);
    if (other !== undefined) return other;
  }
  throw unknownAttribute(s, name, 'col()');
}

/** `'name::type'` → [name, TYPE]; the type from the closed list. */
export function splitCast(s: SqlScope, key: string): [string, string | undefined] {
  const i = key.indexOf('::');
  if (i < 0) return [key, undefined];
  return [key.slice(0, i), checkCastType(key.slice(i + 2), `${s.what}: ${JSON.stringify(key)}`)];
}

/**
 * A condition on an untyped left side (SQL already built): a value (equality), null (IS
 * NULL), an expression, or an object of Op symbols. Values are bound as parameters.
 */
export function lhsCondition(s: SqlScope, lhs: string, cond: unknown, label: string): string {
  if (cond === undefined) throw new UsageError(`${s.what}: ${label} is undefined; a where never ignores a condition`);
  if (cond === null) return isNull(lhs, false);
  if (isExpression(cond)) return compare(lhs, '=', operand(s, cond));
  if (isPlainObject(cond)) {
    const o = cond as Record<string | symbol, unknown>;
    const keys = Object.keys(o);
    if (keys.length > 0) throw new UsageError(`${s.what}: ${label} has the string key ${JSON.stringify(keys[0])}; operators are only Op symbols (e.g. { [Op.gt]: 1 })`);
    const syms = Object.getOwnPropertySymbols(o);
    if (syms.length === 0) throw new UsageError(`${s.what}: ${label} is given {}, which is no condition`);
    return andGroup(syms.map((sym) => lhsOperator(s, lhs, sym, o[sym], label)));
  }
  return compare(lhs, '=', bindPlain(s, cond, label));
}

function lhsOperator(s: SqlScope, lhs: string, sym: symbol, v: unknown, label: string): string {
  const op = OP_NAMES.get(sym);
  if (op === undefined) throw new UsageError(`${s.what}: ${String(sym)} in ${label} is not an operator`);
  const at = `Op.${op} in ${label}`;
  if (v === undefined) throw new UsageError(`${s.what}: ${at} is undefined; a where never ignores a condition`);
  switch (op) {
    case 'eq':
    case 'ne':
      if (v === null) return isNull(lhs, op === 'ne');
      return compare(lhs, BINARY[op], rhs(s, v, at));
    case 'is':
    case 'not':
      if (v === null) return isNull(lhs, op === 'not');
      if (typeof v === 'boolean') return isBoolean(lhs, v, op === 'not');
      if (op === 'not' && isPlainObject(v)) return not(lhsCondition(s, lhs, v, label));
      if (op === 'not') return compare(lhs, 'IS DISTINCT FROM', rhs(s, v, at));
      throw new UsageError(`${s.what}: ${at} takes null, true or false, got ${kind(v)}`);
    case 'in':
    case 'notIn': {
      if (isExpression(v)) return `${lhs} ${op === 'in' ? 'IN' : 'NOT IN'} ${v instanceof Literal ? v.val : `(${compileExpression(s, v)})`}`;
      if (!Array.isArray(v)) throw new UsageError(`${s.what}: ${at} takes an array, got ${kind(v)}`);
      if (v.length === 0) return op === 'in' ? 'FALSE' : 'TRUE';
      return `${lhs} ${op === 'in' ? 'IN' : 'NOT IN'} (${v.map((x, i) => nonNull(s, x, `${at}[${i}]`)).join(', ')})`;
    }
    case 'between':
    case 'notBetween':
      if (!Array.isArray(v) || v.length !== 2) throw new UsageError(`${s.what}: ${at} takes [low, high], got ${kind(v)}`);
      return between(lhs, nonNull(s, v[0], at), nonNull(s, v[1], at), op === 'notBetween');
    case 'startsWith':
    case 'endsWith':
    case 'substring':
      if (typeof v !== 'string') throw new UsageError(`${s.what}: ${at} takes a string, got ${kind(v)}`);
      s.values.push(likePattern(op, v));
      return compare(lhs, 'LIKE', `$${s.values.length}`);
    case 'any':
    case 'all':
      return quantified(s, lhs, '=', op, v, at);
    case 'col':
      if (typeof v !== 'string') throw new UsageError(`${s.what}: ${at} takes an attribute name, got ${kind(v)}`);
      return compare(lhs, '=', columnSql(s, v));
    case 'and':
    case 'or': {
      const branches = Array.isArray(v) ? v : [v];
      if (branches.length === 0) throw new UsageError(`${s.what}: ${at} has no conditions`);
      const parts = branches.map((b) => lhsCondition(s, lhs, b, label));
      return op === 'and' ? andGroup(parts) : orGroup(parts);
    }
    default: {
      const sql = BINARY[op];
      if (v === null) throw new UsageError(`${s.what}: ${at} is null, which matches nothing; use Op.is or Op.not for NULL`);
      if (isPlainObject(v)) {
        const syms = Object.getOwnPropertySymbols(v);
        if (syms.length === 1 && (syms[0] === Op.any || syms[0] === Op.all)) return quantified(s, lhs, sql, syms[0] === Op.any ? 'any' : 'all', (v as Record<symbol, unknown>)[syms[0]], at);
      }
      return compare(lhs, sql, rhs(s, v, at));
    }
  }
}

/** `lhs > ANY($1)` over a list of values (one parameter), or over an expression. */
function quantified(s: SqlScope, lhs: string, sql: Comparison, q: 'any' | 'all', v: unknown, at: string): string {
  const word = q === 'any' ? 'ANY' : 'ALL';
  if (isExpression(v)) return `${lhs} ${sql} ${word}(${compileExpression(s, v)})`;
  if (!Array.isArray(v)) throw new UsageError(`${s.what}: ${at} takes an array, got ${kind(v)}`);
  // One array parameter; PostgreSQL gives it the array type of the left side.
  const list = v.map((x, i) => {
    if (x === null || x === undefined) throw new UsageError(`${s.what}: ${at} has ${String(x)} at index ${i}, which never matches`);
    if (x instanceof Date) return timestampText(x);
    if (typeof x === 'bigint') return String(x);
    if (typeof x === 'object' && !Buffer.isBuffer(x)) throw new UsageError(`${s.what}: ${at} has ${kind(x)} at index ${i}`);
    return x;
  });
  s.values.push(list);
  return `${lhs} ${sql} ${word}($${s.values.length})`;
}

function nonNull(s: SqlScope, v: unknown, at: string): string {
  if (v === null || v === undefined) throw new UsageError(`${s.what}: ${at} has ${String(v)}, which never matches`);
  return rhs(s, v, at);
}

function rhs(s: SqlScope, v: unknown, at: string): string {
  return isExpression(v) ? operand(s, v) : bindPlain(s, v, at);
}

