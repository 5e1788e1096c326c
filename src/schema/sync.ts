import type { LoggingFunction } from '../driver/call-options';
import { DatabaseError, InscribeError, UsageError, ValidationError } from '../errors';
import type { Executor } from '../driver/executor';
import type { ModelDefinition } from '../metadata/definition';
import { readContext, readObjects } from './catalog';
import { subjectOf } from './change';
import type { Change } from './change';
import { ddl } from './ddl';
import { desiredSchema, dropNames } from './desired';
import { equalLiteralDefaults } from './defaults';
import { diff } from './diff';
import type { DiffMode, Plan } from './diff';
import { checkDropOptions, checkMatch, checkSyncOptions } from './options';
import type { DropOptions, SyncOptions } from './options';
import { dependencyOrder } from './order';
import { foreignKeyName } from './names';

export type { DropOptions, SyncOptions } from './options';

/**
 * Brings the tables of `defs` in line with their definitions: reads the catalog, compares
 * (diff.ts), and runs the resulting DDL in one transaction, so a failure changes nothing.
 * Returns the DDL it ran, or with `dryRun` the DDL it would run (nothing is run then).
 *
 * @example
 * await db.sync({ alter: true, match: /_test$/ });
 * // ALTER TABLE "Users" ADD COLUMN "age" INTEGER
 */
export async function syncModels(db: Executor, defs: readonly ModelDefinition[], options?: SyncOptions): Promise<string[]> {
  const o = checkSyncOptions(options);
  checkMatch(db, 'sync', o.match);
  const ordered = dependencyOrder(defs);
  if (o.dryRun) return (await plan(db, db.searchSchema, ordered, o.mode)).changes.map(ddl);
  return db.transaction(async (tx) => {
    const p = await plan(tx, db.searchSchema, ordered, o.mode);
    for (const w of p.warnings) db.log(w);
    return apply(tx, 'sync', p.changes, o.logging);
  });
}

/**
 * Drops the tables of `defs` (dependents first) and their enum types, in one transaction.
 * Extensions are left installed: other tables may use them.
 */
export async function dropModels(db: Executor, defs: readonly ModelDefinition[], options?: DropOptions): Promise<string[]> {
  const o = checkDropOptions(options);
  checkMatch(db, 'drop', o.match);
  const ordered = dependencyOrder(defs).reverse();
  const changes: Change[] = [];
  // In a cycle of references some table is still referenced when its turn comes: the
  // constraints pointing at a table dropped earlier are dropped first.
  const position = new Map(ordered.map((d, i) => [d.modelName, i]));
  for (const [i, d] of ordered.entries()) {
    for (const a of d.attributes) {
      const target = a.references ? position.get(a.references.model) : undefined;
      if (target !== undefined && target < i) changes.push({ kind: 'dropConstraint', table: { sql: d.qualifiedTable, model: d.modelName, sqlSchema: d.schema }, name: d.constraintNames.foreignKey[a.column] ?? foreignKeyName(d.tableName, a.column), ifExists: true });
    }
  }
  const names = ordered.map((d) => dropNames(d, db.searchSchema));
  ordered.forEach((d, i) => changes.push({ kind: 'dropTable', table: { sql: d.qualifiedTable, model: d.modelName, sqlSchema: d.schema }, sql: names[i].table, cascade: o.mode.cascade }));
  for (const n of names) for (const e of n.enums) changes.push({ kind: 'dropType', sql: e });
  if (o.dryRun) return changes.map(ddl);
  return db.transaction((tx) => apply(tx, 'drop', changes, o.logging));
}

/** Reads the catalog (a constant number of queries) and compares. */
async function plan(db: Executor, searchSchema: string | undefined, defs: readonly ModelDefinition[], mode: DiffMode): Promise<Plan> {
  const schemas = new Set<string>(['public']);
  if (searchSchema !== undefined) schemas.add(searchSchema);
  for (const d of defs) if (d.schema !== undefined) schemas.add(d.schema);
  const context = await readContext(db, [...schemas]);
  const defaultSchema = searchSchema ?? context.currentSchema;
  if (defaultSchema === null) throw new UsageError('sync: no schema on the search_path exists, so unqualified tables have nowhere to go. Create one, or give the Database a schema option.');
  const desired = desiredSchema(defs, defaultSchema, searchSchema);
  const actual = await readObjects(db, context, desired.tables.map((t) => t.ref), desired.tables.flatMap((t) => t.enums.map((e) => e.ref)));
  const equal = mode.alter && !mode.force ? await equalLiteralDefaults(db, desired, actual) : new Set<string>();
  return diff(desired, actual, mode, equal);
}

/** Runs the changes in order; the text of every statement is built before the first runs. */
async function apply(tx: Executor, what: 'sync' | 'drop', changes: readonly Change[], logging: LoggingFunction | undefined): Promise<string[]> {
  const texts = changes.map(ddl);
  for (let i = 0; i < texts.length; i++) {
    const started = performance.now();
    try {
      await tx.run({ text: texts[i], values: [] }, 'array');
    } catch (err) {
      // The failing statement is reported too, as the Database's logging does.
      if (logging) logging(`${texts[i]} -- failed`, performance.now() - started);
      throw failure(what, changes[i], texts[i], err);
    }
    if (logging) logging(texts[i], performance.now() - started);
  }
  return texts;
}

/** A failed statement, named by its model, table and column; the transaction then rolls back. */
function failure(what: 'sync' | 'drop', change: Change, text: string, err: unknown): unknown {
  if (!(err instanceof DatabaseError || err instanceof ValidationError)) return err;
  const { table, column } = subjectOf(change);
  const where = table ? `Model ${table.model}: ${what} failed ${column !== undefined ? `on the column "${column}" of` : 'on the table'} ${table.sql}` : `${what} failed`;
  const hint = err.code === '2BP01' ? ' Other objects depend on it: drop those first, or pass { cascade: true }.' : '';
  const Class = err instanceof DatabaseError ? (err.constructor as typeof DatabaseError) : DatabaseError;
  const out = new Class(`${where}: ${err.message}.${hint} Nothing was changed: every statement of this call ran in one transaction, which was rolled back. Statement: ${text}`, { cause: err });
  copyFields(out, err);
  if (table) out.table = table.sql;
  if (column !== undefined) out.column = column;
  return out;
}

function copyFields(out: DatabaseError, err: InscribeError): void {
  out.sql = err.sql;
  out.parameters = err.parameters;
  out.code = err.code;
  out.retryable = err.retryable;
  if (err instanceof DatabaseError) {
    out.detail = err.detail;
    out.constraint = err.constraint;
  }
}
