import type { Executor } from '../driver/executor';
import { refKey } from './spec';
import type { ActualColumn, ActualForeignKey, ActualIndex, ActualSchema, ActualTable, ConstraintSpec, ObjectRef, ReferentialAction } from './spec';

/**
 * Reads the actual schema from pg_catalog. Every read is batched over the whole set of
 * tables and types (bound text arrays), so syncing N models costs the same few queries as
 * syncing one. Every column is cast to a built-in type so both drivers return the same values.
 */

export interface CatalogContext {
  /** The session's current schema (first existing schema on the search_path), or null. */
  readonly currentSchema: string | null;
  readonly schemas: ReadonlySet<string>;
  readonly searchPath: readonly string[];
  readonly extensions: ReadonlyMap<string, string>;
}

const CONTEXT_SQL = `SELECT current_schema()::text AS current_schema,
  ARRAY(SELECT nspname::text FROM pg_namespace WHERE nspname = ANY($1::text[])) AS schemas,
  ARRAY(SELECT unnest(current_schemas(false))::text) AS search_path,
  ARRAY(SELECT e.extname::text FROM pg_extension e ORDER BY e.extname) AS extension_names,
  ARRAY(SELECT n.nspname::text FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace ORDER BY e.extname) AS extension_schemas`;

/** Query 1: the session and the database (schemas, extensions). */
export async function readContext(db: Executor, schemas: readonly string[]): Promise<CatalogContext> {
  const { rows } = await db.run<{ current_schema: string | null; schemas: string[]; search_path: string[]; extension_names: string[]; extension_schemas: string[] }>(
    { text: CONTEXT_SQL, values: [schemas] }, 'object');
  const r = rows[0];
  return {
    currentSchema: r.current_schema,
    schemas: new Set(r.schemas),
    searchPath: r.search_path,
    extensions: new Map(r.extension_names.map((name, i) => [name, r.extension_schemas[i]])),
  };
}

/** The wanted tables as a relation: `unnest($1, $2) AS w(s, t)` joined to pg_class. */
const TABLES_FROM = `FROM unnest($1::text[], $2::text[]) AS w(s, t)
  JOIN pg_namespace n ON n.nspname = w.s
  JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = w.t AND c.relkind IN ('r', 'p')`;

const COLUMNS_SQL = `SELECT n.nspname::text AS schema, c.relname::text AS table, obj_description(c.oid, 'pg_class')::text AS table_comment,
  a.attname::text AS column, format_type(a.atttypid, a.atttypmod)::text AS type, a.attnotnull AS not_null,
  pg_get_expr(d.adbin, d.adrelid)::text AS default, col_description(c.oid, a.attnum)::text AS comment,
  et.typtype::text AS elem_kind, et.typname::text AS elem_name, en.nspname::text AS elem_schema, (t.typcategory = 'A') AS is_array
${TABLES_FROM}
  LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
  LEFT JOIN pg_type t ON t.oid = a.atttypid
  LEFT JOIN pg_type et ON et.oid = CASE WHEN t.typcategory = 'A' THEN t.typelem ELSE t.oid END
  LEFT JOIN pg_namespace en ON en.oid = et.typnamespace
ORDER BY 1, 2, a.attnum`;

const CONSTRAINTS_SQL = `SELECT n.nspname::text AS schema, c.relname::text AS table, k.conname::text AS name, k.contype::text AS kind,
  ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY AS u(num, i)
        JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.num ORDER BY u.i) AS columns,
  fn.nspname::text AS target_schema, fc.relname::text AS target_table,
  ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY AS u(num, i)
        JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.num ORDER BY u.i) AS target_columns,
  k.confdeltype::text AS on_delete, k.confupdtype::text AS on_update
${TABLES_FROM}
  JOIN pg_constraint k ON k.conrelid = c.oid AND k.contype IN ('p', 'u', 'f')
  LEFT JOIN pg_class fc ON fc.oid = k.confrelid
  LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
ORDER BY 1, 2, 3`;

/** Indexes that do not back a constraint of their table (those are read as constraints). */
const INDEXES_SQL = `SELECT n.nspname::text AS schema, c.relname::text AS table, ic.relname::text AS name, i.indisunique AS unique,
  (i.indpred IS NULL AND i.indexprs IS NULL) AS plain,
  ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS u(num, o)
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = u.num ORDER BY u.o) AS columns
${TABLES_FROM}
  JOIN pg_index i ON i.indrelid = c.oid
  JOIN pg_class ic ON ic.oid = i.indexrelid
WHERE NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid AND k.conindid = i.indexrelid)
ORDER BY 1, 2, 3`;

const ENUMS_SQL = `SELECT n.nspname::text AS schema, t.typname::text AS name,
  ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS values
FROM unnest($1::text[], $2::text[]) AS w(s, t)
  JOIN pg_namespace n ON n.nspname = w.s
  JOIN pg_type t ON t.typnamespace = n.oid AND t.typname = w.t AND t.typtype = 'e'`;

const ACTION_CODES: Readonly<Record<string, ReferentialAction>> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

interface MutableTable {
  ref: ObjectRef;
  columns: Map<string, ActualColumn>;
  comment?: string;
  primaryKey?: ConstraintSpec;
  uniques: ConstraintSpec[];
  foreignKeys: ActualForeignKey[];
  indexes: ActualIndex[];
}

/** Queries 2–5: the tables (columns, constraints, indexes) and the enum types. */
export async function readObjects(db: Executor, context: CatalogContext, tables: readonly ObjectRef[], enums: readonly ObjectRef[]): Promise<ActualSchema> {
  const found = new Map<string, MutableTable>();
  const pair = (refs: readonly ObjectRef[]) => [refs.map((r) => r.schema), refs.map((r) => r.name)];
  const tableOf = (row: { schema: string; table: string }) => found.get(refKey({ schema: row.schema, name: row.table }))!;

  if (tables.length > 0) {
    const columns = await db.run<ColumnRow>({ text: COLUMNS_SQL, values: pair(tables) }, 'object');
    for (const row of columns.rows) {
      const ref = { schema: row.schema, name: row.table };
      let t = found.get(refKey(ref));
      if (!t) {
        t = { ref, columns: new Map(), comment: row.table_comment ?? undefined, uniques: [], foreignKeys: [], indexes: [] };
        found.set(refKey(ref), t);
      }
      if (row.column !== null) t.columns.set(row.column, actualColumn(row));
    }
  }
  if (found.size > 0) {
    const present = [...found.values()].map((t) => t.ref);
    const constraints = await db.run<ConstraintRow>({ text: CONSTRAINTS_SQL, values: pair(present) }, 'object');
    for (const row of constraints.rows) {
      const t = tableOf(row);
      if (row.kind === 'p') t.primaryKey = { name: row.name, columns: row.columns };
      else if (row.kind === 'u') t.uniques.push({ name: row.name, columns: row.columns });
      else {
        t.foreignKeys.push({
          name: row.name, columns: row.columns, target: { schema: row.target_schema, name: row.target_table }, targetColumns: row.target_columns,
          onDelete: ACTION_CODES[row.on_delete] ?? 'NO ACTION', onUpdate: ACTION_CODES[row.on_update] ?? 'NO ACTION',
        });
      }
    }
    const indexes = await db.run<IndexRow>({ text: INDEXES_SQL, values: pair(present) }, 'object');
    for (const row of indexes.rows) tableOf(row).indexes.push({ name: row.name, columns: row.columns, unique: row.unique, plain: row.plain });
  }

  const enumValues = new Map<string, readonly string[]>();
  if (enums.length > 0) {
    const rows = await db.run<{ schema: string; name: string; values: string[] }>({ text: ENUMS_SQL, values: pair(enums) }, 'object');
    for (const row of rows.rows) enumValues.set(refKey(row), row.values);
  }
  return {
    schemas: context.schemas,
    extensions: context.extensions,
    searchPath: context.searchPath,
    tables: found as ReadonlyMap<string, ActualTable>,
    enums: enumValues,
  };
}

interface ColumnRow {
  schema: string; table: string; table_comment: string | null; column: string | null; type: string; not_null: boolean;
  default: string | null; comment: string | null; elem_kind: string; elem_name: string; elem_schema: string; is_array: boolean;
}
interface ConstraintRow {
  schema: string; table: string; name: string; kind: 'p' | 'u' | 'f'; columns: string[];
  target_schema: string; target_table: string; target_columns: string[]; on_delete: string; on_update: string;
}
interface IndexRow { schema: string; table: string; name: string; unique: boolean; plain: boolean; columns: string[] }

/** The live column, its type spelled as `names.typeKey` spells a wanted one. */
function actualColumn(row: ColumnRow): ActualColumn {
  const suffix = row.is_array ? '[]' : '';
  const typeKey = row.elem_schema === 'pg_catalog' ? row.type
    : row.elem_kind === 'e' ? `enum:${row.elem_schema}.${row.elem_name}${suffix}`
    : `${row.elem_name}${suffix}`;
  return { name: row.column!, typeKey, notNull: row.not_null, default: row.default ?? undefined, comment: row.comment ?? undefined };
}
