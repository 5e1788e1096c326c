import type { AttributeDefinition, ModelDefinition } from '../metadata/definition';
import { ArrayType, JsonType } from '../types';
import type { DataType } from '../types';
import { toParam } from '../persistence/params';

/**
 * How one attribute's values become bound parameters in finder SQL. Every value passes
 * the attribute's type (`toParam`, a ValidationError naming model and attribute when it is
 * refused) and is pushed onto `values`; what goes into the text is only `$n` and a cast
 * taken from the model's own type.
 */

/**
 * Whether a type is bound as `text[]` in array parameters and cast back in SQL: the types
 * whose `arraySql()` is not simply `toSql()[]` (ENUM, ARRAY, HSTORE, CITEXT), because not
 * every driver can serialize arrays of them.
 */
export function boundAsText(type: DataType): boolean {
  return type.arraySql() !== `${type.toSql()}[]`;
}

/** The column as it is compared: JSON has no equality operator, so it compares as JSONB. */
export function columnExpression(a: AttributeDefinition): string {
  return a.type instanceof JsonType && a.type.key === 'JSON' ? `${a.quotedColumn}::jsonb` : a.quotedColumn;
}

/** Binds one non-null value; returns its placeholder, e.g. `$3`, `$3::jsonb`, or `$3::text::INTEGER[]` (ARRAY values are array-literal text, see ArrayType.toParam). */
export function bindValue(def: ModelDefinition, a: AttributeDefinition, value: unknown, values: unknown[]): string {
  values.push(toParam(def, a, value));
  const n = `$${values.length}`;
  if (a.type instanceof JsonType) return `${n}::jsonb`;
  if (a.type instanceof ArrayType) return `${n}::text::${a.type.toSql()}`;
  return n;
}

/** Binds a list of non-null values as one array parameter; returns e.g. `$2::INTEGER[]`. */
export function bindArray(def: ModelDefinition, a: AttributeDefinition, list: readonly unknown[], values: unknown[]): string {
  const params = new Array(list.length);
  for (let i = 0; i < list.length; i++) params[i] = toParam(def, a, list[i]);
  values.push(params);
  return arrayPlaceholder(a, values.length);
}

/** The placeholder of an array parameter of `a`'s values, with its cast: `$2::INTEGER[]`, `$2::text[]::citext[]`. */
export function arrayPlaceholder(a: AttributeDefinition, position: number): string {
  const n = `$${position}`;
  if (a.type instanceof JsonType) return `${n}::jsonb[]`;
  if (boundAsText(a.type)) return `${n}::text[]::${a.type.toSql()}[]`;
  return `${n}::${a.type.arraySql()}`;
}
