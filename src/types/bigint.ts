import { DataType, TypeCheck, describe } from './data-type';
import type { CopyWriter } from './copy-binary';

const MIN = -(2n ** 63n);
const MAX = 2n ** 63n - 1n;
const DIGITS = /^-?\d{1,19}$/;
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * BIGINT: reads back as an exact decimal string by default (the Database option `bigint`
 * picks `bigint` or `number`). Writes take a string of digits, a bigint, or a safe-integer
 * number; a number past 2^53 is refused because its digits are already lost.
 */
export class BigIntType extends DataType {
  /** MySQL's modifier: accepted, dropped with one warning (see numeric-modifiers.ts). */
  declare readonly UNSIGNED: this;
  /** MySQL's modifier: accepted, dropped with one warning (see numeric-modifiers.ts). */
  declare readonly ZEROFILL: this;
  readonly key = 'BIGINT';
  // Read as a string, a bigint or a number, by the Database's `bigint` option.
  override get designTypes(): readonly Function[] {
    return [String, BigInt, Number];
  }

  /**
   * Set when the Database reads BIGINT as JS numbers (`bigint: 'number'`): a value past
   * 2^53 could be written but never read back, so it is refused before it is written.
   */
  safeIntegersOnly = false;
  constructor(length?: number) {
    super();
    if (length !== undefined) this.warnings.push(`BIGINT(${length}): PostgreSQL BIGINT has no display width; using BIGINT`);
  }
  toSql(): string {
    return 'BIGINT';
  }
  toParam(value: unknown): string {
    let b: bigint;
    if (typeof value === 'bigint') b = value;
    else if (typeof value === 'string' && DIGITS.test(value)) b = BigInt(value);
    else if (typeof value === 'number') {
      if (!Number.isSafeInteger(value)) {
        throw new TypeCheck(Number.isInteger(value)
          ? `${describe(value)} is past 2^53 and has lost digits; pass a string or a bigint`
          : `must be an integer, got ${describe(value)}`);
      }
      return String(value);
    } else throw new TypeCheck(`must be a bigint, a string of digits or a safe integer, got ${describe(value)}`);
    if (b < MIN || b > MAX) throw new TypeCheck(`${describe(value)} is out of range for BIGINT`);
    if (this.safeIntegersOnly && (b > SAFE || b < -SAFE)) {
      throw new TypeCheck(`${describe(value)} is past 2^53, which this Database (bigint: 'number') could not read back; use bigint: 'string' or 'bigint'`);
    }
    return b.toString();
  }
  /** @internal int8, from the digits toParam checked. */
  override copyBinary(param: unknown, w: CopyWriter): boolean {
    w.length(8);
    w.pos = w.buf.writeBigInt64BE(BigInt(param as string), w.pos);
    return true;
  }
}
