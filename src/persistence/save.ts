import type { CallOptions } from '../driver/call-options';
import { EmptyResultError, UsageError } from '../errors';
import type { AttributeDefinition, ModelDefinition } from '../metadata/definition';
import { insertText, updateByKeyText } from '../sql/statements';
import type { ModelBinding } from '../instance/binding';
import type { Executor } from '../driver/executor';
import { changedAttributes, snapshotValue } from '../instance/changes';
import { IF_CLEAN, applyEchoed, applyReturned } from '../instance/hydrate';
import { SNAPSHOT } from '../instance/state';
import { beginWrite, endWrite } from './in-flight';
import { checkOptionKeys, pushKeyParams, toParams, validationError } from './params';

type Instance = Record<string, unknown> & { [SNAPSHOT]: unknown[] | null };

export interface SaveOptions extends CallOptions {
  /** Write only these attributes (of those that changed). */
  fields?: readonly string[];
  /** Leave `updatedAt` as it is. */
  silent?: boolean;
}

/**
 * The cache key of a statement's text: the set of attribute positions it writes, as a
 * bitmask while positions fit in 30 bits (no string building per call), else a list.
 */
function keyOf(prefix: 'i' | 'u' | 'e', attrs: readonly AttributeDefinition[]): string | number {
  let last = 0;
  for (let i = 0; i < attrs.length; i++) if (attrs[i].position > last) last = attrs[i].position;
  if (last < 30) {
    let mask = 0;
    for (let i = 0; i < attrs.length; i++) mask |= 1 << attrs[i].position;
    return mask + KEY_OFFSET[prefix];
  }
  let key = prefix;
  for (let i = 0; i < attrs.length; i++) key += `,${attrs[i].position}`;
  return key;
}

/** Separates the cache keys of inserts, updates with RETURNING and updates without. */
const KEY_OFFSET = { u: 0, i: 2 ** 30, e: 2 ** 31 } as const;

function fieldFilter(definition: ModelDefinition, fields: readonly string[] | undefined): Set<string> | undefined {
  if (fields === undefined) return undefined;
  if (!Array.isArray(fields)) throw new UsageError('save({ fields }) takes an array of attribute names');
  for (const f of fields) if (definition.byName[f] === undefined) throw new UsageError(`save({ fields }): ${definition.modelName} has no attribute "${f}"`);
  return new Set(fields);
}

/** Inserts a new record or updates its changed columns; see Model#save. */
const SAVE_OPTIONS = ['fields', 'silent'] as const;

export function save(binding: ModelBinding, ex: Executor, instance: object, options?: SaveOptions): Promise<void> {
  if (options !== undefined && options !== null) checkOptionKeys(options, SAVE_OPTIONS, `${binding.definition.modelName}.save`);
  return (instance as Instance)[SNAPSHOT] === null ? insert(binding, ex, instance as Instance, options) : update(binding, ex, instance as Instance, options);
}

async function insert(binding: ModelBinding, ex: Executor, inst: Instance, options?: SaveOptions): Promise<void> {
  const def = binding.definition;
  const only = fieldFilter(def, options?.fields);
  const attrs: AttributeDefinition[] = [];
  const values: unknown[] = [];
  // What the instance held when sent: an attribute reassigned meanwhile keeps the new value.
  const all = def.attributes;
  const expected = new Array<unknown>(all.length);
  let missing: string[] | undefined;
  let now: Date | undefined;
  for (let i = 0; i < all.length; i++) {
    const a = all[i];
    let v = (expected[i] = inst[a.name]);
    if (a.timestamp !== undefined && (v === undefined || a.timestamp === 'updatedAt' && !options?.silent && only === undefined)) {
      v = now ??= new Date();
    } else if (only !== undefined && !only.has(a.name)) continue;
    if (v === undefined) {
      if (!a.allowNull && !a.autoIncrement && a.sqlDefault === undefined) (missing ??= []).push(a.name);
      continue;
    }
    if (v === null && a.autoIncrement) continue;
    attrs.push(a);
    values.push(v);
  }
  if (missing !== undefined) {
    throw validationError(missing.map((name) => ({ model: def.modelName, attribute: name, message: `${def.modelName}.${name} is required (NOT NULL) but has no value` })));
  }
  const params: unknown[] = [];
  toParams(def, attrs, values, params);
  const key = keyOf('i', attrs);
  let text = binding.sql.get(key);
  if (text === undefined) {
    text = insertText(def.qualifiedTable, attrs.map((a) => a.quotedColumn), def.selectList);
    binding.sql.set(key, text);
  }
  ex.remember?.(def, inst);
  const result = await ex.run<unknown[]>({ text, values: params, prepare: true }, 'array', def);
  applyReturned(def, inst, result.rows[0], allPositions(def), expected);
}

async function update(binding: ModelBinding, ex: Executor, inst: Instance, options?: SaveOptions): Promise<void> {
  const def = binding.definition;
  const only = fieldFilter(def, options?.fields);
  let changed = changedAttributes(def, inst);
  if (only !== undefined) changed = changed.filter((a) => only.has(a.name));
  if (changed.length === 0) return;
  const updatedAt = def.updatedAt;
  const stamp = updatedAt !== undefined && !options?.silent && !changed.includes(updatedAt) ? updatedAt : undefined;
  if (stamp !== undefined) {
    // Keep attribute order, so a statement's text depends only on the set of columns (its cache key).
    let at = changed.length;
    while (at > 0 && changed[at - 1].position > stamp.position) at--;
    changed.splice(at, 0, stamp);
  }
  const now = stamp !== undefined ? new Date() : undefined;
  const values = new Array<unknown>(changed.length);
  // What the instance held when sent: an attribute reassigned meanwhile keeps the new value.
  const expected = new Array<unknown>(changed.length);
  for (let k = 0; k < changed.length; k++) {
    const a = changed[k];
    if (a === stamp) {
      // The stamp is ours, not the caller's: taken if updatedAt is still clean on arrival (an
      // overlapping increment's stamp is not a local change to keep).
      expected[k] = IF_CLEAN;
      values[k] = now;
    } else values[k] = expected[k] = inst[a.name];
  }
  const params: unknown[] = [];
  toParams(def, changed, values, params);
  const snapshot = inst[SNAPSHOT];
  // The row is found by the key it had when read, even if the key itself is being changed.
  pushKeyParams(def, snapshot!, 'save', params);
  // Values PostgreSQL stores exactly as sent need no RETURNING: they become the snapshot.
  let echoes = true;
  for (let k = 0; k < changed.length && echoes; k++) echoes = changed[k].type.echoes(values[k]);
  const key = keyOf(echoes ? 'e' : 'u', changed);
  let text = binding.sql.get(key);
  if (text === undefined) {
    const cols = changed.map((a) => a.quotedColumn);
    text = updateByKeyText(def.qualifiedTable, cols, def.primaryKeys.map((a) => a.quotedColumn), echoes ? '' : cols.join(', '));
    binding.sql.set(key, text);
  }
  // An increment may overlap this save: see in-flight.ts.
  const flight = beginWrite(inst, changed);
  ex.remember?.(def, inst);
  try {
    const result = await ex.run<unknown[]>({ text, values: params, prepare: true }, 'array', def);
    if (result.rowCount === 0) {
      throw new EmptyResultError(`${def.modelName} with ${def.primaryKeys.map((a) => `${a.name} = ${JSON.stringify(snapshotValue(a, snapshot))}`).join(', ')} no longer exists; nothing was saved`);
    }
    if (echoes) applyEchoed(inst, changed, values, expected);
    else applyReturned(def, inst, result.rows[0], positionsOf(changed), expected);
  } finally {
    const settling = endWrite(binding, ex, inst, flight);
    if (settling !== undefined) await settling;
  }
}

function positionsOf(attrs: readonly AttributeDefinition[]): number[] {
  const out = new Array<number>(attrs.length);
  for (let k = 0; k < attrs.length; k++) out[k] = attrs[k].position;
  return out;
}

const positionsCache = new WeakMap<ModelDefinition, number[]>();
export function allPositions(def: ModelDefinition): number[] {
  let p = positionsCache.get(def);
  if (!p) positionsCache.set(def, (p = def.attributes.map((a) => a.position)));
  return p;
}

