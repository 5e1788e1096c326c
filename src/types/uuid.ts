import { DataType, TypeCheck, describe } from './data-type';
import type { CopyWriter } from './copy-binary';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** UUID: a string in the canonical 8-4-4-4-12 form. */
export class UuidType extends DataType {
  readonly key = 'UUID';
  override get designTypes(): readonly Function[] {
    return [String];
  }

  toSql(): string {
    return 'UUID';
  }
  /** PostgreSQL prints UUIDs in lower case. */
  echoes(value: unknown): boolean {
    return typeof value === 'string' && value === value.toLowerCase();
  }
  toParam(value: unknown): string {
    if (typeof value === 'string' && UUID.test(value)) return value;
    throw new TypeCheck(`must be a UUID string, got ${describe(value)}`);
  }
  /** @internal uuid's binary input: its 16 bytes. */
  override copyBinary(param: unknown, w: CopyWriter): boolean {
    w.length(16);
    w.buf.write((param as string).replace(/-/g, ''), w.pos, 16, 'hex');
    w.pos += 16;
    return true;
  }
}
