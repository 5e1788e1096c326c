/**
 * Hidden per-instance state. The snapshot holds the row as last read from or written to
 * the database, one slot per attribute in definition order; `null` means a new record.
 * Date slots hold the time in ms, JSON-like slots the driver's text (see DataType).
 */
export const SNAPSHOT = Symbol('inscribe.snapshot');

/** A snapshot slot marked by `changed(key, true)`: equal to nothing, so always a change. */
export const FORCED_CHANGE = Symbol('inscribe.forcedChange');
