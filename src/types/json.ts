import { DataType, TypeCheck, describe } from './data-type';
import { jsonEqual } from './json-value';

/**
 * JSON and JSONB. Bound as JSON text (never as a PostgreSQL array). Models read the raw
 * text: the instance gets a freshly parsed value and the snapshot keeps the text, so an
 * in-place change (`u.meta.a.b = 1`) is found at save time without copying at read time.
 */
export class JsonType extends DataType {
  readonly snapshotKind = 'custom' as const;
  constructor(readonly key: 'JSON' | 'JSONB') {
    super();
  }
  toSql(): string {
    return this.key;
  }
  toParam(value: unknown): string {
    let text: string | undefined;
    try {
      text = JSON.stringify(value);
    } catch (err) {
      throw new TypeCheck(`cannot be stored as JSON: ${(err as Error).message}`);
    }
    if (text === undefined) throw new TypeCheck(`cannot be stored as JSON: ${describe(value)}`);
    if (this.key === 'JSONB' && text.includes('\\u0000')) throw new TypeCheck('contains a NUL character (\\u0000), which JSONB cannot store');
    return text;
  }
  fromDriver(raw: unknown): unknown {
    return typeof raw === 'string' ? JSON.parse(raw) : raw;
  }
  equalsSnapshot(current: unknown, snapshot: unknown): boolean {
    const before = typeof snapshot === 'string' ? JSON.parse(snapshot) : snapshot;
    return jsonEqual(current, before);
  }
}
