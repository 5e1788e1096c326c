import { DataType } from './data-type';
import { StringType, TextType, CitextType, BinaryStringType } from './string';
import { BlobType } from './blob';
import { IntegerType } from './integer';
import { BigIntType } from './bigint';
import { FloatType } from './float';
import { DecimalType } from './decimal';
import { BooleanType } from './boolean';
import { DateType, DateOnlyType, TimeType } from './date';
import { UuidType } from './uuid';
import { JsonType } from './json';
import { HstoreType } from './hstore';
import { EnumType } from './enum';
import { ArrayType } from './array';
import { VirtualType } from './virtual';
import { NOW, UUIDV1, UUIDV4 } from './defaults';
import { installModifiers } from './numeric-modifiers';

export { DataType, TypeCheck } from './data-type';
export { DefaultMarker, NOW, UUIDV1, UUIDV4 } from './defaults';
export {
  StringType, TextType, CitextType, BinaryStringType, BlobType, IntegerType, BigIntType, FloatType,
  DecimalType, BooleanType, DateType, DateOnlyType, TimeType, UuidType, JsonType, HstoreType, EnumType, ArrayType, VirtualType,
};

/**
 * A DataTypes entry is usable bare (`DataTypes.STRING`) or called (`DataTypes.STRING(100)`);
 * the normaliser calls a bare one with no arguments.
 */
export type DataTypeFactory<A extends unknown[] = [], T extends DataType = DataType> = ((...args: A) => T) & { readonly key: string };

function factory<A extends unknown[], T extends DataType, X extends object = {}>(key: string, make: (...args: A) => T, extra?: X): DataTypeFactory<A, T> & X {
  const f = ((...args: A) => make(...args)) as DataTypeFactory<A, T> & X;
  Object.defineProperty(f, 'key', { value: key });
  if (extra) Object.assign(f, extra);
  return f;
}

/** `DataTypes.STRING`: `STRING(n)` is a StringType; with `binary` it is BYTEA. */
export interface StringFactory {
  (length?: number): StringType;
  (length: number | { length?: number; binary: boolean } | undefined, binary?: boolean): StringType | BinaryStringType;
  readonly key: string;
  readonly BINARY: DataType;
}

/** The typing of the `UNSIGNED`/`ZEROFILL` getters a numeric factory gets (installed below). */
function numeric<T extends DataType>(): { readonly UNSIGNED: T; readonly ZEROFILL: T } {
  return {} as { readonly UNSIGNED: T; readonly ZEROFILL: T };
}

/**
 * Every column type Inscribe maps to PostgreSQL. See the README table for the SQL types.
 *
 * @example
 * db.define('Item', {
 *   name: DataTypes.STRING(80),                 // VARCHAR(80)
 *   price: DataTypes.DECIMAL(10, 2),            // NUMERIC(10,2), read as a string
 *   tags: DataTypes.ARRAY(DataTypes.TEXT),      // TEXT[]
 *   kind: DataTypes.ENUM('a', 'b'),             // a named enum type, created by sync
 *   token: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4 },
 * });
 */
export const DataTypes = Object.freeze({
  /** `STRING(n)`; `STRING(n, true)`, `STRING({ length, binary: true })` and `STRING.BINARY` are BYTEA, as in Sequelize. */
  STRING: factory('STRING', (length?: number | { length?: number; binary?: boolean }, binary?: boolean): DataType => {
    const o = typeof length === 'object' && length !== null ? length : { length, binary };
    const t = new StringType(o.length ?? 255);
    return o.binary === true ? t.BINARY : t;
  }, {
    get BINARY(): DataType { return new BinaryStringType(); },
  }) as unknown as StringFactory,
  TEXT: factory('TEXT', (size?: 'tiny' | 'medium' | 'long') => new TextType(size)),
  CITEXT: factory('CITEXT', () => new CitextType()),
  INTEGER: factory('INTEGER', (length?: number) => new IntegerType('INTEGER', length), numeric<IntegerType>()),
  SMALLINT: factory('SMALLINT', (length?: number) => new IntegerType('SMALLINT', length), numeric<IntegerType>()),
  BIGINT: factory('BIGINT', (length?: number) => new BigIntType(length), numeric<BigIntType>()),
  FLOAT: factory('FLOAT', (precision?: number, scale?: number) => new FloatType('FLOAT', precision, scale), numeric<FloatType>()),
  REAL: factory('REAL', (precision?: number, scale?: number) => new FloatType('REAL', precision, scale), numeric<FloatType>()),
  DOUBLE: factory('DOUBLE', (precision?: number, scale?: number) => new FloatType('DOUBLE', precision, scale), numeric<FloatType>()),
  DECIMAL: factory('DECIMAL', (precision?: number, scale?: number) => new DecimalType('DECIMAL', precision, scale), numeric<DecimalType>()),
  NUMERIC: factory('NUMERIC', (precision?: number, scale?: number) => new DecimalType('NUMERIC', precision, scale), numeric<DecimalType>()),
  BOOLEAN: factory('BOOLEAN', () => new BooleanType()),
  DATE: factory('DATE', (precision?: number) => new DateType(precision)),
  DATEONLY: factory('DATEONLY', () => new DateOnlyType()),
  TIME: factory('TIME', () => new TimeType()),
  UUID: factory('UUID', () => new UuidType()),
  JSON: factory('JSON', () => new JsonType('JSON')),
  JSONB: factory('JSONB', () => new JsonType('JSONB')),
  HSTORE: factory('HSTORE', () => new HstoreType()),
  BLOB: factory('BLOB', (size?: 'tiny' | 'medium' | 'long') => new BlobType(size)),
  ENUM: factory('ENUM', (...values: Array<string | string[] | { values: string[] }>) => {
    const first = values[0];
    const list = Array.isArray(first) ? first : typeof first === 'object' && first !== null ? first.values : (values as string[]);
    return new EnumType(list);
  }),
  ARRAY: factory('ARRAY', (element: DataType | DataTypeFactory<any>) => new ArrayType(toDataType(element))),
  /**
   * No column: a value computed by the attribute's `get` (and written through its `set`).
   * @example fullName: { type: DataTypes.VIRTUAL(DataTypes.STRING, ['firstName', 'lastName']), get() { return `${this.firstName} ${this.lastName}` } }
   */
  VIRTUAL: factory('VIRTUAL', (returnType?: DataType | DataTypeFactory<any>, dependencies?: string[]) => new VirtualType(returnType === undefined ? undefined : toDataType(returnType), dependencies ?? [])),
  NOW,
  UUIDV1,
  UUIDV4,
});

// `INTEGER.UNSIGNED`, `INTEGER(11).UNSIGNED.ZEROFILL`, … (see numeric-modifiers.ts).
for (const t of [IntegerType, BigIntType, FloatType, DecimalType]) installModifiers(t.prototype, (self: DataType) => self);
for (const f of [DataTypes.INTEGER, DataTypes.SMALLINT, DataTypes.BIGINT, DataTypes.FLOAT, DataTypes.REAL, DataTypes.DOUBLE, DataTypes.DECIMAL, DataTypes.NUMERIC]) {
  installModifiers(f, (self: () => DataType) => self());
}

/** Accepts a DataType instance or a bare factory; anything else is undefined. */
export function toDataType(t: unknown): DataType {
  if (t instanceof DataType) return t;
  if (typeof t === 'function' && typeof (t as { key?: unknown }).key === 'string') {
    const made = (t as () => unknown)();
    if (made instanceof DataType) return made;
  }
  throw new TypeError(`not a DataType: ${typeof t === 'function' ? (t as Function).name || 'a function' : String(t)}; use one of DataTypes.*`);
}
