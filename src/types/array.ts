import { DataType, TypeCheck, describe } from './data-type';
import { parseArrayLiteral, toArrayLiteral } from './array-literal';
import { jsonEqual } from './json-value';

/**
 * ARRAY(type): `type[]`. Elements are checked by the element type. Reads give the instance
 * its own copy, so `u.tags.push('x')` is a change the snapshot sees.
 */
export class ArrayType extends DataType {
  readonly key = 'ARRAY';
  override get designTypes(): readonly Function[] {
    return [Array];
  }

  readonly snapshotKind = 'custom' as const;
  constructor(readonly element: DataType) {
    super();
    if (element instanceof ArrayType) throw new TypeError('ARRAY(ARRAY(...)) is not supported: PostgreSQL arrays are not nested by type; use a one-level ARRAY and nested JS arrays');
    this.warnings.push(...element.warnings);
  }
  toSql(): string {
    return `${this.element.toSql()}[]`;
  }
  /** Bound as PostgreSQL's array text (`{"a","b"}`), the same on both drivers. */
  toParam(value: unknown): string {
    if (!Array.isArray(value)) throw new TypeCheck(`must be an array, got ${describe(value)}`);
    return toArrayLiteral(this.mapElements(value));
  }
  private mapElements(list: unknown[]): unknown[] {
    const out = new Array(list.length);
    for (let i = 0; i < list.length; i++) {
      const v = list[i];
      if (v === null || v === undefined) {
        if (v === undefined) throw new TypeCheck(`has undefined at index ${i}; use null`);
        out[i] = null;
      } else if (Array.isArray(v)) out[i] = this.mapElements(v);
      else {
        try {
          out[i] = this.element.toParam(v);
        } catch (err) {
          if (err instanceof TypeCheck) throw new TypeCheck(`[${i}] ${err.message}`);
          throw err;
        }
      }
    }
    return out;
  }
  fromDriver(raw: unknown): unknown {
    if (typeof raw === 'string') return parseArrayLiteral(raw, (s) => s);
    return Array.isArray(raw) ? deepCopy(raw) : raw;
  }
  snapshotOf(raw: unknown): unknown {
    return typeof raw === 'string' ? parseArrayLiteral(raw, (s) => s) : raw;
  }
  equalsSnapshot(current: unknown, snapshot: unknown): boolean {
    if (current === snapshot) return true;
    if (!Array.isArray(current) || !Array.isArray(snapshot)) return false;
    return sameItems(current, snapshot);
  }
  arraySql(): string {
    // unnest() of a 2-D array flattens it, so each value is bound as its array-literal text and cast back.
    return 'text[]';
  }
}

function deepCopy(list: unknown[]): unknown[] {
  const out = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    out[i] = Array.isArray(v) ? deepCopy(v) : v instanceof Date ? new Date(v.getTime()) : Buffer.isBuffer(v) ? Buffer.from(v) : v;
  }
  return out;
}

function sameItems(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i], y = b[i];
    if (x === y) continue;
    if (Array.isArray(x) && Array.isArray(y)) { if (!sameItems(x, y)) return false; continue; }
    if (x instanceof Date && y instanceof Date) { if (x.getTime() !== y.getTime()) return false; continue; }
    if (Buffer.isBuffer(x) && Buffer.isBuffer(y)) { if (!x.equals(y)) return false; continue; }
    if (typeof x === 'object' && typeof y === 'object' && jsonEqual(x, y)) continue;
    return false;
  }
  return true;
}
