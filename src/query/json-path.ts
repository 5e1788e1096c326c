import { UsageError } from '../errors';
import { JsonType } from '../types';
import { andGroup, compare } from '../sql/conditions';
import { isExpression } from './expressions';
import { BINARY, OP_NAMES, lhsCondition, operand, splitCast } from './expression-sql';
import type { SqlScope } from './expression-sql';
import { Op } from './operators';
import { isPlainObject, unknownAttribute } from './where';

/**
 * JSON/JSONB paths in a where, as Sequelize 6 compiles them: `{ meta: { a: { b: 1 } } }`,
 * `'meta.a.b'`, `'meta.n::integer'`. The path segments are bound as one `text[]` parameter;
 * values are bound; a cast comes from the closed list in expressions.ts.
 */

/**
 * A JSON path: the attribute (JSON or JSONB), the path segments and an optional cast, from
 * `'meta.a.b'` / `'meta.a.b::integer'`.
 */
export function jsonTarget(s: SqlScope, key: string): { base: string; path: string[]; cast?: string } {
  const [name, cast] = splitCast(s, key);
  const parts = name.split('.');
  const a = s.def.byName[parts[0]];
  if (a === undefined) throw unknownAttribute(s, parts[0], 'a JSON path');
  if (!(a.type instanceof JsonType)) throw new UsageError(`${s.what}: ${JSON.stringify(key)} is a path, but ${s.def.modelName}.${a.name} is ${a.type.key}, not JSON/JSONB`);
  if (parts.slice(1).some((p) => p === '')) throw new UsageError(`${s.what}: ${JSON.stringify(key)} has an empty path segment`);
  return { base: a.quotedColumn, path: parts.slice(1), cast };
}

/** `("meta" #>> $1)`: the text at a path (the segments bound as one text[] parameter). */
export function jsonText(s: SqlScope, base: string, path: readonly string[]): string {
  if (path.length === 0) return `(${base} #>> '{}')`;
  s.values.push(path.slice());
  return `(${base} #>> $${s.values.length}::text[])`;
}

/** `("meta" #> $1)`: the JSON value at a path, as jsonb. */
function jsonValue(s: SqlScope, base: string, path: readonly string[]): string {
  if (path.length === 0) return `${base}::jsonb`;
  s.values.push(path.slice());
  return `(${base}::jsonb #> $${s.values.length}::text[])`;
}

export function castText(text: string, cast: string | undefined): string {
  return cast === undefined ? text : `CAST(${text} AS ${cast})`;
}

/** Sequelize's cast of a JSON path by the compared value: numbers, booleans and dates compare as such. */
function castFor(v: unknown): string | undefined {
  const x = Array.isArray(v) ? v[0] : v;
  if (typeof x === 'number') return 'DOUBLE PRECISION';
  if (typeof x === 'boolean') return 'BOOLEAN';
  if (x instanceof Date) return 'TIMESTAMPTZ';
  return undefined;
}

/**
 * The conditions on one JSON path, as Sequelize 6 compiles them: a nested object is more
 * path (`{ a: { b: 1 } }`), Op symbols compare the text at the path (cast by the value:
 * numbers as double precision, booleans, dates), a scalar is equality, null is IS NULL
 * (missing key or JSON null), an array is JSON equality of the value at the path.
 */
export function jsonConditions(s: SqlScope, base: string, path: readonly string[], cast: string | undefined, item: unknown): string {
  const where = `${s.def.modelName} JSON path ${JSON.stringify(path.join('.'))}`;
  if (item === undefined) throw new UsageError(`${s.what}: ${where} is undefined; a where never ignores a condition (use null for IS NULL)`);
  if (isPlainObject(item)) {
    const o = item as Record<string | symbol, unknown>;
    const keys = Object.keys(o);
    const syms = Object.getOwnPropertySymbols(o);
    if (keys.length === 0 && syms.length === 0) throw new UsageError(`${s.what}: ${where} is given {}; to match a whole JSON value use { [Op.eq]: {} }`);
    const parts: string[] = [];
    if (syms.length > 0) {
      let text: string | undefined;
      for (const sym of syms) {
        const name = OP_NAMES.get(sym);
        const v = o[sym];
        if (name === 'contains' || name === 'contained') {
          const target = jsonValue(s, base, path);
          s.values.push(JSON.stringify(v));
          parts.push(`${target} ${BINARY[name]} $${s.values.length}::jsonb`);
          continue;
        }
        text ??= jsonText(s, base, path);
        parts.push(lhsCondition(s, castText(text, cast ?? castFor(opValue(v))), { [sym]: v }, where));
      }
    }
    for (const k of keys) {
      const [seg, c] = splitCast(s, k);
      parts.push(jsonConditions(s, base, [...path, seg], c, o[k]));
    }
    return andGroup(parts);
  }
  if (Array.isArray(item)) {
    const target = jsonValue(s, base, path);
    s.values.push(JSON.stringify(item));
    return `${target} = $${s.values.length}::jsonb`;
  }
  if (isExpression(item)) return compare(castText(jsonText(s, base, path), cast), '=', operand(s, item));
  return lhsCondition(s, castText(jsonText(s, base, path), cast ?? castFor(item)), item, where);
}

/** The value an operator compares with, looking through `{ [Op.any]: [...] }`. */
function opValue(v: unknown): unknown {
  if (isPlainObject(v)) {
    const syms = Object.getOwnPropertySymbols(v);
    if (syms.length === 1 && (syms[0] === Op.any || syms[0] === Op.all)) return (v as Record<symbol, unknown>)[syms[0]];
  }
  return v;
}
