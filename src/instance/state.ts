import type { AttributeDefinition } from '../metadata/definition';

/**
 * Hidden per-instance state. The snapshot holds the row as last read from or written to
 * the database, one slot per attribute in definition order; `null` means a new record.
 * Date slots hold the time in ms, JSON-like slots the driver's text (see DataType).
 */
export const SNAPSHOT = Symbol('inscribe.snapshot');

/** A snapshot slot marked by `changed(key, true)`: equal to nothing, so always a change. */
export const FORCED_CHANGE = Symbol('inscribe.forcedChange');

/**
 * The value slot of a deferred DATE attribute (AttributeDefinition.deferred) that has not
 * been read since it was loaded: its value is the snapshot's time, and its Date object is
 * made on first read. A Date never handed out cannot have been mutated in place, so the
 * snapshot alone is exact until then.
 */
export const UNREAD = Symbol('inscribe.unread');

type Slots = Record<PropertyKey, unknown> & { [SNAPSHOT]: unknown[] | null };

/**
 * The Date of a deferred DATE attribute, made from the snapshot's time on first read and
 * kept (so every read returns the same object, and mutating it in place is a change).
 */
export function materialise(instance: object, key: PropertyKey, position: number): Date {
  const inst = instance as Slots;
  const snapshot = inst[SNAPSHOT]!;
  const d = new Date(snapshot[position] as number);
  // The same time, now the boxed number the Date holds: one number per slot instead of two.
  snapshot[position] = d.getTime();
  inst[key] = d;
  return d;
}

/** The stored value of `a` (its slot, not its getter), a deferred Date made real. */
export function storedValue(instance: object, a: AttributeDefinition): unknown {
  const v = (instance as Slots)[a.key];
  return v === UNREAD ? materialise(instance, a.key, a.position) : v;
}
