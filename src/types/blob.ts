import { DataType, TypeCheck, describe } from './data-type';
import type { CopyWriter } from './copy-binary';

/** BLOB: BYTEA, read and written as a Buffer. */
export class BlobType extends DataType {
  readonly key: string = 'BLOB';
  override get designTypes(): readonly Function[] {
    return [Buffer];
  }

  readonly snapshotKind = 'custom' as const;
  constructor(size?: string) {
    super();
    if (size !== undefined) this.warnings.push(`BLOB('${size}'): PostgreSQL BYTEA has no size variants; using BYTEA`);
  }
  toSql(): string {
    return 'BYTEA';
  }
  toParam(value: unknown): Buffer {
    if (Buffer.isBuffer(value)) return value;
    if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    throw new TypeCheck(`must be a Buffer or Uint8Array, got ${describe(value)}`);
  }
  /** The instance gets its own copy, so writing into the Buffer is a change the snapshot sees. */
  fromDriver(raw: unknown): unknown {
    return Buffer.isBuffer(raw) ? Buffer.from(raw) : raw;
  }
  equalsSnapshot(current: unknown, snapshot: unknown): boolean {
    if (current === snapshot) return true;
    return Buffer.isBuffer(current) && Buffer.isBuffer(snapshot) && current.equals(snapshot);
  }
  /** @internal bytea's binary input is the bytes themselves. */
  override copyBinary(param: unknown, w: CopyWriter): boolean {
    w.bytes(param as Buffer);
    return true;
  }
}
