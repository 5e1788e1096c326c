import type { ModelDefinition } from '../metadata/definition';
import { SNAPSHOT, UNREAD } from './state';

/** One empty class per model, named after it, so the view prints as `User { … }`. */
const views = new WeakMap<ModelDefinition, new () => object>();

/**
 * What `console.log(instance)` / `util.inspect` shows: the attribute values by name (a
 * deferred Date not read yet appears as the Date it stands for, made for the display only
 * and not kept), then the other own properties (included associations). The snapshot and
 * the other hidden slots stay out of sight.
 */
export function inspectView(def: ModelDefinition, instance: object): object {
  let View = views.get(def);
  if (View === undefined) {
    const name = def.modelName;
    View = ({ [name]: class {} })[name];
    views.set(def, View);
  }
  const out = new View() as Record<string, unknown>;
  const inst = instance as Record<PropertyKey, unknown>;
  const snapshot = inst[SNAPSHOT] as unknown[] | null;
  for (const a of def.attributes) {
    const v = inst[a.key];
    if (v !== undefined) out[a.name] = v === UNREAD ? new Date(snapshot![a.position] as number) : v;
  }
  for (const k of Object.keys(inst)) if (def.byName[k] === undefined) out[k] = inst[k];
  return out;
}
