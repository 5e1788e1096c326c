import { ProductionGuardError, UsageError } from '../errors';
import type { Executor } from '../driver/executor';
import type { LoggingFunction } from '../driver/call-options';
import type { DiffMode } from './diff';
import type { Transaction } from '../transaction/transaction';

/** Options of `db.sync()` and `Model.sync()`. */
export interface SyncOptions {
  /** Drop each table (and its enum types) and create it again. Every row is lost. */
  force?: boolean;
  /** Change existing tables to match the models; `{ drop: true }` also drops undeclared columns and indexes. */
  alter?: boolean | { drop?: boolean };
  /** Refuse to run, before any statement is sent, unless the database name matches. */
  match?: RegExp;
  /** Return the DDL that would run, and run none (the catalog is still read). */
  dryRun?: boolean;
  /** Receives each DDL statement as it runs (the Database's `logging` sees every statement anyway). */
  logging?: false | LoggingFunction;
  /** Accepted for Sequelize code: the duration is always passed to `logging`. */
  benchmark?: boolean;
  /** With force: DROP TABLE … CASCADE, removing other tables' foreign keys to these tables. */
  cascade?: boolean;
  /** Run inside this transaction (as a SAVEPOINT of it); found on its own inside a managed callback. */
  transaction?: Transaction | null;
  /** Run a destructive sync (force, alter with drop) without `match` when NODE_ENV is production. */
  allowInProduction?: boolean;
}

/** Options of `db.drop()` and `Model.drop()`. */
export interface DropOptions {
  match?: RegExp;
  dryRun?: boolean;
  logging?: false | LoggingFunction;
  /** Accepted for Sequelize code: the duration is always passed to `logging`. */
  benchmark?: boolean;
  /** DROP TABLE … CASCADE, removing other tables' foreign keys to these tables. */
  cascade?: boolean;
  /** Run inside this transaction (as a SAVEPOINT of it); found on its own inside a managed callback. */
  transaction?: Transaction | null;
  /** Drop without `match` when NODE_ENV is production. */
  allowInProduction?: boolean;
}

export interface CheckedOptions {
  readonly mode: DiffMode;
  readonly match?: RegExp;
  readonly dryRun: boolean;
  readonly logging?: LoggingFunction;
}

const SYNC_KEYS = ['force', 'alter', 'match', 'dryRun', 'logging', 'cascade', 'allowInProduction', 'transaction', 'benchmark'];
const DROP_KEYS = ['match', 'dryRun', 'logging', 'cascade', 'allowInProduction', 'transaction', 'benchmark'];

/** Every mistake is a UsageError thrown before any statement is sent. */
export function checkSyncOptions(options: SyncOptions | undefined): CheckedOptions {
  const o = checkObject('sync', options, SYNC_KEYS) as SyncOptions;
  optionalBoolean('sync', 'force', o.force);
  optionalBoolean('sync', 'cascade', o.cascade);
  let alter = false;
  let drop = false;
  if (typeof o.alter === 'boolean') alter = o.alter;
  else if (o.alter !== undefined) {
    const a = checkObject('sync', o.alter, ['drop'], 'the alter option') as { drop?: boolean };
    optionalBoolean('sync', 'alter.drop', a.drop);
    alter = true;
    drop = a.drop ?? false;
  }
  if (o.force === true && alter) throw new UsageError('sync: force and alter cannot be used together: force drops and recreates every table, alter changes them in place. Pick one.');
  const checked = { mode: { force: o.force ?? false, alter, drop, cascade: o.cascade ?? false }, ...common('sync', o) };
  if (checked.mode.force) productionGuard('sync({ force: true })', 'drops every table and loses its rows', o);
  else if (drop) productionGuard('sync({ alter: { drop: true } })', 'drops the columns and indexes no model declares, with their data', o);
  return checked;
}

export function checkDropOptions(options: DropOptions | undefined): CheckedOptions {
  const o = checkObject('drop', options, DROP_KEYS) as DropOptions;
  optionalBoolean('drop', 'cascade', o.cascade);
  const checked = { mode: { force: false, alter: false, drop: false, cascade: o.cascade ?? false }, ...common('drop', o) };
  productionGuard('drop()', 'drops every table and loses its rows', o);
  return checked;
}

/**
 * As Rails protects a production database from db:drop: with NODE_ENV=production a call
 * that destroys data must say which database it means (`match`) or say explicitly that it
 * means it (`allowInProduction: true`). Sequelize runs these anywhere; development keeps
 * that behaviour. A dry run destroys nothing, so it passes. Read per call, not at import,
 * so the environment a process ends up with is the one that counts.
 */
function productionGuard(call: string, effect: string, o: SyncOptions | DropOptions): void {
  optionalBoolean(call.startsWith('drop') ? 'drop' : 'sync', 'allowInProduction', o.allowInProduction);
  if (process.env.NODE_ENV !== 'production' || o.match !== undefined || o.dryRun === true || o.allowInProduction === true) return;
  throw new ProductionGuardError(`${call} refused: NODE_ENV is "production" and this call ${effect}. Nothing was sent to the database. ` +
    `Pass { match: /^your_database$/ } naming the database it may run on, or { allowInProduction: true } if you really mean to destroy data in production.`);
}

/**
 * The `match` safety check: the database name must match, or nothing is sent.
 * `String#search` ignores a /g regex's lastIndex, so the answer never depends on earlier calls.
 */
export function checkMatch(db: Executor, what: string, match: RegExp | undefined): void {
  if (match !== undefined && db.databaseName.search(match) === -1) {
    throw new UsageError(`${what} refused: the database name "${db.databaseName}" does not match ${String(match)}. Nothing was sent to the database.`);
  }
}

function common(what: string, o: SyncOptions | DropOptions): Omit<CheckedOptions, 'mode'> {
  if (o.match !== undefined && !(o.match instanceof RegExp)) throw new UsageError(`${what}: the match option must be a RegExp, e.g. { match: /_test$/ }`);
  optionalBoolean(what, 'dryRun', o.dryRun);
  optionalBoolean(what, 'benchmark', (o as { benchmark?: unknown }).benchmark);
  if (o.logging !== undefined && o.logging !== false && typeof o.logging !== 'function') throw new UsageError(`${what}: the logging option must be false or a function (sql, ms) => void`);
  return { match: o.match, dryRun: o.dryRun ?? false, logging: o.logging || undefined };
}

function checkObject(what: string, value: unknown, known: readonly string[], label?: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`${what}: ${label ?? 'the options'} must be an object`);
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) throw new UsageError(`${what}: unknown option "${key}"${label ? ` in ${label}` : ''}. Known options: ${known.join(', ')}`);
  }
  return value as Record<string, unknown>;
}

function optionalBoolean(what: string, name: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'boolean') throw new UsageError(`${what}: the ${name} option must be true or false, got ${typeof value === 'string' ? JSON.stringify(value) : typeof value}`);
}
