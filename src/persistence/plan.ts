import { IF_CLEAN } from '../instance/hydrate';
import { UsageError } from '../errors';
import type { ValidationErrorItem } from '../errors';
import type { AttributeDefinition, ModelDefinition } from '../metadata/definition';
import type { ModelBinding } from '../instance/binding';
import { changedAttributes } from '../instance/changes';
import { SNAPSHOT } from '../instance/state';

/**
 * The write pipeline's data: what one write will send, before it is converted to
 * parameters. Every write (save's INSERT and UPDATE, bulkCreate, upsert, Model.update,
 * increments) is planned, then checked, then hooked, then compiled and run; the helpers
 * here are the one place each cross-cutting rule of planning lives (updatedAt stamping,
 * the NOT NULL rule, the statement cache).
 *
 * `values[k]` belongs to `attrs[k]`, in attribute order (so a statement's text depends
 * only on the set of columns); `expected[k]` is what the instance held when the plan was
 * made (an attribute reassigned while the statement runs keeps its new value).
 */
export interface WritePlan {
  readonly kind: 'insert' | 'update';
  readonly attrs: AttributeDefinition[];
  readonly values: unknown[];
  readonly expected: unknown[];
}

export interface PlanOptions {
  fields?: readonly string[];
  silent?: boolean;
}

type Instance = Record<string, unknown> & { [SNAPSHOT]: unknown[] | null };

/**
 * Caches a statement text under `key` on the model and returns it. Callers read first,
 * `binding.sql.get(key) ?? cacheText(binding, key, build(...))`, so the text is built once
 * and no builder closure is allocated per call.
 */
export function cacheText(binding: ModelBinding, key: string | number, text: string): string {
  binding.sql.set(key, text);
  return text;
}

/** The attribute a write stamps with the current time: `updatedAt`, unless silent or already written. */
export function stampOf(def: ModelDefinition, written: readonly AttributeDefinition[], silent: boolean | undefined): AttributeDefinition | undefined {
  const u = def.updatedAt;
  return u !== undefined && silent !== true && !written.includes(u) ? u : undefined;
}

/**
 * Whether an INSERT stamps `a` with the current time instead of the value `v` it holds:
 * a timestamp with no value, or `updatedAt` on a write of every attribute (not `silent`,
 * no `fields` list), as on every save that writes.
 */
export function stampsOnInsert(a: AttributeDefinition, v: unknown, silent: boolean | undefined, allFields: boolean): boolean {
  return a.timestamp !== undefined && (v === undefined || (a.timestamp === 'updatedAt' && silent !== true && allFields));
}

/** Inserts `a` into `attrs` (kept in attribute order) and returns its index. */
function insertInOrder(attrs: AttributeDefinition[], a: AttributeDefinition): number {
  let at = attrs.length;
  while (at > 0 && attrs[at - 1].position > a.position) at--;
  attrs.splice(at, 0, a);
  return at;
}

/** The one NOT NULL refusal: a required attribute that has no value, or null. */
export function notNullItem(def: ModelDefinition, a: AttributeDefinition, value: null | undefined, prefix = ''): ValidationErrorItem {
  const message = value === null ? `${prefix}${def.modelName}.${a.name} cannot be null` : `${prefix}${def.modelName}.${a.name} is required (NOT NULL) but has no value`;
  return { model: def.modelName, path: a.name, message, value, type: 'notNull Violation', validatorKey: 'is_null' };
}

/** Whether an INSERT that leaves `a` out fails its NOT NULL (no SQL default fills it). */
export function requiredOnInsert(a: AttributeDefinition): boolean {
  return !a.allowNull && !a.autoIncrement && a.sqlDefault === undefined;
}

/** Checks `save({ fields })` and returns the set of names, or undefined for all. */
export function fieldFilter(def: ModelDefinition, fields: readonly string[] | undefined): Set<string> | undefined {
  if (fields === undefined) return undefined;
  if (!Array.isArray(fields)) throw new UsageError('save({ fields }) takes an array of attribute names');
  for (const f of fields) if (def.byName[f] === undefined) throw new UsageError(`save({ fields }): ${def.modelName} has no attribute "${f}"`);
  return new Set(fields);
}

/**
 * The INSERT of a new record: every attribute that holds a value (limited to `fields`),
 * the timestamps stamped. A required attribute without a value is reported in `missing`
 * (the caller raises it with the other validation errors).
 */
export function planInsert(def: ModelDefinition, inst: Instance, only: Set<string> | undefined, silent: boolean | undefined, missing: ValidationErrorItem[]): WritePlan {
  const attrs: AttributeDefinition[] = [];
  const values: unknown[] = [];
  const all = def.attributes;
  const expected = new Array<unknown>(all.length);
  let now: Date | undefined;
  for (let i = 0; i < all.length; i++) {
    const a = all[i];
    let v = (expected[i] = inst[a.key as string]);
    if (stampsOnInsert(a, v, silent, only === undefined)) {
      v = now ??= new Date();
    } else if (only !== undefined && !only.has(a.name)) continue;
    if (v === undefined) {
      if (requiredOnInsert(a)) missing.push(notNullItem(def, a, undefined));
      continue;
    }
    if (v === null && a.autoIncrement) continue;
    attrs.push(a);
    values.push(v);
  }
  return { kind: 'insert', attrs, values, expected };
}

/** The UPDATE of a saved record: its changed attributes (limited to `fields`) plus `updatedAt`; undefined when nothing changed. */
export function planUpdate(def: ModelDefinition, inst: Instance, only: Set<string> | undefined, silent: boolean | undefined): WritePlan | undefined {
  let changed = changedAttributes(def, inst);
  if (only !== undefined) changed = changed.filter((a) => only.has(a.name));
  if (changed.length === 0) return undefined;
  const stamp = stampOf(def, changed, silent);
  if (stamp !== undefined) insertInOrder(changed, stamp);
  const now = stamp !== undefined ? new Date() : undefined;
  const values = new Array<unknown>(changed.length);
  const expected = new Array<unknown>(changed.length);
  for (let k = 0; k < changed.length; k++) {
    const a = changed[k];
    if (a === stamp) {
      // The stamp is ours, not the caller's: taken if updatedAt is still clean on arrival (an
      // overlapping increment's stamp is not a local change to keep).
      expected[k] = IF_CLEAN;
      values[k] = now;
    } else values[k] = expected[k] = inst[a.key as string];
  }
  return { kind: 'update', attrs: changed, values, expected };
}
