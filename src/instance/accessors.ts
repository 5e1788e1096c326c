import type { ModelDefinition } from '../metadata/definition';
import { UNREAD, materialise } from './state';

type Store = Record<PropertyKey, unknown>;

/**
 * Puts an accessor on the model's prototype for each attribute with `get`/`set` and each
 * VIRTUAL attribute, so `user.fullName` runs the getter and `user.name = 'x'` the setter,
 * as in Sequelize. The stored value lives under the attribute's symbol key (see
 * AttributeDefinition.key); attributes without `get`/`set` stay plain own properties, so
 * models that use none pay nothing.
 */
export function installAccessors(prototype: object, def: ModelDefinition): void {
  for (const a of def.attributes) {
    if (typeof a.key !== 'symbol') continue;
    const key = a.key;
    const getter = a.getter;
    const setter = a.setter;
    if (a.deferred) {
      const position = a.position;
      Object.defineProperty(prototype, a.name, {
        configurable: true,
        enumerable: false,
        get: function (this: Store) { const v = this[key]; return v === UNREAD ? materialise(this, key, position) : v; },
        set: function (this: Store, v: unknown) { this[key] = v; },
      });
      continue;
    }
    Object.defineProperty(prototype, a.name, {
      configurable: true,
      enumerable: false,
      get: getter !== undefined ? function (this: object) { return getter.call(this); } : function (this: Store) { return this[key]; },
      set: setter !== undefined ? function (this: object, v: unknown) { setter.call(this, v); } : function (this: Store, v: unknown) { this[key] = v; },
    });
  }
  for (const v of def.virtuals) {
    const key = v.key;
    const getter = v.getter;
    const setter = v.setter;
    Object.defineProperty(prototype, v.name, {
      configurable: true,
      enumerable: false,
      get: getter !== undefined ? function (this: object) { return getter.call(this); } : function (this: Store) { return this[key]; },
      set: setter !== undefined ? function (this: object, value: unknown) { setter.call(this, value); } : function (this: Store, value: unknown) { this[key] = value; },
    });
  }
}

/** Where `getDataValue`/`setDataValue` read and write `name`: the stored slot, never the accessor. */
export function dataKey(def: ModelDefinition, name: string): PropertyKey | undefined {
  const a = def.byName[name];
  if (a !== undefined) return a.key;
  for (const v of def.virtuals) if (v.name === name) return v.key;
  return undefined;
}
