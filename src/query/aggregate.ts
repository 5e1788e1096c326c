import { UsageError } from '../errors';
import type { AttributeDefinition, ModelDefinition } from '../metadata/definition';
import { SnapshotKind } from '../metadata/definition';
import type { ModelBinding } from '../instance/binding';
import type { Executor } from '../driver/executor';
import { FloatType, IntegerType } from '../types';
import { quoteIdent } from '../sql/quote';
import { countText } from '../sql/select';
import { cacheText } from '../persistence/plan';
import { checkOptions } from './check-options';
import { compileLevel } from './include-level';
import { includeTree } from './include-tree';
import { topConditions } from './include-where';
import { qualified } from './qualified';
import { resolveSelection } from './selection';
import { compileWhere, kind, unknownAttribute } from './where';
import type { CountOptions } from './options';

/**
 * `count`, `max`, `min`, `sum` and `aggregate`, as Sequelize has them. Every name is an
 * attribute of the model (quoted from its definition); the function name of `aggregate` must
 * look like an identifier; every value is bound.
 */

const COUNT_OPTIONS = ['where', 'distinct', 'col', 'group', 'include', 'attributes'] as const;
const AGGREGATE_OPTIONS = ['where', 'distinct', 'plain'] as const;
const FN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** One row per group of `count({ group })`: the group's attribute values and `count`. */
export type CountGroup = Record<string, unknown> & { count: number };

/**
 * `count({ where, distinct, col, group, include })`: a number, or with `group` one
 * `{ …groupValues, count }` per group (Sequelize's shape). With `include`, each top-level row
 * that the includes' conditions keep is counted once (a joined to-many include never
 * multiplies the count).
 */
export async function count(b: ModelBinding, ex: Executor, options?: CountOptions): Promise<number | CountGroup[]> {
  const def = b.definition;
  const what = `${def.modelName}.count`;
  const o = checkOptions(options, COUNT_OPTIONS, what);
  if (o.include !== undefined) return countWithIncludes(b, ex, o, what);
  const values: unknown[] = [];
  const where = compileWhere(def, o.where, values, what);
  if (o.group !== undefined) return countGroups(def, ex, o, where, values, what);
  const target = countTarget(def, o, what, '');
  if (target === '*') {
    // The plain count's text is cached per model.
    const text = where !== '' ? countText(def.qualifiedTable, where) : b.sql.get('count') ?? cacheText(b, 'count', countText(def.qualifiedTable, ''));
    const result = await ex.run<unknown[]>({ text, values, prepare: true }, 'array', def);
    return Number(result.rows[0][0]);
  }
  const text = `SELECT count(${target}) FROM ${def.qualifiedTable}${where ? ` WHERE ${where}` : ''}`;
  const result = await ex.run<unknown[]>({ text, values, prepare: true }, 'array', def);
  return Number(result.rows[0][0]);
}

/** What count() counts: `*`, `"col"`, or `DISTINCT "col"` (the primary key when no col is named). */
function countTarget(def: ModelDefinition, o: CountOptions, what: string, alias: string): string {
  if (o.distinct !== undefined && typeof o.distinct !== 'boolean') throw new UsageError(`${what}: distinct must be true or false`);
  const view = alias === '' ? def : qualified(def, alias);
  let column: string | undefined;
  if (o.col !== undefined) column = attributeOf(view, o.col, what, 'col').quotedColumn;
  if (o.distinct === true) {
    if (column === undefined) {
      if (view.primaryKeys.length !== 1) throw new UsageError(`${what}: distinct without col needs a single-column primary key; name the attribute with col`);
      column = view.primaryKeys[0].quotedColumn;
    }
    return `DISTINCT ${column}`;
  }
  return column ?? '*';
}

function attributeOf(def: ModelDefinition, name: unknown, what: string, option: string): AttributeDefinition {
  if (typeof name !== 'string') throw new UsageError(`${what}: ${option} names an attribute, got ${kind(name)}`);
  const a = def.byName[name];
  if (a === undefined) throw unknownAttribute({ def, what }, name, option);
  return a;
}

/** `SELECT "kind", count(*) AS "count" … GROUP BY "kind"` → `[{ kind: 'a', count: 2 }, …]`. */
async function countGroups(def: ModelDefinition, ex: Executor, o: CountOptions, where: string, values: unknown[], what: string): Promise<CountGroup[]> {
  const names = Array.isArray(o.group) ? o.group : [o.group];
  if (names.length === 0) throw new UsageError(`${what}: group is empty`);
  const attrs = names.map((n) => attributeOf(def, n, what, 'group'));
  const list = attrs.map((a) => a.quotedColumn).join(', ');
  const text = `SELECT ${list}, count(${countTarget(def, o, what, '')}) AS "count" FROM ${def.qualifiedTable}${where ? ` WHERE ${where}` : ''} GROUP BY ${list}`;
  const result = await ex.run<unknown[]>({ text, values, prepare: true }, 'array', def);
  return result.rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < attrs.length; i++) out[attrs[i].name] = readAs(attrs[i], row[i]);
    out.count = Number(row[attrs.length]);
    return out as CountGroup;
  });
}

/** count({ include }): the find's FROM/JOIN/WHERE with `count(DISTINCT <key>)` as the select list. */
async function countWithIncludes(b: ModelBinding, ex: Executor, o: CountOptions, what: string): Promise<number> {
  const def = b.definition;
  if (o.group !== undefined) throw new UsageError(`${what}: group cannot be combined with include`);
  const alias = def.modelName;
  const nodes = includeTree(b.model, o.include, what);
  const values: unknown[] = [];
  const { conditions, aliasConditions } = topConditions(def, alias, nodes, o.where, values, what);
  let target = countTarget(def, o, what, alias);
  if (target === '*' && def.primaryKeys.length > 0) target = `DISTINCT ${def.primaryKeys.length === 1 ? qualified(def, alias).primaryKeys[0].quotedColumn : `(${qualified(def, alias).primaryKeys.map((a) => a.quotedColumn).join(', ')})`}`;
  const selection = resolveSelection(def, undefined, what);
  const compiled = compileLevel({ def, model: b.model, alias, selection, nodes, conditions, aliasConditions, count: `count(${target})` }, values, what);
  const result = await ex.run<unknown[]>({ text: compiled.text, values, prepare: true }, 'array', def);
  return Number(result.rows[0][0]);
}

/**
 * `aggregate(field, fn, { where, distinct })`: `SELECT fn("field")`. max/min give the
 * attribute's own values (a Date, a number, a DECIMAL string); sum and avg of INTEGER and
 * FLOAT attributes give numbers, of BIGINT/DECIMAL exact strings; count a number; null
 * when no row matches (count: 0).
 */
export async function aggregate(b: ModelBinding, ex: Executor, field: unknown, fnName: unknown, options?: { where?: unknown; distinct?: boolean; plain?: boolean }): Promise<unknown> {
  const def = b.definition;
  const what = `${def.modelName}.aggregate`;
  if (typeof fnName !== 'string' || !FN_NAME.test(fnName)) throw new UsageError(`${what}: the function name must look like an identifier (max, min, sum, avg, count …), got ${kind(fnName)}`);
  const o = checkOptions(options, AGGREGATE_OPTIONS, `${def.modelName}.${fnName}`);
  if (o.distinct !== undefined && typeof o.distinct !== 'boolean') throw new UsageError(`${what}: distinct must be true or false`);
  if (o.plain === false) throw new UsageError(`${what}: plain: false (one row per group) is not supported; use findAll with group and [fn(…), 'alias'] attributes`);
  const a = field === '*' ? undefined : attributeOf(def, field, `${def.modelName}.${fnName}`, 'field');
  const values: unknown[] = [];
  const where = compileWhere(def, o.where, values, `${def.modelName}.${fnName}`);
  const arg = `${o.distinct === true ? 'DISTINCT ' : ''}${a === undefined ? '*' : a.quotedColumn}`;
  const text = `SELECT ${fnName}(${arg}) AS ${quoteIdent(fnName)} FROM ${def.qualifiedTable}${where ? ` WHERE ${where}` : ''}`;
  const result = await ex.run<unknown[]>({ text, values, prepare: true }, 'array', def);
  const v = result.rows[0]?.[0] ?? null;
  const f = fnName.toLowerCase();
  if (f === 'count') return Number(v);
  if (v === null || a === undefined) return v;
  if (f === 'max' || f === 'min') return readAs(a, v);
  if ((f === 'sum' || f === 'avg') && (a.type instanceof IntegerType || a.type instanceof FloatType)) return Number(v);
  return v;
}

/** A value read from the attribute's column, as an instance would hold it. */
function readAs(a: AttributeDefinition, v: unknown): unknown {
  return v !== null && v !== undefined && a.snapshotKind === SnapshotKind.Custom ? a.type.fromDriver(v) : v;
}
