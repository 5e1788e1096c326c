import { EmptyResultError, UsageError } from '../errors';
import type { ModelBinding } from '../instance/binding';
import type { Executor } from '../driver/executor';
import { runHooks } from '../hooks/run';
import { hookOptions, hooksOf } from '../persistence/lifecycle';
import * as finders from '../query/finders';
import type { CountGroup } from '../query/aggregate';
import { isPlainObject, kind } from '../query/where';
import { activeScope } from '../scopes/resolve';
import { LIFECYCLE_KEYS, paranoidWhere, scoped, withoutLifecycle } from './options';

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
  const rows = await finders.findAll(b, ex, model, o);
  await runHooks(hooks, b.model, 'afterFind', rows, opts);
  return rows;
}

export async function findOne(b: ModelBinding, ex: Executor, model: Function, options: unknown): Promise<unknown> {
  if (plain(b, options)) return finders.findOne(b, ex, model, options as Options);
  const { o, hooks, opts } = await prepare(b, ex, options, `${b.definition.modelName}.findOne`);
  // rejectOnEmpty is applied after afterFind, so the hook sees null.
  const reject = o.rejectOnEmpty;
  delete o.rejectOnEmpty;
  const row = await finders.findOne(b, ex, model, o);
  await runHooks(hooks, b.model, 'afterFind', row, opts);
  if (row === null && reject === true) throw new EmptyResultError(`${b.definition.modelName}.findOne: no ${b.definition.modelName} matches`);
  if (row === null && reject instanceof Error) throw reject;
  return row;
}

/** `findByPk` of a scoped or paranoid model (or one with hooks): a findOne on the key. */
export async function findByPk(b: ModelBinding, ex: Executor, model: Function, key: unknown, options: unknown): Promise<unknown> {
  if (plain(b, options)) return finders.findByPk(b, ex, model, key, options as Options);
  const def = b.definition;
  const what = `${def.modelName}.findByPk`;
  if (options !== undefined && options !== null && (options as Options).where !== undefined) throw new UsageError(`${what}: unknown option "where"`);
  if (key === undefined) throw new UsageError(`${what}(undefined): pass the primary key value`);
  const pks = def.primaryKeys;
  if (pks.length === 0) throw new UsageError(`${what}: ${def.modelName} has no primary key`);
  if (key === null) {
    const reject = (options as Options | undefined)?.rejectOnEmpty;
    if (reject instanceof Error) throw reject;
    if (reject === true) throw new EmptyResultError(`${what}(null): no ${def.modelName} has a null key`);
    return null;
  }
  let where: Options;
  if (pks.length === 1) {
    if (isPlainObject(key)) throw new UsageError(`${what}: pass the ${pks[0].name} value itself, got ${kind(key)}`);
    where = { [pks[0].name]: key };
  } else {
    if (!isPlainObject(key)) throw new UsageError(`${what}: ${def.modelName} has a composite key; pass { ${pks.map((a) => `${a.name}: …`).join(', ')} }`);
    where = { ...(key as Options) };
  }
  return findOne(b, ex, model, { ...(options as Options), where });
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
