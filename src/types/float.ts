import { DataType, TypeCheck, describe } from './data-type';

/**
 * FLOAT, REAL and DOUBLE. PostgreSQL's FLOAT(p) takes a precision in bits (1–53); it has
 * no scale, so FLOAT(n, m) and DOUBLE(n, m) drop the scale with a warning.
 */
export class FloatType extends DataType {
  constructor(readonly key: 'FLOAT' | 'REAL' | 'DOUBLE', readonly precision?: number, scale?: number) {
    super();
    if (key === 'FLOAT' && precision !== undefined && (precision < 1 || precision > 53)) {
      this.warnings.push(`FLOAT(${precision}): PostgreSQL FLOAT precision is 1 to 53 bits; using FLOAT`);
      this.precision = undefined;
    }
    if (key !== 'FLOAT' && precision !== undefined) this.warnings.push(`${key}(${precision}${scale !== undefined ? ', ' + scale : ''}): PostgreSQL ${this.toSql()} takes no precision; using ${this.toSql()}`);
    else if (scale !== undefined) this.warnings.push(`${key}(${precision}, ${scale}): PostgreSQL floats have no scale; using ${this.toSql()}`);
  }
  toSql(): string {
    if (this.key === 'REAL') return 'REAL';
    if (this.key === 'DOUBLE') return 'DOUBLE PRECISION';
    return this.precision !== undefined ? `FLOAT(${this.precision})` : 'FLOAT';
  }
  toParam(value: unknown): number {
    // NaN and ±Infinity are valid float values in PostgreSQL, so they pass.
    if (typeof value !== 'number') throw new TypeCheck(`must be a number, got ${describe(value)}`);
    return value;
  }
}
