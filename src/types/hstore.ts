import { DataType, LONE_SURROGATE, TypeCheck, describe, isWellFormed } from './data-type';
import { parseHstore, stringifyHstore } from './hstore-codec';
import { jsonEqual } from './json-value';

/** HSTORE: a flat map of string keys to string or null (sync creates the extension). */
export class HstoreType extends DataType {
  readonly key = 'HSTORE';
  override get designTypes(): readonly Function[] {
    return [Object];
  }

  readonly snapshotKind = 'custom' as const;
  toSql(): string {
    return 'HSTORE';
  }
  arraySql(): string {
    // An extension type: bound as text[] and cast in SQL (see EnumType.arraySql).
    return 'text[]';
  }
  toParam(value: unknown): string {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Date || Buffer.isBuffer(value)) {
      throw new TypeCheck(`must be an object of string values, got ${describe(value)}`);
    }
    const map = value as Record<string, unknown>;
    for (const key of Object.keys(map)) {
      const v = map[key];
      if (v !== null && typeof v !== 'string') throw new TypeCheck(`key ${JSON.stringify(key)} must hold a string or null, got ${describe(v)}`);
      if (key.includes('\u0000') || (typeof v === 'string' && v.includes('\u0000'))) throw new TypeCheck('contains a NUL character, which PostgreSQL cannot store');
      if (!isWellFormed(key) || (typeof v === 'string' && !isWellFormed(v))) throw new TypeCheck(`key ${JSON.stringify(key)}: the key or its value ${LONE_SURROGATE}`);
    }
    return stringifyHstore(map as Record<string, string | null>);
  }
  fromDriver(raw: unknown): unknown {
    return typeof raw === 'string' ? parseHstore(raw) : raw;
  }
  equalsSnapshot(current: unknown, snapshot: unknown): boolean {
    return jsonEqual(current, typeof snapshot === 'string' ? parseHstore(snapshot) : snapshot);
  }
}
