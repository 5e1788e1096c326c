import { DataType, TypeCheck, describe } from './data-type';
import { writeDate, writeTimestamp } from './copy-binary';
import type { CopyWriter } from './copy-binary';
import { dateText, timestampText } from './date-text';

/**
 * DATE: TIMESTAMPTZ, read back as a Date. Takes a valid Date, epoch milliseconds, or a
 * string PostgreSQL can read (checked with Date.parse first); strings are bound as given.
 */
export class DateType extends DataType {
  readonly key = 'DATE';
  override get designTypes(): readonly Function[] {
    return [Date];
  }

  readonly snapshotKind = 'date' as const;
  constructor(precision?: number) {
    super();
    if (precision !== undefined) this.warnings.push(`DATE(${precision}): fractional-second precision is not applied; using TIMESTAMPTZ (microseconds)`);
  }
  toSql(): string {
    return 'TIMESTAMPTZ';
  }
  /** A Date is stored to the microsecond, so its milliseconds come back unchanged; a string may not. */
  echoes(value: unknown): boolean {
    if (!(value instanceof Date)) return false;
    const year = value.getUTCFullYear();
    return year >= 1 && year <= 9999;
  }
  toParam(value: unknown): unknown {
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) throw new TypeCheck('is an Invalid Date');
      // ISO text in UTC is what PostgreSQL reads fastest; years past 9999 or before 1 spelled as it reads them.
      return timestampText(value);
    }
    if (typeof value === 'number' && Number.isFinite(value)) {
      const d = new Date(value);
      if (Number.isNaN(d.getTime())) throw new TypeCheck(`is out of the range of a Date: ${value}`);
      return timestampText(d);
    }
    if (typeof value === 'string') {
      if (value === 'infinity' || value === '-infinity' || !Number.isNaN(Date.parse(value))) return value;
      throw new TypeCheck(`is not a date: ${describe(value)}`);
    }
    throw new TypeCheck(`must be a Date, got ${describe(value)}`);
  }
  /** @internal */
  override copyBinary(param: unknown, w: CopyWriter): boolean {
    return writeTimestamp(w, param);
  }
}

/** 'YYYY-MM-DD', the year in four digits or more, ' BC' before year 1 (as PostgreSQL writes a DATE, and reads it back). */
const DATE_ONLY = /^\d{4,}-\d{2}-\d{2}( BC)?$/;

/** DATEONLY: DATE, read and written as 'YYYY-MM-DD' (a Date is taken by its UTC day). */
export class DateOnlyType extends DataType {
  readonly key = 'DATEONLY';
  // 'YYYY-MM-DD' text, never a Date.
  override get designTypes(): readonly Function[] {
    return [String];
  }

  toSql(): string {
    return 'DATE';
  }
  toParam(value: unknown): string {
    if (typeof value === 'string' && (DATE_ONLY.test(value) || value === 'infinity' || value === '-infinity')) return value;
    if (value instanceof Date && !Number.isNaN(value.getTime())) return dateText(value);
    throw new TypeCheck(`must be a 'YYYY-MM-DD' string, got ${describe(value)}`);
  }
  /** @internal */
  override copyBinary(param: unknown, w: CopyWriter): boolean {
    return writeDate(w, param);
  }
}

const TIME = /^\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$/;

/** TIME: read and written as 'HH:MM:SS[.ffffff]'. */
export class TimeType extends DataType {
  readonly key = 'TIME';
  override get designTypes(): readonly Function[] {
    return [String];
  }

  toSql(): string {
    return 'TIME';
  }
  toParam(value: unknown): string {
    if (typeof value === 'string' && TIME.test(value)) return value;
    throw new TypeCheck(`must be an 'HH:MM:SS' string, got ${describe(value)}`);
  }
}
