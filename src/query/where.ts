import { UnknownAttributeError, UsageError } from '../errors';
import type { AttributeDefinition, ModelDefinition } from '../metadata/definition';
import { ArrayType, BooleanType, HstoreType, JsonType, StringType, TextType, TypeCheck } from '../types';
import { checkText as checkTextValue } from '../types/data-type';
import { anyOf, andGroup, between, compare, conjunction, inList, isBoolean, isNull, not, orGroup } from '../sql/conditions';
import type { Comparison } from '../sql/conditions';
import { validationError } from '../persistence/params';
import { bindArray, bindValue, columnExpression } from './bind';
import { Op } from './operators';
import { isExpression } from './expressions';
import { BINARY, OP_NAMES, compileExpression, lhsCondition, likePattern, operand, splitCast, columnSql } from './expression-sql';
import { jsonConditions, jsonTarget } from './json-path';
import type { SqlScope } from './expression-sql';


const COMPARISONS: Readonly<Record<string, Comparison>> = { gt: '>', gte: '>=', lt: '<', lte: '<=' };
const LIKES: Readonly<Record<string, Comparison>> = { like: 'LIKE', notLike: 'NOT LIKE', iLike: 'ILIKE', notILike: 'NOT ILIKE' };

/** The model, the values bound so far, and (for finds with includes or selected aliases) how to resolve other names. */
type Ctx = SqlScope;

/** What a caller may add to a where's scope: include aliases for `col()` and `'$alias.attribute$'` keys, selected aliases. */
export type WhereScope = Pick<SqlScope, 'columnOf' | 'selected' | 'nested'>;

/**
 * Compiles a `where` object into a condition with `$n` placeholders, pushing every value
 * onto `values` (numbering continues after what is already there). Returns '' for no
 * condition (`undefined` or `{}`).
 *
 * - `{ name: 'Ada' }` → `"name" = $1`; `{ name: null }` → `"name" IS NULL`
 * - `{ age: { [Op.gte]: 18, [Op.lt]: 65 } }` → `"age" >= $1 AND "age" < $2`
 * - `{ id: { [Op.in]: [1, 2] } }` → `"id" = ANY($1::INTEGER[])` (one parameter for any length)
 * - `{ [Op.or]: [{ a: 1 }, { b: 2 }] }` → `("a" = $1 OR "b" = $2)`
 *
 * Refused, before any SQL is sent: attributes the model does not have
 * (UnknownAttributeError), `undefined` anywhere, operator keys that are strings (`"$gt"`
 * from JSON), arrays without `Op.in`, plain objects as values of non-JSON attributes,
 * empty nested conditions, and values the attribute's type rejects (ValidationError).
 */
export function compileWhere(def: ModelDefinition, where: unknown, values: unknown[], what: string, scope?: WhereScope): string {
  if (where === undefined) return '';
  const ctx: Ctx = scope === undefined ? { def, what, values } : { def, what, values, ...scope };
  if (!isPlainObject(where)) {
    // A helper (where(…), literal(…), json(…)) is not a plain object: checked only off the common path.
    if (isExpression(where)) return compileExpression(ctx, where);
    throw new UsageError(`${what}: where must be an object of attribute conditions, got ${kind(where)}`);
  }
  const parts = conditionsOf(ctx, where, true);
  return conjunction(parts);
}

/** The conditions of one where object (AND-ed); `top` allows `{}`. */
function conditionsOf(ctx: Ctx, where: object, top: boolean): string[] {
  const parts: string[] = [];
  const w = where as Record<string | symbol, unknown>;
  for (const key of Object.keys(w)) {
    const a = ctx.def.byName[key];
    if (a === undefined) parts.push(keyCondition(ctx, key, w[key]));
    else parts.push(attributeCondition(ctx, a, w[key]));
  }
  for (const sym of Object.getOwnPropertySymbols(w)) {
    const name = OP_NAMES.get(sym);
    const value = w[sym];
    if (name === 'and' || name === 'or') parts.push(logical(ctx, name, value, (branch) => whereBranch(ctx, branch, name)));
    else if (name === 'not') parts.push(not(andGroup(whereBranch(ctx, value, 'not'))));
    else throw new UsageError(`${ctx.what}: ${name ? `Op.${name}` : String(sym)} cannot stand at the top of a where; use it on an attribute: { attribute: { [Op.${name ?? 'eq'}]: value } }`);
  }
  if (parts.length === 0 && !top) throw new UsageError(`${ctx.what}: an empty condition ({}) inside Op.and, Op.or or Op.not would match every row; remove it`);
  return parts;
}

/** One branch of a top-level Op.and / Op.or / Op.not: a where object. */
function whereBranch(ctx: Ctx, branch: unknown, op: string): string[] {
  if (branch === undefined) throw new UsageError(`${ctx.what}: undefined inside Op.${op}`);
  if (isExpression(branch)) return [compileExpression(ctx, branch)];
  if (!isPlainObject(branch)) throw new UsageError(`${ctx.what}: Op.${op} takes where objects, got ${kind(branch)}`);
  return conditionsOf(ctx, branch, false);
}

/** Op.and / Op.or over an array of branches, or an object whose entries are the branches. */
function logical(ctx: Ctx, op: 'and' | 'or', value: unknown, compile: (branch: unknown) => string[]): string {
  let branches: unknown[];
  if (Array.isArray(value)) branches = value;
  else if (isPlainObject(value)) {
    // { [Op.or]: { a: 1, b: 2 } }: each entry is one branch.
    const v = value as Record<string | symbol, unknown>;
    branches = [...Object.keys(v), ...Object.getOwnPropertySymbols(v)].map((k) => ({ [k]: v[k] }));
  } else throw new UsageError(`${ctx.what}: Op.${op} takes an array of conditions, got ${kind(value)}`);
  if (branches.length === 0) throw new UsageError(`${ctx.what}: Op.${op} with no conditions is ambiguous; give at least one`);
  const parts = branches.map((b) => andGroup(compile(b)));
  return op === 'and' ? andGroup(parts) : orGroup(parts);
}

/** The condition for one attribute: a value (equality), null, or an operator object. */
function attributeCondition(ctx: Ctx, a: AttributeDefinition, value: unknown): string {
  if (isPlainObject(value)) {
    // JSON: string keys are a path (Sequelize's semantics); Op symbols apply to the whole value.
    if (a.type instanceof JsonType) return jsonAttributeCondition(ctx, a, value as Record<string | symbol, unknown>);
    if (Object.getOwnPropertySymbols(value).length > 0) return operatorConditions(ctx, a, value as Record<string | symbol, unknown>);
  }
  return equality(ctx, a, value, false);
}

/** `{ meta: { a: { b: 1 }, [Op.ne]: null } }`: path conditions and whole-value operators, AND-ed. */
function jsonAttributeCondition(ctx: Ctx, a: AttributeDefinition, value: Record<string | symbol, unknown>): string {
  const keys = Object.keys(value);
  const syms = Object.getOwnPropertySymbols(value);
  if (keys.length === 0 && syms.length === 0) throw new UsageError(`${ctx.what}: ${ctx.def.modelName}.${a.name} is given {}; a nested object is a JSON path match, so {} matches nothing specific. For whole-value equality write { ${a.name}: { [Op.eq]: {} } }`);
  const parts: string[] = [];
  if (syms.length > 0) {
    const ops: Record<symbol, unknown> = {};
    for (const sym of syms) ops[sym] = value[sym];
    parts.push(operatorConditions(ctx, a, ops));
  }
  for (const k of keys) {
    const [seg, cast] = splitCast(ctx, k);
    parts.push(jsonConditions(ctx, a.quotedColumn, [seg], cast, value[k]));
  }
  return andGroup(parts);
}

/**
 * A key that is not an attribute name: `'$alias.attribute$'` (a find with includes),
 * `'meta.a.b'` (a JSON path), `'meta.n::integer'` / `'age::text'` (a cast from a closed list).
 */
function keyCondition(ctx: Ctx, key: string, value: unknown): string {
  if (key.length > 2 && key.startsWith('$') && key.endsWith('$') && ctx.nested !== undefined) return ctx.nested(key, value);
  const selected = ctx.selected?.get(key);
  if (selected !== undefined) return lhsCondition(ctx, selected, value, key);
  if (key.includes('.')) {
    const root = ctx.def.byName[key.slice(0, key.indexOf('.'))];
    if (root !== undefined && root.type instanceof JsonType) {
      const { base, path, cast } = jsonTarget(ctx, key);
      return jsonConditions(ctx, base, path, cast, value);
    }
  } else if (key.includes('::')) {
    const [name, cast] = splitCast(ctx, key);
    const a = ctx.def.byName[name];
    if (a !== undefined) return lhsCondition(ctx, `CAST(${a.quotedColumn} AS ${cast})`, value, `${ctx.def.modelName}.${key}`);
  }
  throw unknownAttribute(ctx, key, 'where');
}

/** `= value`, `IS NULL`, or (negated) `<> value`, `IS NOT NULL`. */
function equality(ctx: Ctx, a: AttributeDefinition, value: unknown, negate: boolean): string {
  if (typeof value === 'object' && value !== null && isExpression(value)) return compare(columnExpression(a), negate ? '<>' : '=', operand(ctx, value));
  checkScalar(ctx, a, value);
  if (value === null) return isNull(a.quotedColumn, negate);
  return compare(columnExpression(a), negate ? '<>' : '=', bindValue(ctx.def, a, value, ctx.values));
}

/** `{ [Op.gt]: 1, [Op.lt]: 9 }` on one attribute: AND-ed. */
function operatorConditions(ctx: Ctx, a: AttributeDefinition, ops: Record<string | symbol, unknown>): string {
  const strings = Object.keys(ops);
  if (strings.length > 0) throw stringOperator(ctx, a, strings[0]);
  const parts: string[] = [];
  for (const sym of Object.getOwnPropertySymbols(ops)) {
    const name = OP_NAMES.get(sym);
    if (name === undefined) throw new UsageError(`${ctx.what}: ${String(sym)} on ${ctx.def.modelName}.${a.name} is not an operator; use one of Op.${[...OP_NAMES.values()].join(', Op.')}`);
    parts.push(operator(ctx, a, name, ops[sym]));
  }
  return andGroup(parts);
}

function operator(ctx: Ctx, a: AttributeDefinition, op: keyof typeof Op, value: unknown): string {
  const where = `${ctx.def.modelName}.${a.name}`;
  if (value === undefined) throw new UsageError(`${ctx.what}: Op.${op} on ${where} is undefined; a where never ignores a condition`);
  const col = columnExpression(a);
  switch (op) {
    case 'eq':
    case 'ne':
      return equality(ctx, a, value, op === 'ne');
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      if (value === null) throw new UsageError(`${ctx.what}: Op.${op} on ${where} is null, which matches nothing; use Op.is or Op.not for NULL`);
      if (isExpression(value)) return compare(col, COMPARISONS[op], operand(ctx, value));
      if (isQuantified(value)) return quantifiedCondition(ctx, a, COMPARISONS[op], value);
      checkScalar(ctx, a, value);
      return compare(col, COMPARISONS[op], bindValue(ctx.def, a, value, ctx.values));
    case 'in':
    case 'notIn':
      return membership(ctx, a, op, value);
    case 'like':
    case 'notLike':
    case 'iLike':
    case 'notILike': {
      checkText(ctx, a, op);
      if (isExpression(value)) return compare(a.quotedColumn, LIKES[op], operand(ctx, value));
      if (isQuantified(value)) return quantifiedCondition(ctx, a, LIKES[op], value);
      ctx.values.push(checkPattern(ctx, a, value));
      return compare(a.quotedColumn, LIKES[op], `$${ctx.values.length}`);
    }
    case 'startsWith':
    case 'endsWith':
    case 'substring':
      // The value is matched literally: its % and _ are escaped.
      checkText(ctx, a, op);
      ctx.values.push(likePattern(op, checkPattern(ctx, a, value)));
      return compare(a.quotedColumn, 'LIKE', `$${ctx.values.length}`);
    case 'regexp':
    case 'iRegexp':
    case 'notRegexp':
    case 'notIRegexp':
      checkText(ctx, a, op);
      if (isExpression(value)) return compare(a.quotedColumn, BINARY[op], operand(ctx, value));
      ctx.values.push(checkPattern(ctx, a, value));
      return compare(a.quotedColumn, BINARY[op], `$${ctx.values.length}`);
    case 'contains':
    case 'contained':
    case 'overlap': {
      const t = a.type;
      const ok = t instanceof ArrayType || t instanceof HstoreType || (t instanceof JsonType && op !== 'overlap');
      if (!ok) throw new UsageError(`${ctx.what}: Op.${op} needs an ARRAY${op === 'overlap' ? '' : ', JSON/JSONB or HSTORE'} attribute; ${where} is ${t.key}`);
      if (value === null) throw new UsageError(`${ctx.what}: Op.${op} on ${where} is null, which matches nothing`);
      if (isExpression(value)) return compare(col, BINARY[op], operand(ctx, value));
      if (t instanceof ArrayType && !Array.isArray(value)) throw new UsageError(`${ctx.what}: Op.${op} on ${where} takes an array, got ${kind(value)}`);
      return compare(col, BINARY[op], bindValue(ctx.def, a, value, ctx.values));
    }
    case 'any':
    case 'all':
      return quantifiedCondition(ctx, a, '=', { [op === 'any' ? Op.any : Op.all]: value });
    case 'match':
      if (value === null) throw new UsageError(`${ctx.what}: Op.match on ${where} is null`);
      if (isExpression(value)) return compare(a.quotedColumn, '@@', operand(ctx, value));
      ctx.values.push(checkPattern(ctx, a, value));
      return compare(a.quotedColumn, '@@', `$${ctx.values.length}`);
    case 'adjacent':
    case 'strictLeft':
    case 'strictRight':
    case 'noExtendLeft':
    case 'noExtendRight':
      // Range operators: Inscribe has no RANGE data type, so they take expressions on both sides.
      if (!isExpression(value)) throw new UsageError(`${ctx.what}: Op.${op} is a range operator and ${where} is ${a.type.key}, not a range; compare expressions instead: where(cast(col('${a.name}'), 'int4range'), Op.${op}, literal(…))`);
      return compare(col, BINARY[op], operand(ctx, value));
    case 'col':
      if (typeof value !== 'string') throw new UsageError(`${ctx.what}: Op.col on ${where} takes an attribute name, got ${kind(value)}`);
      return compare(col, '=', columnSql(ctx, value));
    case 'between':
    case 'notBetween': {
      if (!Array.isArray(value) || value.length !== 2) throw new UsageError(`${ctx.what}: Op.${op} on ${where} takes [low, high], got ${kind(value)}`);
      for (const v of value) {
        if (v === null || v === undefined) throw new UsageError(`${ctx.what}: Op.${op} on ${where} has ${String(v)} as a bound`);
        checkScalar(ctx, a, v);
      }
      const low = bindValue(ctx.def, a, value[0], ctx.values);
      return between(col, low, bindValue(ctx.def, a, value[1], ctx.values), op === 'notBetween');
    }
    case 'is':
      if (value === null) return isNull(a.quotedColumn, false);
      if (typeof value === 'boolean' && a.type instanceof BooleanType) return isBoolean(a.quotedColumn, value, false);
      throw new UsageError(`${ctx.what}: Op.is on ${where} takes null${a.type instanceof BooleanType ? ', true or false' : ''}, got ${kind(value)}`);
    case 'not':
      if (value === null) return isNull(a.quotedColumn, true);
      if (typeof value === 'boolean' && a.type instanceof BooleanType) return isBoolean(a.quotedColumn, value, true);
      if (isPlainObject(value) && Object.getOwnPropertySymbols(value).length > 0) return not(operatorConditions(ctx, a, value as Record<string | symbol, unknown>));
      if (isExpression(value)) return compare(col, 'IS DISTINCT FROM', operand(ctx, value));
      // A value: the NULL-safe "is not" (rows holding NULL are included).
      checkScalar(ctx, a, value);
      return compare(col, 'IS DISTINCT FROM', bindValue(ctx.def, a, value, ctx.values));
    case 'and':
    case 'or':
      // { age: { [Op.or]: [{ [Op.lt]: 5 }, { [Op.gt]: 10 }] } } or { age: { [Op.or]: [1, 2] } }
      return logical(ctx, op, value, (branch) => {
        if (branch === undefined) throw new UsageError(`${ctx.what}: undefined inside Op.${op} on ${where}`);
        return [attributeCondition(ctx, a, branch)];
      });
  }
}

function membership(ctx: Ctx, a: AttributeDefinition, op: 'in' | 'notIn', value: unknown): string {
  const where = `${ctx.def.modelName}.${a.name}`;
  // `{ id: { [Op.in]: literal('(SELECT …)') } }`, as in Sequelize.
  if (isExpression(value)) return lhsCondition(ctx, a.quotedColumn, { [op === 'in' ? Op.in : Op.notIn]: value }, where);
  if (!Array.isArray(value)) throw new UsageError(`${ctx.what}: Op.${op} on ${where} takes an array, got ${kind(value)}`);
  for (let i = 0; i < value.length; i++) {
    const v = value[i];
    if (v === undefined) throw new UsageError(`${ctx.what}: Op.${op} on ${where} has undefined at index ${i}`);
    // NULL never equals anything, so `NOT IN (…, NULL)` would silently match no row at all.
    if (v === null) throw new UsageError(`${ctx.what}: Op.${op} on ${where} has null at index ${i}, which never matches; combine with Op.or and { ${a.name}: null }`);
    checkScalar(ctx, a, v);
  }
  const negate = op === 'notIn';
  if (a.type instanceof ArrayType) {
    // A list of arrays: one parameter each (an array parameter of arrays would be 2-D).
    return inList(a.quotedColumn, value.map((v) => bindValue(ctx.def, a, v, ctx.values)), negate);
  }
  return anyOf(columnExpression(a), bindArray(ctx.def, a, value, ctx.values), negate);
}

/**
 * A value where a scalar is expected. Arrays are values only of ARRAY and JSON attributes;
 * plain objects only of JSON and HSTORE ones: anything else is a mistake, never an operator.
 */
function checkScalar(ctx: Ctx, a: AttributeDefinition, value: unknown): void {
  const where = `${ctx.def.modelName}.${a.name}`;
  if (value === undefined) throw new UsageError(`${ctx.what}: ${where} is undefined in where; a where never ignores a condition (use null for IS NULL)`);
  if (Array.isArray(value)) {
    if (a.type instanceof ArrayType || a.type instanceof JsonType) return;
    throw new UsageError(`${ctx.what}: ${where} is given an array; use { ${a.name}: { [Op.in]: [...] } } to match any of several values`);
  }
  if (isPlainObject(value)) {
    if (a.type instanceof JsonType || a.type instanceof HstoreType) return;
    const strings = Object.keys(value as object);
    const ops = strings.filter((k) => Object.hasOwn(Op, k.replace(/^\$/, '')));
    if (ops.length > 0) throw stringOperator(ctx, a, ops[0]);
    throw new UsageError(`${ctx.what}: ${where} is given a plain object, which is not a ${a.type.key} value; operators are Op symbols such as { [Op.gt]: 1 }`);
  }
}

/** `{ [Op.any]: [...] }` / `{ [Op.all]: [...] }` as the operand of another operator. */
function isQuantified(v: unknown): v is object {
  if (!isPlainObject(v)) return false;
  const syms = Object.getOwnPropertySymbols(v);
  return syms.length === 1 && Object.keys(v).length === 0 && (syms[0] === Op.any || syms[0] === Op.all);
}

/** `"age" > ANY($1::INTEGER[])`: one array parameter of the attribute's type. */
function quantifiedCondition(ctx: Ctx, a: AttributeDefinition, sql: Comparison, q: object): string {
  const where = `${ctx.def.modelName}.${a.name}`;
  const sym = Object.getOwnPropertySymbols(q)[0];
  const word = sym === Op.any ? 'ANY' : 'ALL';
  const list = (q as Record<symbol, unknown>)[sym];
  if (isExpression(list)) return `${columnExpression(a)} ${sql} ${word}(${compileExpression(ctx, list)})`;
  if (!Array.isArray(list)) throw new UsageError(`${ctx.what}: Op.${word.toLowerCase()} on ${where} takes an array, got ${kind(list)}`);
  if (a.type instanceof ArrayType) throw new UsageError(`${ctx.what}: Op.${word.toLowerCase()} on the ARRAY attribute ${where}: use Op.contains or Op.overlap`);
  for (let i = 0; i < list.length; i++) {
    if (list[i] === null || list[i] === undefined) throw new UsageError(`${ctx.what}: Op.${word.toLowerCase()} on ${where} has ${String(list[i])} at index ${i}, which never matches`);
    if (sql === 'LIKE' || sql === 'NOT LIKE' || sql === 'ILIKE' || sql === 'NOT ILIKE') checkPattern(ctx, a, list[i]);
    else checkScalar(ctx, a, list[i]);
  }
  const placeholder = sql.includes('LIKE') ? (ctx.values.push(list), `$${ctx.values.length}::text[]`) : bindArray(ctx.def, a, list, ctx.values);
  return `${columnExpression(a)} ${sql} ${word}(${placeholder})`;
}

function checkText(ctx: Ctx, a: AttributeDefinition, op: string): void {
  if (!(a.type instanceof StringType || a.type instanceof TextType)) throw new UsageError(`${ctx.what}: Op.${op} needs a text attribute; ${ctx.def.modelName}.${a.name} is ${a.type.key}`);
}

function checkPattern(ctx: Ctx, a: AttributeDefinition, value: unknown): string {
  try {
    return checkTextValue(value, 'a string pattern');
  } catch (err) {
    if (!(err instanceof TypeCheck)) throw err;
    throw validationError([{ model: ctx.def.modelName, attribute: a.name, message: `${ctx.def.modelName}.${a.name} ${err.message}`, value }]);
  }
}

function stringOperator(ctx: Ctx, a: AttributeDefinition, key: string): UsageError {
  return new UsageError(`${ctx.what}: ${ctx.def.modelName}.${a.name} has the string key ${JSON.stringify(key)}; operators are only Op symbols (e.g. { [Op.gt]: 1 }), so keys that arrive as strings from JSON are refused`);
}

export function unknownAttribute(ctx: { def: ModelDefinition; what: string }, key: string, where: string): UnknownAttributeError {
  const def = ctx.def;
  return new UnknownAttributeError(`${ctx.what}: ${def.modelName} has no attribute ${JSON.stringify(key)} (in ${where}). Its attributes are: ${def.attributes.map((x) => x.name).join(', ')}`,
    [{ model: def.modelName, attribute: key, message: `unknown attribute ${JSON.stringify(key)}` }]);
}

/** An object literal or `Object.create(null)`; not a Date, Buffer, array or class instance. */
export function isPlainObject(v: unknown): v is object {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** A short description of what was given, for messages. */
export function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  if (typeof v === 'object') return isPlainObject(v) ? 'an object' : `a ${(v as object).constructor?.name ?? 'object'}`;
  return `${typeof v} ${String(v)}`;
}
