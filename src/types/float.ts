import { DataType, TypeCheck, describe } from './data-type';
import type { CopyWriter } from './copy-binary';

/**
 * FLOAT, REAL and DOUBLE. PostgreSQL's FLOAT(p) takes a precision in bits (1–53); it has
 * no scale, so FLOAT(n, m) becomes FLOAT and REAL(n) / DOUBLE(n, m) drop their arguments,
 * each with a warning.
 */
export class FloatType extends DataType {
  /** MySQL's modifier: accepted, dropped with one warning (see numeric-modifiers.ts). */
  declare readonly UNSIGNED: this;
  /** MySQL's modifier: accepted, dropped with one warning (see numeric-modifiers.ts). */
  declare readonly ZEROFILL: this;
  override get designTypes(): readonly Function[] {
    return [Number];
  }

  constructor(readonly key: 'FLOAT' | 'REAL' | 'DOUBLE', readonly precision?: number, scale?: number) {
    super();
    const given = `${key}(${precision}${scale !== undefined ? `, ${scale}` : ''})`;
    if (precision === undefined) return;
    if (key !== 'FLOAT') {
      this.warnings.push(`${given}: PostgreSQL ${this.toSql()} takes no precision; using ${this.toSql()}`);
      this.precision = undefined;
    } else if (scale !== undefined) {
      // FLOAT(n, m) means n decimal digits elsewhere; PostgreSQL's FLOAT(n) means n bits,
      // and FLOAT(11) would silently become REAL. Keep the double precision FLOAT.
      this.warnings.push(`${given}: PostgreSQL floats have no scale, and FLOAT(n) counts bits, not digits; using FLOAT`);
      this.precision = undefined;
    } else if (!Number.isInteger(precision) || precision < 1 || precision > 53) {
      this.warnings.push(`${given}: PostgreSQL FLOAT precision is 1 to 53 bits; using FLOAT`);
      this.precision = undefined;
    }
  }
  /** float8 keeps every JS number; REAL and FLOAT(≤ 24) round to float4. */
  echoes(value: unknown): boolean {
    return typeof value === 'number' && this.isFloat8();
  }
  /** A float8 column (DOUBLE, FLOAT, FLOAT(p > 24)), which holds every JS number exactly. */
  private isFloat8(): boolean {
    return this.key !== 'REAL' && (this.precision === undefined || this.precision > 24);
  }
  toSql(): string {
    if (this.key === 'REAL') return 'REAL';
    if (this.key === 'DOUBLE') return 'DOUBLE PRECISION';
    return this.precision !== undefined ? `FLOAT(${this.precision})` : 'FLOAT';
  }
  toParam(value: unknown): number | string {
    // NaN and ±Infinity are valid float values in PostgreSQL, so they pass.
    if (typeof value !== 'number') throw new TypeCheck(`must be a number, got ${describe(value)}`);
    // -0 is a float value too, but a driver writes the number as String(-0), '0': spell the sign.
    return value === 0 && 1 / value < 0 ? '-0' : value;
  }
  /** @internal
   * float8, big-endian IEEE 754: the JS number itself. REAL (and FLOAT(p ≤ 24)) stays on
   * text, where the server rounds the decimal text to float4 exactly as INSERT does.
   */
  override copyBinary(param: unknown, w: CopyWriter): boolean {
    if (!this.isFloat8()) return false;
    w.length(8);
    w.pos = w.buf.writeDoubleBE(param === '-0' ? -0 : (param as number), w.pos);
    return true;
  }
}
