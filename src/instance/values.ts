import { v1 as uuidv1, v4 as uuidv4 } from 'uuid';
import { UnknownAttributeError, UsageError } from '../errors';
import type { AttributeDefinition, ModelDefinition } from '../metadata/definition';
import { storedValue } from './state';

type Instance = Record<string, unknown>;

/** Refuses keys the model does not have; names every one of them. */
export function checkKeys(definition: ModelDefinition, values: object, what: string, virtuals = false): string[] {
  if (values === null || typeof values !== 'object' || Array.isArray(values)) throw new UsageError(`${what} takes an object of attribute values`);
  const keys = Object.keys(values);
  let unknown: string[] | undefined;
  for (const k of keys) if (definition.byName[k] === undefined && !(virtuals && isVirtual(definition, k))) (unknown ??= []).push(k);
  if (unknown) {
    const list = unknown.map((k) => JSON.stringify(k)).join(', ');
    throw new UnknownAttributeError(`${what}: ${definition.modelName} has no attribute ${list}. Its attributes are: ${definition.attributes.map((a) => a.name).join(', ')}`,
      unknown.map((k) => ({ model: definition.modelName, attribute: k, message: `unknown attribute ${JSON.stringify(k)}` })));
  }
  return keys;
}

/** Assigns `values` after checking every key, then fills JS defaults for what is still unset. */
export function assignBuildValues(definition: ModelDefinition, inst: Instance, values: object | undefined): void {
  if (values !== undefined) {
    const keys = checkKeys(definition, values, `${definition.modelName}.build`, true);
    const v = values as Record<string, unknown>;
    for (const k of keys) if (v[k] !== undefined) inst[k] = v[k];
  }
  const withDefaults = definition.withDefaults;
  for (let i = 0; i < withDefaults.length; i++) {
    const a = withDefaults[i];
    if (inst[a.key as string] === undefined) inst[a.key as string] = defaultFor(a);
  }
}

/** A fresh default value: literal objects are copied, so no two records share one. */
export function defaultFor(a: AttributeDefinition): unknown {
  const d = a.defaultValue!;
  switch (d.kind) {
    case 'literal': return d.value !== null && typeof d.value === 'object' ? structuredClone(d.value) : d.value;
    case 'now': return a.type.key === 'DATE' ? new Date() : a.type.key === 'DATEONLY' ? new Date().toISOString().slice(0, 10) : new Date().toISOString().slice(11, 19);
    case 'uuidv4': return uuidv4();
    case 'uuidv1': return uuidv1();
    case 'function': return d.fn();
  }
}

/** `set(key, value)` / `set({ ... })`: all keys checked first, so a bad call changes nothing. */
export function setValues(definition: ModelDefinition, inst: Instance, keyOrValues: string | object, value?: unknown): void {
  if (typeof keyOrValues === 'string') {
    if (definition.byName[keyOrValues] === undefined) checkKeys(definition, { [keyOrValues]: value }, `${definition.modelName}.set`, true);
    if (value === undefined) throw new UsageError(`${definition.modelName}.set('${keyOrValues}', undefined): assign null to clear a value`);
    inst[keyOrValues] = value;
    return;
  }
  const keys = checkKeys(definition, keyOrValues, `${definition.modelName}.set`, true);
  const v = keyOrValues as Record<string, unknown>;
  for (const k of keys) if (v[k] === undefined) throw new UsageError(`${definition.modelName}.set({ ${k}: undefined }): assign null to clear a value`);
  for (const k of keys) inst[k] = v[k];
}

/**
 * A plain object of the attribute values that are set (for `get({ plain: true })` and
 * `toJSON`), read through the getters and with the VIRTUAL attributes, as in Sequelize;
 * `raw`: the stored values, no getters, no virtuals.
 */
export function plainValues(definition: ModelDefinition, inst: Instance, raw = false): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const attrs = definition.attributes;
  const store = inst as Record<PropertyKey, unknown>;
  for (let i = 0; i < attrs.length; i++) {
    const v = raw ? storedValue(store, attrs[i]) : inst[attrs[i].name];
    if (v !== undefined) out[attrs[i].name] = v;
  }
  if (!raw) {
    for (const virtual of definition.virtuals) {
      const v = inst[virtual.name];
      if (v !== undefined) out[virtual.name] = v;
    }
  }
  return out;
}

/** Whether `name` is a VIRTUAL attribute of the model. */
export function isVirtual(definition: ModelDefinition, name: string): boolean {
  const vs = definition.virtuals;
  for (let i = 0; i < vs.length; i++) if (vs[i].name === name) return true;
  return false;
}
