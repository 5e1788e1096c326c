import { throwIfEmpty } from './reject-on-empty';
import type { ModelDefinition } from '../metadata/definition';
import { hydrateRows, hydrateSelectedRows } from '../instance/hydrate';
import { extraObjects, nestObject, rawObjects } from './raw-rows';
import { setExtras } from '../instance/extras';
import type { Selection } from './selection';

type ModelClass = new () => unknown;

/**
 * Instances (through the hydration hot path) or, with `raw`, plain objects keyed by
 * attribute name (`nest: true`: dotted keys become nested objects). Aliased columns
 * (`[fn(…), 'n']`) are keys of the plain objects, and `get('n')` of the instances.
 */
export function materialise(def: ModelDefinition, model: Function, rows: unknown[][], selection: Selection, raw: boolean | 'nest'): unknown[] {
  const extras = selection.extras === undefined ? undefined : extraObjects(rows, selection.attrs.length, selection.extras);
  if (raw !== false) {
    const out = rawObjects(rows, selection.attrs);
    if (extras !== undefined) for (let i = 0; i < out.length; i++) Object.assign(out[i], extras[i]);
    return raw === 'nest' ? out.map(nestObject) : out;
  }
  const out = selection.full ? hydrateRows(def, model as ModelClass, rows) : hydrateSelectedRows(def, model as ModelClass, rows, selection.attrs);
  if (extras !== undefined) for (let i = 0; i < out.length; i++) setExtras(out[i] as object, extras[i]);
  return out;
}

/** What a finder that found nothing gives: null, or the `rejectOnEmpty` error. */
export function empty(options: { rejectOnEmpty?: unknown }, message: string): null {
  return throwIfEmpty(options.rejectOnEmpty, message);
}
