import { DataType, TypeCheck, describe } from './data-type';
import type { CopyWriter } from './copy-binary';

const RANGES = {
  SMALLINT: [-32768, 32767],
  INTEGER: [-2147483648, 2147483647],
} as const;

/** INTEGER and SMALLINT: whole JS numbers within the column's range (bigints in range too). */
export class IntegerType extends DataType {
  /** MySQL's modifier: accepted, dropped with one warning (see numeric-modifiers.ts). */
  declare readonly UNSIGNED: this;
  /** MySQL's modifier: accepted, dropped with one warning (see numeric-modifiers.ts). */
  declare readonly ZEROFILL: this;
  override get designTypes(): readonly Function[] {
    return [Number];
  }

  constructor(readonly key: 'INTEGER' | 'SMALLINT' = 'INTEGER', length?: number) {
    super();
    if (length !== undefined) this.warnings.push(`${key}(${length}): PostgreSQL integers have no display width; using ${key}`);
  }
  toSql(): string {
    return this.key;
  }
  echoes(value: unknown): boolean {
    return typeof value === 'number';
  }
  toParam(value: unknown): number {
    const [min, max] = RANGES[this.key];
    let n: number;
    if (typeof value === 'number') n = value;
    else if (typeof value === 'bigint') n = Number(value);
    else throw new TypeCheck(`must be an integer number, got ${describe(value)}`);
    if (!Number.isInteger(n)) throw new TypeCheck(`must be an integer, got ${describe(value)}`);
    if (n < min || n > max) throw new TypeCheck(`${describe(value)} is out of range for ${this.key} (${min} to ${max})`);
    return n;
  }
  /** @internal int4 / int2, big-endian. */
  override copyBinary(param: unknown, w: CopyWriter): boolean {
    if (this.key === 'INTEGER') {
      w.length(4);
      w.pos = w.buf.writeInt32BE(param as number, w.pos);
    } else {
      w.length(2);
      w.pos = w.buf.writeInt16BE(param as number, w.pos);
    }
    return true;
  }
}
