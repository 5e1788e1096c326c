import { UsageError } from '../errors';
import { checkReject, throwIfEmpty } from '../query/reject-on-empty';
import type { ModelBinding } from '../instance/binding';
import type { Executor } from '../driver/executor';
import { runHooks } from '../hooks/run';
import { hookOptions, hooksOf } from '../persistence/lifecycle';
import * as finders from '../query/finders';
import type { CountGroup } from '../query/aggregate';
import { isPlainObject, kind } from '../query/where';
import { activeScope } from '../scopes/resolve';
import { LIFECYCLE_KEYS, paranoidWhere, scoped, withoutLifecycle } from './options';
import { checkOptions } from '../query/check-options';
import { FIND_EACH_OPTIONS, FindEachIterator, checkBatchSize, compileFindEach } from '../query/find-each';

type Options = Record<string, unknown>;

/**
 * Whether a finder call needs the lifecycle: a scope, a paranoid model, hooks, or a
 * lifecycle option to remove. A plain model reads four properties and goes straight on.
 */
function plain(b: ModelBinding, options: unknown): boolean {
  const o = options as Options | undefined;
  return activeScope(b) === undefined && b.definition.deletedAt === undefined && !b.hooks.active &&
    (o === undefined || o === null || (o.paranoid === undefined && o.hooks === undefined && (o.attributes === undefined || b.definition.virtuals.length === 0)));
}

/** Scope → beforeFind (which may change the options) → paranoid clause, as Sequelize orders them. */
async function prepare(b: ModelBinding, ex: Executor, options: unknown, what: string): Promise<{ o: Options; hooks: ReturnType<typeof hooksOf>; opts: Options }> {
  const hooks = hooksOf(b, options as Options);
  const opts = hookOptions(b, ex, scoped(b, options as Options, false));
  await runHooks(hooks, b.model, 'beforeFind', opts);
  const o = withoutLifecycle(paranoidWhere(b, opts, what), LIFECYCLE_KEYS.find)!;
  delete o.transaction;
  if (o.attributes !== undefined && b.definition.virtuals.length > 0) o.attributes = withDependencies(b, o.attributes);
  return { o, hooks, opts };
}

/**
 * A selection naming VIRTUAL attributes reads their dependencies instead (a virtual has no
 * column); excluding a virtual excludes nothing.
 */
function withDependencies(b: ModelBinding, attributes: unknown): unknown {
  const virtual = (name: unknown) => b.definition.virtuals.find((v) => v.name === name);
  if (Array.isArray(attributes)) {
    const out: unknown[] = [];
    for (const a of attributes) {
      const v = virtual(a);
      for (const x of v === undefined ? [a] : v.dependencies) if (!out.includes(x)) out.push(x);
    }
    return out;
  }
  if (isPlainObject(attributes) && Array.isArray((attributes as Options).exclude)) {
    return { ...(attributes as Options), exclude: ((attributes as Options).exclude as unknown[]).filter((a) => virtual(a) === undefined) };
  }
  return attributes;
}

/** `findAll` with scopes, the paranoid clause and beforeFind/afterFind; see Model.findAll. */
export async function findAll(b: ModelBinding, ex: Executor, model: Function, options: unknown): Promise<unknown[]> {
  if (plain(b, options)) return finders.findAll(b, ex, model, options as Options);
  const { o, hooks, opts } = await prepare(b, ex, options, `${b.definition.modelName}.findAll`);
  // rejectOnEmpty is applied after afterFind, as in Sequelize.
  const reject = o.rejectOnEmpty;
  checkReject(reject, `${b.definition.modelName}.findAll`);
  delete o.rejectOnEmpty;
  const rows = await finders.findAll(b, ex, model, o);
  await runHooks(hooks, b.model, 'afterFind', rows, opts);
  if (rows.length === 0) throwIfEmpty(reject, `${b.definition.modelName}.findAll: no ${b.definition.modelName} matches`);
  return rows;
}

export async function findOne(b: ModelBinding, ex: Executor, model: Function, options: unknown): Promise<unknown> {
  if (plain(b, options)) return finders.findOne(b, ex, model, options as Options);
  const { o, hooks, opts } = await prepare(b, ex, options, `${b.definition.modelName}.findOne`);
  // rejectOnEmpty is applied after afterFind, so the hook sees null.
  const reject = o.rejectOnEmpty;
  checkReject(reject, `${b.definition.modelName}.findOne`);
  delete o.rejectOnEmpty;
  const row = await finders.findOne(b, ex, model, o);
  await runHooks(hooks, b.model, 'afterFind', row, opts);
  if (row === null) return throwIfEmpty(reject, `${b.definition.modelName}.findOne: no ${b.definition.modelName} matches`);
  return row;
}

/** `findByPk` of a scoped or paranoid model (or one with hooks): a findOne on the key (not batched). */
export async function findByPk(b: ModelBinding, ex: Executor, model: Function, key: unknown, options: unknown): Promise<unknown> {
  if (plain(b, options)) return finders.findByPk(b, ex, model, key, options as Options);
  const def = b.definition;
  const what = `${def.modelName}.findByPk`;
  if (options !== undefined && options !== null && (options as Options).where !== undefined) throw new UsageError(`${what}: unknown option "where"`);
  // A scoped, paranoid or hooked model's findByPk is a findOne: never batched, so `batch` has nothing to turn off.
  const { batch, ...rest } = (options ?? {}) as Options;
  if (batch !== undefined && typeof batch !== 'boolean') throw new UsageError(`${what}: batch must be true or false`);
  if (key === undefined) throw new UsageError(`${what}(undefined): pass the primary key value`);
  const pks = def.primaryKeys;
  if (pks.length === 0) throw new UsageError(`${what}: ${def.modelName} has no primary key`);
  if (key === null) {
    const reject = (options as Options | undefined)?.rejectOnEmpty;
    checkReject(reject, what);
    return throwIfEmpty(reject, `${what}(null): no ${def.modelName} has a null key`);
  }
  let where: Options;
  if (pks.length === 1) {
    if (isPlainObject(key)) throw new UsageError(`${what}: pass the ${pks[0].name} value itself, got ${kind(key)}`);
    where = { [pks[0].name]: key };
  } else {
    if (!isPlainObject(key)) throw new UsageError(`${what}: ${def.modelName} has a composite key; pass { ${pks.map((a) => `${a.name}: …`).join(', ')} }`);
    where = { ...(key as Options) };
  }
  return findOne(b, ex, model, { ...rest, where });
}

/** `findOrCreate` of a scoped model: the scope's where narrows the find. */
export function findOrCreate(b: ModelBinding, ex: Executor, model: Function, options: unknown): Promise<[unknown, boolean]> {
  const where = activeScope(b)?.where;
  return finders.findOrCreate(b, ex, model, options as never, where);
}

export async function count(b: ModelBinding, ex: Executor, options: unknown): Promise<number | CountGroup[]> {
  if (plain(b, options)) return finders.count(b, ex, options as Options);
  const what = `${b.definition.modelName}.count`;
  const hooks = hooksOf(b, options as Options);
  const opts = hookOptions(b, ex, scoped(b, options as Options, true));
  await runHooks(hooks, b.model, 'beforeCount', opts);
  const o = withoutLifecycle(paranoidWhere(b, opts, what), LIFECYCLE_KEYS.find)!;
  delete o.transaction;
  return finders.count(b, ex, o);
}

/**
 * `findEach(options)`: the iterator is returned at once (option names and batchSize are
 * checked now); the scope, beforeFind and the paranoid clause apply when iteration starts,
 * as in findAll, and afterFind runs on each batch of instances.
 */
export function findEach(b: ModelBinding, ex: Executor, model: Function, options: unknown): FindEachIterator<unknown> {
  const what = `${b.definition.modelName}.findEach`;
  const given = checkOptions(options as Options | undefined, [...FIND_EACH_OPTIONS, ...LIFECYCLE_KEYS.find], what);
  checkBatchSize(given.batchSize, what);
  if (plain(b, options)) return new FindEachIterator(async () => compileFindEach(b, ex, model, given));
  const hooks = hooksOf(b, given);
  let opts: Options | undefined;
  return new FindEachIterator(async () => {
    const prepared = await prepare(b, ex, options, what);
    opts = prepared.opts;
    return compileFindEach(b, ex, model, prepared.o);
  }, hooks === undefined || !hooks.has('afterFind') ? undefined : (batch) => runHooks(hooks, b.model, 'afterFind', batch, opts));
}
