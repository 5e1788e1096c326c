import { UsageError } from '../errors';
import type { ModelBinding } from '../instance/binding';
import type { Executor } from '../driver/executor';
import { runHooks } from '../hooks/run';
import { hookOptions, hooksOf, validateWithHooks } from '../persistence/lifecycle';
import { writeInstance } from '../persistence/save';
import * as finders from '../query/finders';
import { checkOptions } from '../query/check-options';
import { Op } from '../query/operators';
import { andWhere } from '../scopes/merge';
import { activeScope } from '../scopes/resolve';
import { LIFECYCLE_KEYS, flag, paranoidWhere, requireFilter, scoped, withoutLifecycle } from './options';

type Options = Record<string, unknown>;
type Buildable = Function & { build(values: object): Record<string, unknown> };

function plain(b: ModelBinding, options: Options | undefined, keys: readonly string[]): boolean {
  return activeScope(b) === undefined && b.definition.deletedAt === undefined && !b.hooks.active && !b.definition.validates &&
    (options === undefined || options === null || withoutLifecycle(options, keys) === options);
}

/** The instances a bulk call with `individualHooks` runs hooks on (read in the call's transaction). */
function affected(b: ModelBinding, ex: Executor, model: Function, where: unknown, paranoid: boolean): Promise<Record<string, unknown>[]> {
  const filter = paranoid && b.definition.deletedAt !== undefined ? andWhere(where, { [b.definition.deletedAt.name]: null }) : where;
  return finders.findAll(b, ex, model, (filter === undefined ? {} : { where: filter }) as never) as Promise<Record<string, unknown>[]>;
}

/**
 * `Model.update(values, { where })` with scopes, the paranoid clause, validators and hooks:
 * the values are validated (only the attributes given) → beforeBulkUpdate(options, with
 * `options.attributes` the values) → the UPDATE → afterBulkUpdate. With `individualHooks`
 * the matching rows are read and each is saved with beforeUpdate/afterUpdate around it.
 */
export async function update(b: ModelBinding, ex: Executor, model: Function, values: object, options: Options): Promise<[number, unknown[]]> {
  const def = b.definition;
  const what = `${def.modelName}.update`;
  if (plain(b, options, LIFECYCLE_KEYS.update)) return finders.updateWhere(b, ex, model, values, options as never);
  checkOptions(options, ['where', 'all', 'returning', 'silent', ...LIFECYCLE_KEYS.update], what, true);
  const hooks = hooksOf(b, options);
  const individual = flag(options, 'individualHooks', what) === true && hooks !== undefined;
  requireFilter(options, what);
  const opts: Options = hookOptions(b, ex, { ...scoped(b, options, true), attributes: values });
  if (flag(options, 'validate', what) !== false && def.validates) {
    await validateWithHooks(b, hooks, (model as Buildable).build(values), new Set(Object.keys(values)), false, opts, false);
  }
  await runHooks(hooks, b.model, 'beforeBulkUpdate', opts);
  const newValues = opts.attributes as object;
  const filtered = paranoidWhere(b, opts, what);
  let result: [number, unknown[]];
  if (individual) {
    // One statement per row: in a transaction (a savepoint inside the caller's), so a row
    // that fails leaves none of the others updated.
    const instances = await ex.transaction(async (tx) => {
      const inner = { ...opts, transaction: tx };
      const rows = await affected(b, tx, model, filtered.where, false);
      for (const inst of rows) {
        Object.assign(inst, newValues);
        await runHooks(hooks, b.model, 'beforeUpdate', inst, inner);
        await writeInstance(b, tx, inst as never, { silent: opts.silent as boolean | undefined });
      }
      return rows;
    });
    for (const inst of instances) await runHooks(hooks, b.model, 'afterUpdate', inst, opts);
    // As without individualHooks: the rows only with returning: true.
    result = (opts.returning === true ? [instances.length, instances] : [instances.length]) as [number, unknown[]];
  } else {
    const o = withoutLifecycle(filtered, LIFECYCLE_KEYS.update)!;
    delete o.attributes;
    delete o.transaction;
    result = await finders.updateWhere(b, ex, model, newValues, o as never);
  }
  await runHooks(hooks, b.model, 'afterBulkUpdate', opts);
  return result;
}

/**
 * `Model.destroy({ where })`: on a paranoid model an UPDATE setting `deletedAt` on the rows
 * not yet deleted (a DELETE with `force: true`); beforeBulkDestroy → (individualHooks:
 * beforeDestroy per row) → the statement → (afterDestroy per row) → afterBulkDestroy.
 */
export async function destroy(b: ModelBinding, ex: Executor, model: Function, options: Options): Promise<number> {
  const def = b.definition;
  const what = `${def.modelName}.destroy`;
  if (plain(b, options, LIFECYCLE_KEYS.destroy)) return finders.destroyWhere(b, ex, options as never);
  checkOptions(options, ['where', 'all', 'truncate', 'restartIdentity', 'cascade', ...LIFECYCLE_KEYS.destroy], what, true);
  const hooks = hooksOf(b, options);
  const individual = flag(options, 'individualHooks', what) === true && hooks !== undefined;
  const force = flag(options, 'force', what) === true;
  requireFilter(options, what);
  const opts = hookOptions(b, ex, scoped(b, options, true));
  await runHooks(hooks, b.model, 'beforeBulkDestroy', opts);
  const instances = individual ? await affected(b, ex, model, opts.where, true) : [];
  for (const inst of instances) await runHooks(hooks, b.model, 'beforeDestroy', inst, opts);
  const o = withoutLifecycle(opts, LIFECYCLE_KEYS.destroy)!;
  delete o.transaction;
  let count: number;
  if (def.deletedAt !== undefined && !force && o.truncate !== true) {
    const d = def.deletedAt.name;
    const [n] = await finders.updateWhere(b, ex, model, { [d]: new Date() }, { where: andWhere(o.where, { [d]: null }) as never, all: o.all as boolean | undefined, silent: true });
    count = n;
  } else count = await finders.destroyWhere(b, ex, o);
  for (const inst of instances) await runHooks(hooks, b.model, 'afterDestroy', inst, opts);
  await runHooks(hooks, b.model, 'afterBulkDestroy', opts);
  return count;
}

/** `Model.restore({ where })`: clears `deletedAt` on the matching soft-deleted rows; bulk (and individual) restore hooks around it. */
export async function restore(b: ModelBinding, ex: Executor, model: Function, options: Options | undefined): Promise<number> {
  const def = b.definition;
  const what = `${def.modelName}.restore`;
  if (def.deletedAt === undefined) throw new UsageError(`${what}: ${def.modelName} is not paranoid`);
  const o = { ...checkOptions(options, ['where', 'all', 'hooks', 'individualHooks'], what, true) };
  requireFilter(o, what);
  const hooks = hooksOf(b, options);
  const individual = flag(options, 'individualHooks', what) === true && hooks !== undefined;
  const opts = hookOptions(b, ex, o);
  await runHooks(hooks, b.model, 'beforeBulkRestore', opts);
  const d = def.deletedAt.name;
  const where = andWhere(opts.where, { [d]: { [Op.ne]: null } });
  const instances = individual ? await affected(b, ex, model, where, false) : [];
  for (const inst of instances) await runHooks(hooks, b.model, 'beforeRestore', inst, opts);
  const [n] = await finders.updateWhere(b, ex, model, { [d]: null }, { where: where as never, all: opts.all as boolean | undefined, silent: true });
  for (const inst of instances) await runHooks(hooks, b.model, 'afterRestore', inst, opts);
  await runHooks(hooks, b.model, 'afterBulkRestore', opts);
  return n;
}

/** `Model.increment(fields, { where })` on a scoped model: the scope's where joins the call's. */
export function increment(b: ModelBinding, ex: Executor, model: Function, fields: unknown, options: Options, sign: 1 | -1): Promise<[number, unknown[]]> {
  if (activeScope(b) === undefined || options === undefined || options === null) return finders.incrementWhere(b, ex, model, fields, options as never, sign);
  requireFilter(options, `${b.definition.modelName}.${sign === 1 ? 'increment' : 'decrement'}`);
  return finders.incrementWhere(b, ex, model, fields, scoped(b, options, true) as never, sign);
}
