import { DataType, TypeCheck, describe } from './data-type';

const NUMERIC = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** DECIMAL(p, s) / NUMERIC: exact; read back as a string so no digit is lost. */
export class DecimalType extends DataType {
  /** MySQL's modifier: accepted, dropped with one warning (see numeric-modifiers.ts). */
  declare readonly UNSIGNED: this;
  /** MySQL's modifier: accepted, dropped with one warning (see numeric-modifiers.ts). */
  declare readonly ZEROFILL: this;
  readonly key: string;
  // Exact: read as text, never a (rounded) number.
  override get designTypes(): readonly Function[] {
    return [String];
  }

  constructor(key: 'DECIMAL' | 'NUMERIC', readonly precision?: number, readonly scale?: number) {
    super();
    this.key = key;
    if (precision !== undefined && (!Number.isInteger(precision) || precision < 1 || precision > 1000)) throw new RangeError(`${key}(${precision}): precision must be 1 to 1000`);
    if (scale !== undefined) {
      if (precision === undefined) throw new RangeError(`${key}(undefined, ${scale}): a scale needs a precision`);
      if (!Number.isInteger(scale) || scale < 0 || scale > precision) throw new RangeError(`${key}(${precision}, ${scale}): the scale must be an integer from 0 to the precision`);
    }
  }
  toSql(): string {
    if (this.precision === undefined) return 'NUMERIC';
    return this.scale === undefined ? `NUMERIC(${this.precision})` : `NUMERIC(${this.precision},${this.scale})`;
  }
  toParam(value: unknown): string {
    if (typeof value === 'string') {
      if (NUMERIC.test(value)) return value;
      // PostgreSQL's numeric has NaN, but a JS caller reading 'NaN' back gets a string that
      // Number() turns into NaN and arithmetic silently spreads: refused like Infinity.
      if (/^\s*[+-]?nan\s*$/i.test(value)) throw new TypeCheck(`must be a finite decimal number, got ${describe(value)}: NaN is refused (PostgreSQL accepts it, but it poisons arithmetic in JS); use null for "no value"`);
      throw new TypeCheck(`must be a decimal number, got ${describe(value)}`);
    }
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new TypeCheck(`must be a finite number, got ${describe(value)}`);
      return String(value);
    }
    if (typeof value === 'bigint') return value.toString();
    throw new TypeCheck(`must be a decimal string or a number, got ${describe(value)}`);
  }
}
