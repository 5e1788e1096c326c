import { UsageError } from '../errors';
import type { ModelBinding } from '../instance/binding';
import { andWhere, mergeOptions } from '../scopes/merge';
import { activeScope } from '../scopes/resolve';

type Options = Record<string, unknown>;

/** The lifecycle options each kind of call takes (removed before the query layer sees the rest). */
export const LIFECYCLE_KEYS = {
  find: ['paranoid', 'hooks'],
  bulkCreate: ['hooks', 'individualHooks', 'validate'],
  upsert: ['hooks', 'validate'],
  update: ['hooks', 'individualHooks', 'validate', 'paranoid'],
  destroy: ['hooks', 'individualHooks', 'force'],
} as const;

/**
 * `options` without the lifecycle keys of this kind of call (the same object when it has
 * none: no copy on the hot path). Any other key stays, so the query layer still refuses
 * an option the call does not know.
 */
export function withoutLifecycle(options: unknown, keys: readonly string[]): Options | undefined {
  if (options === undefined || options === null || typeof options !== 'object') return options as undefined;
  const o = options as Options;
  let found = false;
  for (const k of keys) if (o[k] !== undefined) found = true;
  if (!found) return o;
  const out: Options = {};
  for (const k of Object.keys(o)) if (!keys.includes(k)) out[k] = o[k];
  for (const s of Object.getOwnPropertySymbols(o)) (out as Record<symbol, unknown>)[s] = (o as Record<symbol, unknown>)[s];
  return out;
}

/** Checks a boolean lifecycle option. */
export function flag(options: Options | undefined, key: string, what: string): boolean | undefined {
  const v = options?.[key];
  if (v !== undefined && typeof v !== 'boolean') throw new UsageError(`${what}: ${key} must be true or false`);
  return v as boolean | undefined;
}

/** The call's options on top of the model's active scope (`where` combined with AND). `onlyWhere`: take only the scope's where (count, update, destroy). */
export function scoped(b: ModelBinding, options: Options | undefined, onlyWhere: boolean): Options {
  const scope = activeScope(b);
  if (scope === undefined) return { ...options };
  return mergeOptions(onlyWhere ? (scope.where === undefined ? undefined : { where: scope.where }) : scope, options);
}

/** Adds "not soft-deleted" to the where of a paranoid model, unless `paranoid: false`. */
export function paranoidWhere(b: ModelBinding, options: Options, what: string): Options {
  const d = b.definition.deletedAt;
  const p = flag(options, 'paranoid', what);
  if (d === undefined || p === false) return options;
  return { ...options, where: andWhere(options.where, { [d.name]: null }) };
}

/**
 * Refuses a write with no where unless `all: true` (before the paranoid clause is added,
 * which would otherwise make an empty where look like a filter).
 */
export function requireFilter(options: Options, what: string): void {
  const w = options.where;
  const empty = w === undefined || (w !== null && typeof w === 'object' && Object.keys(w).length === 0 && Object.getOwnPropertySymbols(w).length === 0);
  if (empty && options.all !== true && options.truncate !== true) {
    throw new UsageError(`${what} needs a where. To change every row, pass { where: {}, all: true } explicitly`);
  }
}
