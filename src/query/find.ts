import { UsageError } from '../errors';
import { checkReject, throwIfEmpty } from './reject-on-empty';
import { SnapshotKind } from '../metadata/definition';
import type { ModelDefinition } from '../metadata/definition';
import type { ModelBinding } from '../instance/binding';
import type { Executor } from '../driver/executor';
import { selectText } from '../sql/select';
import { toParam } from '../persistence/params';
import { checkOptions } from './check-options';
import { findWithIncludes } from './include-find';
import { lockClause } from './lock';
import { compileOrder } from './order';
import { empty, materialise } from './find-result';
import { findOneByKey } from './by-key';
import { batchByKey } from './pk-batch';
import { compileGroup, compileHaving } from './grouping';
import { checkCount, resolveSelection } from './selection';
import type { Selection } from './selection';
import { compileWhere, isPlainObject, kind } from './where';
import type { FindByPkOptions, FindOptions } from './options';

type ModelClass = new () => unknown;

const FIND_OPTIONS = ['where', 'attributes', 'order', 'limit', 'offset', 'raw', 'nest', 'plain', 'group', 'having', 'rejectOnEmpty', 'lock', 'skipLocked', 'noWait', 'include'] as const;
const BY_PK_OPTIONS = ['attributes', 'raw', 'nest', 'plain', 'rejectOnEmpty', 'lock', 'skipLocked', 'noWait', 'include', 'batch'] as const;

/** Compiles a SELECT for `findAll`/`findOne`: every identifier from the model, every value bound. */
export function compileFind(def: ModelDefinition, options: FindOptions, what: string, forceLimit?: number, lock?: string): { text: string; values: unknown[]; selection: Selection } {
  const values: unknown[] = [];
  const selection = resolveSelection(def, options.attributes, what, values);
  const where = compileWhere(def, options.where, values, what);
  // The common find has none of these: no call, no scope object.
  const group = options.group === undefined ? '' : compileGroup(def, options.group, what, values, selection.aliases);
  const having = options.having === undefined ? '' : compileHaving(def, options.having, what, values, selection.aliases);
  const order = options.order === undefined ? '' : compileOrder(def, options.order, what, { values, aliases: selection.aliases });
  let limit: string | undefined;
  let offset: string | undefined;
  const limitValue = forceLimit ?? (options.limit === undefined ? undefined : checkCount(options.limit, 'limit', what));
  if (limitValue !== undefined) {
    values.push(limitValue);
    limit = `$${values.length}`;
  }
  if (options.offset !== undefined) {
    values.push(checkCount(options.offset, 'offset', what));
    offset = `$${values.length}`;
  }
  return { text: selectText({ columns: selection.columns, table: def.qualifiedTable, where, group, having, order, limit, offset, lock }), values, selection };
}

/** `raw: true` → true, with `nest: true` → 'nest'. `plain` is accepted as Sequelize's findOne passes it (one row). */
export function rawFlag(options: { raw?: unknown; nest?: unknown; plain?: unknown }, what: string): boolean | 'nest' {
  if (options.raw !== undefined && typeof options.raw !== 'boolean') throw new UsageError(`${what}: raw must be true or false`);
  if (options.nest !== undefined && typeof options.nest !== 'boolean') throw new UsageError(`${what}: nest must be true or false`);
  if (options.plain !== undefined && typeof options.plain !== 'boolean') throw new UsageError(`${what}: plain must be true or false`);
  if (options.nest === true && options.raw !== true) throw new UsageError(`${what}: nest: true shapes raw rows; pass raw: true with it`);
  return options.raw === true ? (options.nest === true ? 'nest' : true) : false;
}

/** `findAll({ where, attributes, order, limit, offset, raw })`; see Model.findAll. */
export async function findAll(b: ModelBinding, ex: Executor, model: Function, options?: FindOptions): Promise<unknown[]> {
  const def = b.definition;
  const what = `${def.modelName}.findAll`;
  const o = checkOptions(options, FIND_OPTIONS, what);
  const raw = rawFlag(o, what);
  checkReject(o.rejectOnEmpty, what);
  if (o.include !== undefined) {
    const found = await findWithIncludes(b, ex, model, o, what, undefined, lockClause(o, ex.inTransaction, what));
    if (found.length === 0) throwIfEmpty(o.rejectOnEmpty, `${what}: no ${def.modelName} matches`);
    return found;
  }
  const { text, values, selection } = compileFind(def, o, what, undefined, lockClause(o, ex.inTransaction, what));
  const result = await ex.run<unknown[]>({ text, values, prepare: true }, 'array', def);
  if (result.rows.length === 0) throwIfEmpty(o.rejectOnEmpty, `${what}: no ${def.modelName} matches`);
  return materialise(def, model as ModelClass, result.rows, selection, raw);
}

/** The first row matching `where` (for findOrCreate), with messages naming the caller. */
export async function findOneWhere(b: ModelBinding, ex: Executor, model: Function, where: unknown, what: string): Promise<unknown> {
  const def = b.definition;
  const { text, values, selection } = compileFind(def, { where: where as FindOptions['where'] }, what, 1);
  const result = await ex.run<unknown[]>({ text, values, prepare: true }, 'array', def);
  return result.rows.length === 0 ? null : materialise(def, model as ModelClass, result.rows, selection, false)[0];
}

/** `findOne(options)`: findAll with LIMIT 1; null (or EmptyResultError with rejectOnEmpty) when nothing matches. */
export async function findOne(b: ModelBinding, ex: Executor, model: Function, options?: FindOptions): Promise<unknown> {
  const def = b.definition;
  const what = `${def.modelName}.findOne`;
  const o = checkOptions(options, FIND_OPTIONS, what);
  const raw = rawFlag(o, what);
  checkReject(o.rejectOnEmpty, what);
  if (o.limit !== undefined) checkCount(o.limit, 'limit', what);
  if (o.include !== undefined) {
    const found = await findWithIncludes(b, ex, model, o, what, 1, lockClause(o, ex.inTransaction, what));
    return found.length === 0 ? empty(o, `${what}: no ${def.modelName} matches`) : found[0];
  }
  const { text, values, selection } = compileFind(def, o, what, 1, lockClause(o, ex.inTransaction, what));
  const result = await ex.run<unknown[]>({ text, values, prepare: true }, 'array', def);
  if (result.rows.length === 0) return empty(o, `${what}: no ${def.modelName} matches`);
  return materialise(def, model as ModelClass, result.rows, selection, raw)[0];
}

/**
 * `findByPk(key)`: the key is checked by the primary key's type first, so a malformed
 * value (a bad UUID) is a ValidationError on every driver. A composite key is given as
 * `{ a: 1, b: 2 }`. `null` finds nothing (no query); `undefined` is a mistake and throws.
 */
export async function findByPk(b: ModelBinding, ex: Executor, model: Function, key: unknown, options?: FindByPkOptions): Promise<unknown> {
  const def = b.definition;
  const what = `${def.modelName}.findByPk`;
  const o = checkOptions(options, BY_PK_OPTIONS, what);
  const raw = rawFlag(o, what);
  checkReject(o.rejectOnEmpty, what);
  if (o.batch !== undefined && typeof o.batch !== 'boolean') throw new UsageError(`${what}: batch must be true or false`);
  const lock = lockClause(o, ex.inTransaction, what);
  const pks = def.primaryKeys;
  if (key === undefined) throw new UsageError(`${what}(undefined): pass the primary key value`);
  if (pks.length === 0) throw new UsageError(`${what}: ${def.modelName} has no primary key`);
  const selection = resolveSelection(def, o.attributes, what);
  if (key === null) return empty(o, `${what}(null): no ${def.modelName} has a null key`);
  if (o.include !== undefined) {
    const where = pks.length === 1 && !isPlainObject(key) ? { [pks[0].name]: key } : key;
    const { batch: _batch, ...rest } = o;
    const found = await findWithIncludes(b, ex, model, { ...rest, where }, what, undefined, lock);
    return found.length === 0 ? empty(o, `${what}: no ${def.modelName} with that key`) : found[0];
  }
  const values: unknown[] = [];
  if (pks.length === 1) {
    if (isPlainObject(key)) throw new UsageError(`${what}: pass the ${pks[0].name} value itself, got ${kind(key)}`);
    values.push(toParam(def, pks[0], key));
  } else {
    if (!isPlainObject(key)) throw new UsageError(`${what}: ${def.modelName} has a composite key; pass { ${pks.map((a) => `${a.name}: …`).join(', ')} }`);
    const k = key as Record<string, unknown>;
    const extra = Object.keys(k).filter((n) => !pks.some((a) => a.name === n));
    if (extra.length > 0) throw new UsageError(`${what}: ${extra.map((n) => JSON.stringify(n)).join(', ')} is not part of the primary key (${pks.map((a) => a.name).join(', ')})`);
    for (const a of pks) {
      if (k[a.name] === undefined || k[a.name] === null) throw new UsageError(`${what}: the key part ${a.name} is ${String(k[a.name])}`);
      values.push(toParam(def, a, k[a.name]));
    }
  }
  // Batched with the other calls of this tick (see pk-batch.ts): a single-column key whose
  // values compare as they are (a composite key or a DATE/JSON-like key goes alone).
  if (pks.length === 1 && lock === undefined && !ex.inTransaction && o.batch !== false && b.db.batchFindByPk && pks[0].snapshotKind === SnapshotKind.Plain && selection.extras === undefined) {
    return batchByKey(b, ex, model, selection, values[0], o, raw, what);
  }
  return findOneByKey(b, ex, model, selection, lock, values, o, raw, what);
}
