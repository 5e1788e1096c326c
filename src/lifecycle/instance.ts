import { UsageError } from '../errors';
import type { ModelBinding } from '../instance/binding';
import type { Executor } from '../driver/executor';
import { SNAPSHOT } from '../instance/state';
import { runHooks } from '../hooks/run';
import { hookOptions, hooksOf, validateWithHooks } from '../persistence/lifecycle';
import { destroy as deleteRow } from '../persistence/record';
import { fieldFilter } from '../persistence/plan';
import { writeInstance } from '../persistence/save';
import { flag } from './options';

type Instance = Record<string, unknown> & { [SNAPSHOT]: unknown[] | null };
type Options = Record<string, unknown>;

/**
 * `instance.destroy()`: beforeDestroy → the DELETE (on a paranoid model, an UPDATE setting
 * `deletedAt`, unless `force: true`) → afterDestroy. On failure the instance is as before.
 */
export async function destroyInstance(b: ModelBinding, ex: Executor, inst: Instance, options: Options | undefined): Promise<void> {
  const def = b.definition;
  const what = `${def.modelName}.destroy`;
  const force = flag(options, 'force', what) === true;
  const hooks = hooksOf(b, options);
  const opts = hookOptions(b, ex, options);
  if (inst[SNAPSHOT] === null) throw new UsageError(`${what}: this record is not saved yet`);
  await runHooks(hooks, b.model, 'beforeDestroy', inst, opts);
  if (def.deletedAt !== undefined && !force) await setDeletedAt(b, ex, inst, new Date());
  else await deleteRow(b, ex, inst);
  await runHooks(hooks, b.model, 'afterDestroy', inst, opts);
}

/** `instance.restore()` of a soft-deleted record: beforeRestore → `deletedAt` cleared → afterRestore. */
export async function restoreInstance(b: ModelBinding, ex: Executor, inst: Instance, options: Options | undefined): Promise<void> {
  const def = b.definition;
  if (def.deletedAt === undefined) throw new UsageError(`${def.modelName}.restore: ${def.modelName} is not paranoid`);
  if (inst[SNAPSHOT] === null) throw new UsageError(`${def.modelName}.restore: this record is not saved yet`);
  const hooks = hooksOf(b, options);
  const opts = hookOptions(b, ex, options);
  await runHooks(hooks, b.model, 'beforeRestore', inst, opts);
  await setDeletedAt(b, ex, inst, null);
  await runHooks(hooks, b.model, 'afterRestore', inst, opts);
}

/** Writes only `deletedAt` (updatedAt untouched); the instance's value goes back if the write fails. */
async function setDeletedAt(b: ModelBinding, ex: Executor, inst: Instance, value: Date | null): Promise<void> {
  const name = b.definition.deletedAt!.name;
  const before = inst[name];
  inst[name] = value;
  try {
    await writeInstance(b, ex, inst, { fields: [name], silent: true });
  } catch (err) {
    if (inst[name] === value) inst[name] = before;
    throw err;
  }
}

/**
 * `instance.validate({ fields?, skip?, hooks? })`: the validators and the NOT NULL and type
 * checks, with the validate hooks; rejects with one ValidationError. Sends nothing.
 */
export async function validateInstanceCall(b: ModelBinding, ex: Executor, inst: Instance, options: Options | undefined): Promise<void> {
  const def = b.definition;
  let only = fieldFilter(def, options?.fields as string[] | undefined);
  if (options?.skip !== undefined) {
    const skip = fieldFilter(def, options.skip as string[]);
    only = new Set(def.attributes.map((a) => a.name).filter((n) => (only === undefined || only.has(n)) && !skip!.has(n)));
  }
  const hooks = hooksOf(b, options);
  await validateWithHooks(b, hooks, inst, only, inst[SNAPSHOT] === null, hookOptions(b, ex, options), true);
}
