/**
 * Reads what sync left in the real catalog (information_schema / pg_catalog), in the
 * session's current schema (the suite's schema on the server, public on PGlite).
 */
import type { Database } from '../../../src/index';

export interface ColumnInfo {
  type: string;
  nullable: boolean;
  default: string | null;
  comment: string | null;
}

export async function columns(db: Database, table: string): Promise<Record<string, ColumnInfo>> {
  const rows = await db.query<{ name: string; type: string; nullable: string; default: string | null; comment: string | null }>(
    `SELECT c.column_name AS name, format_type(a.atttypid, a.atttypmod) AS type, c.is_nullable AS nullable, c.column_default AS default,
       col_description(a.attrelid, a.attnum) AS comment
     FROM information_schema.columns c
     JOIN pg_attribute a ON a.attrelid = (quote_ident(c.table_schema) || '.' || quote_ident(c.table_name))::regclass AND a.attname = c.column_name
     WHERE c.table_schema = current_schema() AND c.table_name = $1 ORDER BY c.ordinal_position`, { bind: [table] });
  const out: Record<string, ColumnInfo> = {};
  for (const r of rows) out[r.name] = { type: r.type, nullable: r.nullable === 'YES', default: r.default, comment: r.comment };
  return out;
}

/** Constraints as `TYPE(name: columns) → target`, sorted, e.g. `UNIQUE(ab: a,b)`. */
export async function constraints(db: Database, table: string): Promise<string[]> {
  const rows = await db.query<{ text: string }>(
    `SELECT CASE k.contype WHEN 'p' THEN 'PRIMARY KEY' WHEN 'u' THEN 'UNIQUE' WHEN 'f' THEN 'FOREIGN KEY' ELSE k.contype::text END
       || '(' || k.conname || ': ' || (SELECT string_agg(a.attname, ',' ORDER BY u.i) FROM unnest(k.conkey) WITH ORDINALITY u(n, i) JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n) || ')'
       || CASE WHEN k.contype = 'f' THEN ' → ' || k.confrelid::regclass::text || ' ON DELETE ' || k.confdeltype::text || ' ON UPDATE ' || k.confupdtype::text ELSE '' END AS text
     FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
     WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) AND c.relname = $1 AND k.contype IN ('p', 'u', 'f') ORDER BY 1`, { bind: [table] });
  return rows.map((r) => r.text);
}

/** Index definitions (pg_indexes.indexdef) not backing a constraint, by name. */
export async function indexes(db: Database, table: string): Promise<Record<string, string>> {
  const rows = await db.query<{ name: string; def: string }>(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
     WHERE i.schemaname = current_schema() AND i.tablename = $1
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname AND k.connamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()))`, { bind: [table] });
  const out: Record<string, string> = {};
  for (const r of rows) out[r.name] = r.def.replace(/ ON (\S+\.)?/, ' ON ');
  return out;
}

export async function tableExists(db: Database, table: string, schema?: string): Promise<boolean> {
  const rows = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = coalesce($2, current_schema()) AND table_name = $1`, { bind: [table, schema ?? null] });
  return rows[0].n === 1;
}

/** The labels of an enum type in the current schema, in order; null when it does not exist. */
export async function enumValues(db: Database, type: string): Promise<string[] | null> {
  const rows = await db.query<{ label: string }>(
    `SELECT e.enumlabel AS label FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
     WHERE t.typname = $1 AND t.typnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) ORDER BY e.enumsortorder`, { bind: [type] });
  return rows.length ? rows.map((r) => r.label) : null;
}

export async function tableComment(db: Database, table: string): Promise<string | null> {
  const rows = await db.query<{ c: string | null }>(
    `SELECT obj_description(c.oid, 'pg_class') AS c FROM pg_class c WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) AND c.relname = $1`, { bind: [table] });
  return rows[0]?.c ?? null;
}

export async function count(db: Database, table: string): Promise<number> {
  const rows = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table.replace(/"/g, '""')}"`);
  return rows[0].n;
}

/** The DDL statements in a log: everything but catalog reads and transaction control. */
export function ddlIn(log: readonly string[]): string[] {
  return log.filter((s) => !/^(BEGIN|COMMIT|ROLLBACK|SET search_path|SELECT)/.test(s));
}

/**
 * How DROP names a table or type of a model without its own schema: qualified with the
 * Database's `schema` option (every suite has one, on the server and on the shared PGlite),
 * so it never falls through to `public`.
 */
export function inSchema(t: { driver: string; schema: string }, name: string): string {
  return t.schema !== 'public' ? `"${t.schema}"."${name}"` : `"${name}"`;
}
