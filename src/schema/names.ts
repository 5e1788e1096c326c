import { limitIdentifier } from '../sql/quote';
import { ArrayType, EnumType } from '../types';
import type { DataType } from '../types';

/**
 * Splits an identifier quoted by `quoteTable` (`"schema"."name"` or `"name"`) back into its
 * parts, so definitions (which hold quoted names) can be matched with catalog rows.
 */
export function unquoteQualified(sql: string): { schema?: string; name: string } {
  const parts: string[] = [];
  let i = 0;
  while (i < sql.length) {
    if (sql[i] !== '"') throw new Error(`not a quoted identifier: ${sql}`);
    let part = '';
    i++;
    for (;;) {
      if (i >= sql.length) throw new Error(`unterminated quoted identifier: ${sql}`);
      if (sql[i] === '"') {
        if (sql[i + 1] === '"') { part += '"'; i += 2; continue; }
        i++;
        break;
      }
      part += sql[i++];
    }
    parts.push(part);
    if (i < sql.length) {
      if (sql[i] !== '.') throw new Error(`not a quoted identifier: ${sql}`);
      i++;
    }
  }
  if (parts.length === 1) return { name: parts[0] };
  if (parts.length === 2) return { schema: parts[0], name: parts[1] };
  throw new Error(`not a table or type name: ${sql}`);
}

/** DDL spellings → how `format_type()` prints them. */
const BUILTIN: Readonly<Record<string, string>> = {
  TEXT: 'text', BYTEA: 'bytea', INTEGER: 'integer', SMALLINT: 'smallint', BIGINT: 'bigint',
  REAL: 'real', 'DOUBLE PRECISION': 'double precision', FLOAT: 'double precision', NUMERIC: 'numeric',
  BOOLEAN: 'boolean', TIMESTAMPTZ: 'timestamp with time zone', TIMESTAMP: 'timestamp without time zone',
  DATE: 'date', TIME: 'time without time zone', UUID: 'uuid', JSON: 'json', JSONB: 'jsonb',
};

/** Extension types: the catalog reports them by name. */
const EXTENSION_TYPES: Readonly<Record<string, string>> = { HSTORE: 'hstore', CITEXT: 'citext' };

/**
 * The comparable key of a column type, spelled as `catalog.ts` spells the live column's:
 * `character varying(255)`, `numeric(10,2)`, `enum:public.enum_Users_mood`, `hstore[]`.
 * `resolveEnum` gives an enum type's schema and name.
 */
export function typeKey(type: DataType, resolveEnum: (e: EnumType) => { schema: string; name: string }): string {
  if (type instanceof ArrayType) return `${typeKey(type.element, resolveEnum)}[]`;
  if (type instanceof EnumType) {
    const ref = resolveEnum(type);
    return `enum:${ref.schema}.${ref.name}`;
  }
  const sql = type.toSql().toUpperCase();
  if (BUILTIN[sql]) return BUILTIN[sql];
  if (EXTENSION_TYPES[sql]) return EXTENSION_TYPES[sql];
  let m = /^VARCHAR\((\d+)\)$/.exec(sql);
  if (m) return `character varying(${m[1]})`;
  m = /^NUMERIC\((\d+)(?:,\s*(\d+))?\)$/.exec(sql);
  if (m) return `numeric(${m[1]},${m[2] ?? '0'})`;
  m = /^FLOAT\((\d+)\)$/.exec(sql);
  if (m) return Number(m[1]) <= 24 ? 'real' : 'double precision';
  return sql.toLowerCase();
}

/** The SERIAL pseudo type for an autoIncrement column of this integer type. */
export function serialType(alterType: string): string {
  const t = alterType.toUpperCase();
  return t === 'BIGINT' ? 'BIGSERIAL' : t === 'SMALLINT' ? 'SMALLSERIAL' : 'SERIAL';
}

/** The name sync gives the FOREIGN KEY of `column` in `table` (PostgreSQL's own default spelling). */
export function foreignKeyName(table: string, column: string): string {
  return limitIdentifier(`${table}_${column}`, 'fkey');
}
