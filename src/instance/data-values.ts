import type { ModelDefinition } from '../metadata/definition';
import { checkKeys } from './values';
import { storedValue } from './state';
import { extrasOf } from './extras';

type Store = Record<PropertyKey, unknown>;

/** One live view per instance, made on first use (no slot on the instance: its shape stays the model's). */
const views = new WeakMap<object, object>();

/**
 * Sequelize's `instance.dataValues`: a live object of the stored values (no getters), keyed
 * by attribute name, with the loaded associations (as instances). Reading it reads the
 * instance; writing an attribute through it stores the value as `setDataValue` does, and
 * dirty tracking sees it (Inscribe diffs against the last saved row, so a change made here
 * is saved by the next save(); Sequelize's own `changed()` would miss it). Its keys are the
 * attributes that hold a value (not undefined), as a Sequelize instance has them. Writing an
 * unknown key is an UnknownAttributeError, never a silently ignored value.
 */
export function dataValuesOf(instance: object, def: ModelDefinition, associations: () => ReadonlySet<string> | ReadonlyMap<string, unknown>): Record<string, unknown> {
  let view = views.get(instance);
  if (view === undefined) {
    const self = instance as Store;
    const slot = (k: string): PropertyKey | undefined => def.byName[k]?.key;
    const isExtra = (k: string): boolean => {
      const extras = extrasOf(self);
      return extras !== undefined && Object.hasOwn(extras, k);
    };
    const present = (k: string): boolean => {
      const s = slot(k);
      if (s !== undefined) return self[s] !== undefined;
      return associations().has(k) && self[k] !== undefined;
    };
    view = new Proxy(Object.create(null) as object, {
      get(_t, k) {
        if (typeof k !== 'string') return undefined;
        const a = def.byName[k];
        // storedValue: a deferred DATE is made a Date on first read, as through the accessor.
        if (a !== undefined) return storedValue(self, a);
        if (associations().has(k)) return self[k];
        const extras = extrasOf(self);
        return extras !== undefined && Object.hasOwn(extras, k) ? extras[k] : undefined;
      },
      set(_t, k, v) {
        if (typeof k !== 'string') return false;
        const s = slot(k);
        if (s === undefined && !associations().has(k)) checkKeys(def, { [k]: v }, `${def.modelName}.dataValues`);
        self[s ?? k] = v;
        return true;
      },
      has(_t, k) {
        return typeof k === 'string' && (present(k) || isExtra(k));
      },
      ownKeys() {
        const keys: string[] = [];
        for (const a of def.attributes) if (self[a.key] !== undefined) keys.push(a.name);
        for (const k of associations().keys()) if (self[k] !== undefined) keys.push(k);
        const extras = extrasOf(self);
        if (extras !== undefined) for (const k of Object.keys(extras)) keys.push(k);
        return keys;
      },
      getOwnPropertyDescriptor(_t, k) {
        if (typeof k !== 'string') return undefined;
        if (present(k)) {
          const a = def.byName[k];
          return { value: a !== undefined ? storedValue(self, a) : self[k], writable: true, enumerable: true, configurable: true };
        }
        if (isExtra(k)) return { value: extrasOf(self)![k], writable: false, enumerable: true, configurable: true };
        return undefined;
      },
      defineProperty() {
        return false;
      },
      deleteProperty() {
        return false;
      },
    });
    views.set(instance, view);
  }
  return view as Record<string, unknown>;
}
