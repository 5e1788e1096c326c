import type { Database } from '../../src/index';

export interface ColumnInfo {
  data_type: string;
  udt_name: string;
  is_nullable: 'YES' | 'NO';
  column_default: string | null;
  character_maximum_length: number | null;
  numeric_precision: number | null;
  numeric_scale: number | null;
}

/** The live columns of `table` in the suite's schema, from information_schema.columns. */
export async function columnsOf(db: Database, table: string): Promise<Record<string, ColumnInfo>> {
  const rows = await db.query<ColumnInfo & { column_name: string }>(
    `SELECT column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length::int AS character_maximum_length,
            numeric_precision::int AS numeric_precision, numeric_scale::int AS numeric_scale
       FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
    { bind: [table] },
  );
  const out: Record<string, ColumnInfo> = {};
  for (const { column_name, ...info } of rows) out[column_name] = info;
  return out;
}
