import { DataType, TypeCheck, describe } from './data-type';
import type { CopyWriter } from './copy-binary';

/**
 * ENUM('a', 'b'): a named PostgreSQL enum type, `enum_<table>_<column>` unless named,
 * created and dropped by sync. The name is filled in when the model is normalised.
 */
export class EnumType extends DataType {
  readonly key = 'ENUM';
  override get designTypes(): readonly Function[] {
    return [String];
  }

  readonly values: readonly string[];
  /** Schema-qualified and quoted by the normaliser; used in DDL and casts. */
  typeName?: string;
  constructor(values: readonly string[], typeName?: string) {
    super();
    if (values.length === 0) throw new TypeError('ENUM needs at least one value');
    for (const v of values) if (typeof v !== 'string' || v.length === 0 || v.length > 63) throw new TypeError(`ENUM values must be non-empty strings of at most 63 characters, got ${describe(v)}`);
    if (new Set(values).size !== values.length) throw new TypeError('ENUM values must be distinct');
    this.values = Object.freeze([...values]);
    this.typeName = typeName;
  }
  toSql(): string {
    if (!this.typeName) throw new Error('ENUM type name is set when the model is registered');
    return this.typeName;
  }
  arraySql(): string {
    // Bulk inserts and Op.in bind text[] and cast to the enum: PGlite cannot serialize arrays of a type it does not know.
    return 'text[]';
  }
  toParam(value: unknown): string {
    if (typeof value === 'string' && this.values.includes(value)) return value;
    throw new TypeCheck(`must be one of ${this.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describe(value)}`);
  }
  /** A copy bound to one column's type name. */
  named(typeName: string): EnumType {
    const copy = new EnumType(this.values, typeName);
    return copy;
  }
  /** @internal An enum's binary input is its label's text. */
  override copyBinary(param: unknown, w: CopyWriter): boolean {
    w.text(param as string);
    return true;
  }
}
