import type { Association } from './types';

/** Associations by source class, then by alias. Keyed by class so a subclass never inherits them by accident. */
const store = new WeakMap<Function, Map<string, Association>>();

const NONE: ReadonlyMap<string, Association> = new Map();

/** The associations declared on `model`, by alias (empty when none). */
export function associationsOf(model: Function): ReadonlyMap<string, Association> {
  return store.get(model) ?? NONE;
}

export function recordAssociation(a: Association): void {
  let m = store.get(a.source);
  if (!m) store.set(a.source, (m = new Map()));
  m.set(a.as, a);
}

/** On a target loaded through a junction: the junction model's name, whose row the instance carries under that name. */
export const JUNCTION = Symbol('inscribe.junction');
