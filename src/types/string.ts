import { DataType, TypeCheck, checkText } from './data-type';
import type { CopyWriter } from './copy-binary';
import { BlobType } from './blob';

/** STRING / STRING(n): VARCHAR(n), default 255. `STRING.BINARY` is BYTEA. */
export class StringType extends DataType {
  readonly key = 'STRING';
  override get designTypes(): readonly Function[] {
    return [String];
  }

  constructor(readonly length = 255) {
    super();
    if (!Number.isInteger(length) || length < 1 || length > 10485760) throw new RangeError(`STRING(${length}): the length must be an integer from 1 to 10485760`);
  }
  /** `STRING(n).BINARY`: BYTEA, which has no length, so `n` is dropped with a warning. */
  get BINARY(): BinaryStringType {
    const t = new BinaryStringType();
    if (this.length !== 255) t.warnings.push(`STRING(${this.length}).BINARY: PostgreSQL BYTEA has no length; using BYTEA`);
    return t;
  }
  toSql(): string {
    return `VARCHAR(${this.length})`;
  }
  echoes(value: unknown): boolean {
    return typeof value === 'string';
  }
  toParam(value: unknown): string {
    const s = checkText(value);
    // Cheap pre-check: a string can only be too long in code points if its UTF-16 length is.
    if (s.length > this.length && [...s].length > this.length) throw new TypeCheck(`is ${[...s].length} characters long; VARCHAR(${this.length}) holds at most ${this.length}`);
    return s;
  }
  /** @internal varchar's binary input is its UTF-8 text (the length was checked by toParam). */
  override copyBinary(param: unknown, w: CopyWriter): boolean {
    w.text(param as string);
    return true;
  }
}

/** TEXT; a MySQL size argument ('tiny', 'medium', 'long') is dropped with a warning. */
export class TextType extends DataType {
  readonly key: string = 'TEXT';
  override get designTypes(): readonly Function[] {
    return [String];
  }

  constructor(size?: string) {
    super();
    if (size !== undefined) this.warnings.push(`TEXT('${size}'): PostgreSQL TEXT has no size variants; using TEXT`);
  }
  toSql(): string {
    return 'TEXT';
  }
  echoes(value: unknown): boolean {
    return typeof value === 'string';
  }
  toParam(value: unknown): string {
    return checkText(value);
  }
  /** @internal */
  override copyBinary(param: unknown, w: CopyWriter): boolean {
    w.text(param as string);
    return true;
  }
}

/** CITEXT: case-insensitive text (sync creates the `citext` extension). */
export class CitextType extends TextType {
  readonly key = 'CITEXT';
  toSql(): string {
    return 'CITEXT';
  }
  arraySql(): string {
    // An extension type: bound as text[] and cast in SQL (see EnumType.arraySql).
    return 'text[]';
  }
  /** @internal An extension type: left to COPY's text format. */
  override copyBinary(): boolean {
    return false;
  }
}

/** `DataTypes.STRING.BINARY`: a binary string is a BYTEA in PostgreSQL. */
export class BinaryStringType extends BlobType {
  readonly key = 'STRING.BINARY';
}
