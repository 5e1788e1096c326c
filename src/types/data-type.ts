import type { CopyWriter } from './copy-binary';

/**
 * A PostgreSQL column type: its DDL, how a JS value becomes a bound parameter (with the
 * checks that keep bad values from reaching SQL), and how a driver value becomes the JS
 * value on an instance and in the dirty-tracking snapshot.
 */
export abstract class DataType {
  /** The DataTypes name, e.g. `STRING`. */
  abstract readonly key: string;
  /** Length/precision that PostgreSQL cannot honour and was dropped (logged once at registration). */
  readonly warnings: string[] = [];

  /** The column type in DDL, e.g. `VARCHAR(255)`. */
  abstract toSql(): string;

  /**
   * Checks a non-null JS value and returns what to bind. Throws `TypeCheck` with a message
   * that completes "<Model>.<attribute> ...".
   */
  abstract toParam(value: unknown): unknown;

  /**
   * How the hot paths treat this type's values:
   * - `plain`: immutable JS values; the snapshot holds the driver value itself.
   * - `date`: the instance holds the Date; the snapshot holds its time, so in-place
   *   `setFullYear()` is still seen as a change.
   * - `custom`: mutable values (JSON, HSTORE, arrays, Buffers): see the three methods below.
   */
  readonly snapshotKind: 'plain' | 'date' | 'custom' = 'plain';

  /**
   * The TypeScript types (as `design:type` emits them: String, Number, Boolean, Date,
   * BigInt, Buffer, Array, Object) an attribute of this type may be declared as, because
   * its values are read back as them; null when any declaration fits (JSON). A declared
   * attribute whose type is not in here gets a registration warning naming both.
   */
  get designTypes(): readonly Function[] | null {
    return null;
  }

  /** custom: the instance value made from a driver value (never shared with the snapshot). */
  fromDriver(raw: unknown): unknown {
    return raw;
  }
  /** custom: what the snapshot keeps of a driver value. */
  snapshotOf(raw: unknown): unknown {
    return raw;
  }
  /** custom: whether the current value equals what the snapshot recorded. */
  equalsSnapshot(current: unknown, snapshot: unknown): boolean {
    return current === snapshot;
  }

  /**
   * Whether PostgreSQL stores and returns `value` exactly as the driver would give it back
   * (an integer, a float8, a boolean, text, a Date to the millisecond). An UPDATE whose
   * values all echo needs no RETURNING: the snapshot can take the values themselves.
   * False (read the stored value back) unless a type knows better.
   */
  echoes(value: unknown): boolean {
    void value;
    return false;
  }

  /** @internal
   * Writes one value `toParam` returned as a field of COPY's binary format (the column
   * type's binary input), or returns false when this type (or this value) has no exact
   * binary form: bulkCreate then sends that batch in COPY's text format.
   */
  copyBinary(param: unknown, w: CopyWriter): boolean {
    void param;
    void w;
    return false;
  }

  /** The element type of the one-dimensional array used to bulk insert, e.g. `varchar(255)[]`. */
  arraySql(): string {
    return `${this.toSql()}[]`;
  }

  /** Compares two JS values of this type (for `changed()` on new records, defaults). */
  toString(): string {
    return this.toSql();
  }
}

/** Thrown by `toParam`; turned into a `ValidationError` naming the model and attribute. */
export class TypeCheck extends Error {}

/** Shared by the text types: PostgreSQL cannot store NUL, and we never rewrite a value. */
export function checkText(value: unknown, what = 'a string'): string {
  if (typeof value !== 'string') throw new TypeCheck(`must be ${what}, got ${describe(value)}`);
  if (value.indexOf('\u0000') !== -1) throw new TypeCheck('contains a NUL character (\\u0000), which PostgreSQL cannot store in text');
  if (!isWellFormed(value)) throw new TypeCheck(LONE_SURROGATE);
  return value;
}

/**
 * The message for a lone UTF-16 surrogate. It has no UTF-8 encoding: the driver would send
 * U+FFFD in its place, silently storing a different string than the one given.
 */
export const LONE_SURROGATE = 'contains a lone UTF-16 surrogate (half of a surrogate pair), which has no UTF-8 encoding; it would be stored as U+FFFD. Fix the string (String#toWellFormed() replaces it explicitly)';

/** Whether a string has no lone surrogate (native `String#isWellFormed`, Node 20+). */
export function isWellFormed(s: string): boolean {
  return (s as unknown as { isWellFormed(): boolean }).isWellFormed();
}

/** A short, safe description of a value for error messages (never the whole value). */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an Invalid Date' : 'a Date';
  if (Buffer.isBuffer(value)) return 'a Buffer';
  switch (typeof value) {
    case 'string': return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
    case 'number': return `the number ${value}`;
    case 'bigint': return `the bigint ${value}n`;
    case 'boolean': return `the boolean ${value}`;
    case 'undefined': return 'undefined';
    case 'function': return 'a function';
    default: return 'an object';
  }
}
