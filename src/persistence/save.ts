import { EmptyResultError } from '../errors';
import type { AttributeDefinition, ModelDefinition } from '../metadata/definition';
import { insertText, updateByKeyText } from '../sql/statements';
import type { ModelBinding } from '../instance/binding';
import type { CallOptions } from '../driver/call-options';
import type { Executor } from '../driver/executor';
import { snapshotValue } from '../instance/changes';
import { applyEchoed, applyReturned } from '../instance/hydrate';
import { beginWrite, endWrite } from './in-flight';
import { SNAPSHOT } from '../instance/state';
import type { ValidationErrorItem } from '../errors';
import { checkOptionKeys, checkValues, convertValues, pushKeyParams, validationError } from './params';
import { cacheText, fieldFilter, planInsert, planUpdate } from './plan';
import type { PlanOptions, WritePlan } from './plan';
import { needsLifecycle, saveWithLifecycle } from './lifecycle';

type Instance = Record<string, unknown> & { [SNAPSHOT]: unknown[] | null };

export interface SaveOptions extends CallOptions {
  /** Write only these attributes (of those that changed). */
  fields?: readonly string[];
  /** Leave `updatedAt` as it is. */
  silent?: boolean;
  /** `false` skips the model's validators (the NOT NULL and type checks always run). */
  validate?: boolean;
  /** `false` runs no hooks. */
  hooks?: boolean;
  /** Accepted for Sequelize code: the instance always takes the database's values (RETURNING). */
  returning?: boolean | string[];
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

/** Inserts a new record or updates its changed columns; see Model#save. */
const SAVE_OPTIONS = ['fields', 'silent', 'validate', 'hooks', 'returning'] as const;

export function save(binding: ModelBinding, ex: Executor, instance: object, options?: SaveOptions): Promise<unknown> {
  if (options !== undefined && options !== null) checkOptionKeys(options, SAVE_OPTIONS, `${binding.definition.modelName}.save`);
  // A model without validators or hooks goes straight to the write (two property reads).
  if (needsLifecycle(binding, options)) return saveWithLifecycle(binding, ex, instance as Instance, options);
  return writeInstance(binding, ex, instance as Instance, options);
}

/**
 * Plans, converts, runs and refreshes one instance's INSERT or UPDATE (no validators, no
 * hooks: the lifecycle wraps this). Resolves to the plan written, or undefined when
 * nothing changed and nothing was sent.
 */
export function writeInstance(binding: ModelBinding, ex: Executor, inst: Instance, options?: PlanOptions): Promise<WritePlan | undefined> {
  const def = binding.definition;
  const only = fieldFilter(def, options?.fields);
  if (inst[SNAPSHOT] === null) {
    const missing: ValidationErrorItem[] = [];
    const plan = planInsert(def, inst, only, options?.silent, missing);
    return insert(binding, ex, inst, plan, missing);
  }
  const plan = planUpdate(def, inst, only, options?.silent);
  return plan === undefined ? Promise.resolve(undefined) : update(binding, ex, inst, plan);
}

/** Converts a plan's values, raising every problem (with the missing required attributes) before any SQL. */
function paramsOf(def: ModelDefinition, plan: WritePlan, errors: ValidationErrorItem[]): unknown[] {
  const params: unknown[] = [];
  checkValues(def, plan.attrs, plan.values, errors);
  convertValues(def, plan.attrs, plan.values, params, errors);
  if (errors.length > 0) throw validationError(errors);
  return params;
}

async function insert(binding: ModelBinding, ex: Executor, inst: Instance, plan: WritePlan, missing: ValidationErrorItem[]): Promise<WritePlan> {
  const def = binding.definition;
  const params = paramsOf(def, plan, missing);
  const attrs = plan.attrs;
  const key = keyOf('i', attrs);
  const text = binding.sql.get(key) ?? cacheText(binding, key, insertText(def.qualifiedTable, attrs.map((a) => a.quotedColumn), def.selectList));
  ex.remember?.(def, inst);
  const result = await ex.run<unknown[]>({ text, values: params, prepare: true }, 'array', def);
  applyReturned(def, inst, result.rows[0], allPositions(def), plan.expected);
  return plan;
}

async function update(binding: ModelBinding, ex: Executor, inst: Instance, plan: WritePlan): Promise<WritePlan> {
  const def = binding.definition;
  const { attrs: changed, values } = plan;
  const params = paramsOf(def, plan, []);
  const snapshot = inst[SNAPSHOT];
  // The row is found by the key it had when read, even if the key itself is being changed.
  pushKeyParams(def, snapshot!, 'save', params);
  // Values PostgreSQL stores exactly as sent need no RETURNING: they become the snapshot.
  let echoes = true;
  for (let k = 0; k < changed.length && echoes; k++) echoes = changed[k].type.echoes(values[k]);
  const key = keyOf(echoes ? 'e' : 'u', changed);
  const text = binding.sql.get(key) ?? cacheText(binding, key, updateText(def, changed, echoes));
  // An increment may overlap this save: see in-flight.ts.
  const flight = beginWrite(inst, changed);
  ex.remember?.(def, inst);
  try {
    const result = await ex.run<unknown[]>({ text, values: params, prepare: true }, 'array', def);
    if (result.rowCount === 0) {
      throw new EmptyResultError(`${def.modelName} with ${def.primaryKeys.map((a) => `${a.name} = ${JSON.stringify(snapshotValue(a, snapshot))}`).join(', ')} no longer exists; nothing was saved`);
    }
    if (echoes) applyEchoed(inst, changed, values, plan.expected);
    else applyReturned(def, inst, result.rows[0], positionsOf(changed), plan.expected);
  } finally {
    const settling = endWrite(binding, ex, inst, flight);
    if (settling !== undefined) await settling;
  }
  return plan;
}

function updateText(def: ModelDefinition, changed: readonly AttributeDefinition[], echoes: boolean): string {
  const cols = changed.map((a) => a.quotedColumn);
  return updateByKeyText(def.qualifiedTable, cols, def.primaryKeys.map((a) => a.quotedColumn), echoes ? '' : cols.join(', '));
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

