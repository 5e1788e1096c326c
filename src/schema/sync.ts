// MINIMAL VERSION (create / force / drop) until the schema issue lands; see issue 4.
import { UsageError } from '../errors';
import type { Executor } from '../driver/executor';
import type { ModelDefinition } from '../metadata/definition';
import { quoteIdent } from '../sql/quote';

export interface SyncOptions {
  force?: boolean;
  alter?: boolean | { drop?: boolean };
  match?: RegExp;
  dryRun?: boolean;
  logging?: false | ((sql: string) => void);
}

export interface DropOptions {
  match?: RegExp;
  dryRun?: boolean;
  logging?: false | ((sql: string) => void);
}

function createTable(def: ModelDefinition): string[] {
  const out: string[] = [];
  for (const ext of def.extensions) out.push(`CREATE EXTENSION IF NOT EXISTS ${ext}`);
  if (def.schema) out.push(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(def.schema)}`);
  for (const e of def.enums) out.push(`DO $$ BEGIN CREATE TYPE ${e.toSql()} AS ENUM (${e.values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}); EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
  const cols = def.attributes.map((a) => {
    let type = a.type.toSql();
    if (a.autoIncrement) type = type === 'BIGINT' ? 'BIGSERIAL' : type === 'SMALLINT' ? 'SMALLSERIAL' : 'SERIAL';
    let col = `${a.quotedColumn} ${type}`;
    if (!a.allowNull) col += ' NOT NULL';
    if (a.sqlDefault !== undefined) col += ` DEFAULT ${a.sqlDefault}`;
    if (a.unique === true) col += ' UNIQUE';
    return col;
  });
  if (def.primaryKeys.length) cols.push(`PRIMARY KEY (${def.primaryKeys.map((a) => a.quotedColumn).join(', ')})`);
  out.push(`CREATE TABLE IF NOT EXISTS ${def.qualifiedTable} (${cols.join(', ')})`);
  return out;
}

function dropTable(def: ModelDefinition): string[] {
  return [`DROP TABLE IF EXISTS ${def.qualifiedTable} CASCADE`, ...def.enums.map((e) => `DROP TYPE IF EXISTS ${e.toSql()}`)];
}

function guard(db: Executor, options?: { match?: RegExp }): void {
  if (options?.match && !options.match.test(db.databaseName)) {
    throw new UsageError(`Refusing to run: the database name "${db.databaseName}" does not match ${options.match}`);
  }
}

export async function syncModels(db: Executor, defs: ModelDefinition[], options?: SyncOptions): Promise<string[]> {
  guard(db, options);
  const ddl: string[] = [];
  if (options?.force) for (const d of [...defs].reverse()) ddl.push(...dropTable(d));
  for (const d of defs) ddl.push(...createTable(d));
  if (options?.dryRun) return ddl;
  await db.transaction(async (tx) => {
    for (const text of ddl) await tx.run({ text, values: [] }, 'array');
  });
  return ddl;
}

export async function dropModels(db: Executor, defs: ModelDefinition[], options?: DropOptions): Promise<string[]> {
  guard(db, options);
  const ddl: string[] = [];
  for (const d of [...defs].reverse()) ddl.push(...dropTable(d));
  if (options?.dryRun) return ddl;
  await db.transaction(async (tx) => {
    for (const text of ddl) await tx.run({ text, values: [] }, 'array');
  });
  return ddl;
}
