import { DataType, LONE_SURROGATE, TypeCheck, describe } from './data-type';
import type { CopyWriter } from './copy-binary';
import { jsonEqual } from './json-value';

/** A `\udXXX` escape preceded by an even number of backslashes (so not an escaped backslash). */
const LONE_ESCAPE = /(?<!\\)(?:\\\\)*\\ud[89a-f][0-9a-f]{2}/;

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
    // JSON.stringify writes a lone surrogate (in a key or a string) as a \udXXX escape and
    // keeps well-formed pairs as they are; PostgreSQL then refuses it or (JSON) keeps an
    // escape no JS string round-trips cleanly. The cheap includes() keeps the regex off the usual path.
    if (text.includes('\\ud') && LONE_ESCAPE.test(text)) throw new TypeCheck(`a string in it ${LONE_SURROGATE}`);
    return text;
  }
  fromDriver(raw: unknown): unknown {
    return typeof raw === 'string' ? JSON.parse(raw) : raw;
  }
  equalsSnapshot(current: unknown, snapshot: unknown): boolean {
    const before = typeof snapshot === 'string' ? JSON.parse(snapshot) : snapshot;
    return jsonEqual(current, before);
  }
  /** @internal json's binary input is its text; jsonb's is a version byte (1) and the text. */
  override copyBinary(param: unknown, w: CopyWriter): boolean {
    w.text(param as string, this.key === 'JSONB' ? 1 : -1);
    return true;
  }
}
