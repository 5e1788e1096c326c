import { unwrapExecutor } from '../driver/call-logging';
import type { ModelBinding } from '../instance/binding';
import type { Executor } from '../driver/executor';
import { changedAttributes, sameAsSnapshot } from '../instance/changes';
import { SNAPSHOT, UNREAD } from '../instance/state';
import { runHooks } from '../hooks/run';
import type { HookRegistry } from '../hooks/registry';
import { validateInstance } from '../validation/validate';
import { fieldFilter } from './plan';
import type { WritePlan } from './plan';
import { writeInstance } from './save';
import type { SaveOptions } from './save';

type Instance = Record<string, unknown> & { [SNAPSHOT]: unknown[] | null };

/** The hooks a call runs: none with `hooks: false`, or when the model (and its Database) has none. */
export function hooksOf(binding: ModelBinding, options: { hooks?: unknown } | undefined): HookRegistry | undefined {
  return options?.hooks !== false && binding.hooks.active ? binding.hooks : undefined;
}

/** Whether a save must go through the lifecycle (validators or hooks), checked with two reads. */
export function needsLifecycle(binding: ModelBinding, options: SaveOptions | undefined): boolean {
  return (binding.definition.validates && options?.validate !== false) || hooksOf(binding, options) !== undefined;
}

/**
 * The options hooks receive: the call's own, with `transaction` set to the transaction the
 * call runs in (found from the async context when the caller passed none), so a hook's
 * own queries join it.
 */
export function hookOptions<T extends object>(binding: ModelBinding, ex: Executor, options: T | undefined): T & { transaction?: unknown } {
  const out = { ...options } as T & { transaction?: unknown };
  if (ex.inTransaction) out.transaction = unwrapExecutor(ex);
  return out;
}

/**
 * `beforeValidate` → the validators → `afterValidate`, or `validationFailed` (which may
 * replace the error) and the error. `only`: the attributes being written.
 *
 * @example await validateWithHooks(b, hooks, user, undefined, true, opts, false)
 */
export async function validateWithHooks(binding: ModelBinding, hooks: HookRegistry | undefined, inst: object, only: ReadonlySet<string> | undefined, isNew: boolean, options: object, types: boolean): Promise<void> {
  const model = binding.model;
  await runHooks(hooks, model, 'beforeValidate', inst, options);
  try {
    await validateInstance(binding.definition, inst, only, isNew, types);
  } catch (err) {
    const replaced = await runHooks(hooks, model, 'validationFailed', inst, options, err);
    throw replaced instanceof Error ? replaced : err;
  }
  await runHooks(hooks, model, 'afterValidate', inst, options);
}

/**
 * `save()` of a model with validators or hooks, in Sequelize's order:
 * beforeValidate → validators → afterValidate (or validationFailed) → beforeSave →
 * beforeCreate / beforeUpdate → the write → afterCreate / afterUpdate → afterSave.
 *
 * Attributes a before-hook changes are written too (and validated again); a hook that
 * throws stops the save before any SQL; a failed write runs no after-hook. An UPDATE with
 * nothing changed runs nothing, as without hooks.
 */
export async function saveWithLifecycle(binding: ModelBinding, ex: Executor, inst: Instance, options: SaveOptions | undefined): Promise<WritePlan | undefined> {
  const def = binding.definition;
  const isNew = inst[SNAPSHOT] === null;
  const only = fieldFilter(def, options?.fields);
  const toWrite = isNew ? only : namesOf(changedAttributes(def, inst), only);
  if (toWrite !== undefined && toWrite.size === 0) return undefined;
  const hooks = hooksOf(binding, options);
  const opts = hookOptions(binding, ex, options);
  const validate = options?.validate !== false && (def.validates || hooks !== undefined);
  if (validate) await validateWithHooks(binding, hooks, inst, toWrite, isNew, opts, false);
  let fields = options?.fields;
  if (hooks !== undefined) {
    const before = def.attributes.map((a) => inst[a.key as string]);
    await runHooks(hooks, binding.model, 'beforeSave', inst, opts);
    await runHooks(hooks, binding.model, isNew ? 'beforeCreate' : 'beforeUpdate', inst, opts);
    // A deferred Date a hook only read (made real, same time) is not a change by the hook.
    const byHooks = def.attributes.filter((a, i) => inst[a.key as string] !== before[i] && !(before[i] === UNREAD && sameAsSnapshot(a, inst[a.key as string], inst[SNAPSHOT]![a.position]))).map((a) => a.name);
    if (byHooks.length > 0) {
      if (fields !== undefined) fields = [...new Set([...fields, ...byHooks])];
      if (validate) await validateWithHooks(binding, undefined, inst, new Set(byHooks), isNew, opts, false);
    }
  }
  const plan = await writeInstance(binding, ex, inst, { fields, silent: options?.silent });
  if (hooks !== undefined && plan !== undefined) {
    await runHooks(hooks, binding.model, isNew ? 'afterCreate' : 'afterUpdate', inst, opts);
    await runHooks(hooks, binding.model, 'afterSave', inst, opts);
  }
  return plan;
}

function namesOf(attrs: readonly { name: string }[], only: ReadonlySet<string> | undefined): Set<string> {
  const out = new Set<string>();
  for (const a of attrs) if (only === undefined || only.has(a.name)) out.add(a.name);
  return out;
}
