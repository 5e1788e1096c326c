import { DataType, DefaultMarker, TypeCheck } from '../types';
import { DateType, DateOnlyType, TimeType, UuidType, JsonType, IntegerType, BigIntType, FloatType, DecimalType, BooleanType, EnumType } from '../types';
import { quoteLiteral } from '../sql/quote';
import type { DefaultValue } from './definition';
import { timestampText } from '../types/date-text';

/** Turns a declared `defaultValue` into its runtime form and, where possible, a SQL DEFAULT. */
export function normaliseDefault(value: unknown, type: DataType, where: string): { defaultValue: DefaultValue; sqlDefault?: string } {
  if (value instanceof DefaultMarker) {
    if (value.kind === 'NOW') {
      const sqlDefault = type instanceof DateType ? 'CURRENT_TIMESTAMP' : type instanceof DateOnlyType ? 'CURRENT_DATE' : type instanceof TimeType ? 'LOCALTIME' : undefined;
      if (!sqlDefault) throw new TypeError(`${where}: DataTypes.NOW is a default for DATE, DATEONLY or TIME, not ${type.key}`);
      return { defaultValue: { kind: 'now' }, sqlDefault };
    }
    if (!(type instanceof UuidType) && type.key !== 'STRING' && type.key !== 'TEXT') throw new TypeError(`${where}: DataTypes.${value.kind} is a default for UUID columns, not ${type.key}`);
    // gen_random_uuid() is built in since PostgreSQL 13; v1 needs an extension, so it stays JS-only.
    return value.kind === 'UUIDV4'
      ? { defaultValue: { kind: 'uuidv4' }, sqlDefault: type instanceof UuidType ? 'gen_random_uuid()' : 'gen_random_uuid()::text' }
      : { defaultValue: { kind: 'uuidv1' } };
  }
  if (typeof value === 'function') return { defaultValue: { kind: 'function', fn: value as () => unknown } };
  if (value === null) return { defaultValue: { kind: 'literal', value: null }, sqlDefault: 'NULL' };
  let param: unknown;
  try {
    param = type.toParam(value);
  } catch (err) {
    if (err instanceof TypeCheck) throw new TypeError(`${where}: the default value ${err.message}`);
    throw err;
  }
  return { defaultValue: { kind: 'literal', value }, sqlDefault: sqlLiteral(param, type) };
}

/** A literal default written into DDL; undefined when the type has no simple literal form. */
function sqlLiteral(param: unknown, type: DataType): string | undefined {
  if (type instanceof IntegerType || type instanceof FloatType) {
    const n = param as number;
    return Number.isFinite(n) ? String(n) : `${quoteLiteral(String(n))}::${type.toSql()}`;
  }
  if (type instanceof BooleanType) return param ? 'true' : 'false';
  if (type instanceof BigIntType || type instanceof DecimalType) return `${quoteLiteral(String(param))}::${type.toSql()}`;
  if (type instanceof DateType) return `${quoteLiteral(param instanceof Date ? timestampText(param) : String(param))}::timestamptz`;
  if (type instanceof EnumType) return quoteLiteral(String(param));
  if (type instanceof JsonType) return `${quoteLiteral(param as string)}::${type.toSql()}`;
  if (Buffer.isBuffer(param)) return `${quoteLiteral(`\\x${param.toString('hex')}`)}::BYTEA`;
  if (typeof param === 'string') return `${quoteLiteral(param)}::${type.toSql()}`;
  return undefined;
}
