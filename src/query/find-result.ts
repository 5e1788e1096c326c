import { throwIfEmpty } from './reject-on-empty';
import type { ModelDefinition } from '../metadata/definition';
import { hydrateRows, hydrateSelectedRows } from '../instance/hydrate';
import { rawObjects } from './raw-rows';
import type { Selection } from './selection';

type ModelClass = new () => unknown;

/** Instances (through the hydration hot path) or, with `raw`, plain objects keyed by attribute name. */
export function materialise(def: ModelDefinition, model: Function, rows: unknown[][], selection: Selection, raw: boolean): unknown[] {
  if (raw) return rawObjects(rows, selection.attrs);
  return selection.full ? hydrateRows(def, model as ModelClass, rows) : hydrateSelectedRows(def, model as ModelClass, rows, selection.attrs);
}

/** What a finder that found nothing gives: null, or the `rejectOnEmpty` error. */
export function empty(options: { rejectOnEmpty?: unknown }, message: string): null {
  return throwIfEmpty(options.rejectOnEmpty, message);
}
