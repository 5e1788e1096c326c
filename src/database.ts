import { EventEmitter } from 'node:events';
import { inspect } from 'node:util';
import { ConnectionError, DatabaseClosedError, DeadlockError, DefinitionError, SerializationError, TransactionError, UsageError, convertError } from './errors';
import type { CompiledQuery, Driver, DriverResult, Queryable, RowMode } from './driver/driver';
import { CATALOG_TYPES_SQL, FIRST_DYNAMIC_OID, parserForCatalogType } from './types/catalog-parsers';
import type { CatalogType } from './types/catalog-parsers';
import type { Executor, ExecutorSource } from './driver/executor';
import { boundaryCursor, sqlCursor } from './driver/cursor';
import type { RowCursor } from './driver/cursor';
import { Transaction, backoffDelay, beginText, checkTransactionOptions, currentTransaction } from './transaction';
import type { TransactionHost, TransactionOptions } from './transaction';
import { parseConstructorArgs, resolveConnection } from './driver/connection-options';
import type { DatabaseOptions } from './driver/connection-options';
import type { LoggingFunction } from './driver/call-options';
import { callLogging, withCallLogging, withLoggingOf } from './driver/call-logging';
import type { LoggedQuery } from './driver/call-logging';
import { checkCompatOptions, withParameters } from './driver/compat-options';
import { uniqueMessageOf } from './metadata/unique-messages';
import { PgPoolDriver } from './driver/pg-pool/pg-pool-driver';
import { PGliteDriver } from './driver/pglite/pglite-driver';
import { copyOn } from './driver/copy-boundary';
import { resolveReplication } from './driver/replication-options';
import { ReplicaRouter } from './replication/router';
import type { ReplicaStatus } from './replication/router';
import { readExecutors } from './replication/read-executors';
import { currentSession } from './replication/session';
import type { ModelDefinition } from './metadata/definition';
import type { AttributeOptions, AttributesInput, ModelOptions } from './metadata/options';
import { attributesFromInput, normaliseModel } from './metadata/normalize';
import { checkSchemaNames } from './metadata/generated-names';
import { ownRawMetadata } from './metadata/registry';
import { BINDING } from './instance/binding';
import { installAccessors } from './instance/accessors';
import type { ModelBinding } from './instance/binding';
import { buildParsers } from './types/parsers';
import { forgetColumnTypes } from './query/include-lateral';
import { HookRegistry } from './hooks/registry';
import type { HookFunction, HookName } from './hooks/names';
import type { ParserTables } from './types/parsers';
import { Model } from './model';
import type { ModelStatic } from './model-types';
import { syncModels, dropModels } from './schema/sync';
import type { SyncOptions, DropOptions } from './schema/sync';
import { DataTypes } from './types';
import { Op } from './query/operators';
import { cast, col, fn, json, literal, where } from './query/expressions';
import type { Cast, Col, Fn, Json, Literal, SqlExpression, Where } from './query/expressions';
import { PendingAssociations, pendingOf, withKeyIndexes } from './associations/decorated';

/** Statements that may change a table's column types. */
const DDL = /^\s*(ALTER|DROP|CREATE|DO)\b/i;

export interface QueryOptions {
  /** Values for `$1`, `$2`, … (always bound, never spliced into the text). */
  bind?: readonly unknown[];
  /** Run inside this transaction (inside a managed callback it is found on its own); `null` runs outside it. */
  transaction?: Transaction | null;
  /** `'SELECT'`: a read, which may go to a read replica (Sequelize's `QueryTypes.SELECT`). */
  type?: 'SELECT';
  /** A read, which may go to a read replica (the same as `type: 'SELECT'`). */
  readOnly?: boolean;
  /** With replicas: run this read on the primary. */
  useMaster?: boolean;
  /** This statement is logged to this function instead of the Database's `logging`; `false`: not logged. */
  logging?: false | LoggingFunction;
  /** Accepted for Sequelize code: the duration is always passed to `logging`. */
  benchmark?: boolean;
}

const QUERY_KEYS = ['bind', 'transaction', 'type', 'readOnly', 'useMaster', 'logging', 'benchmark'];

/** The registered model whose table is `table` (Sequelize's `references: { model: 'Users' }`), if exactly one. */
function byTableName<E extends { definition: ModelDefinition }>(entries: Iterable<E>, table: string): E | undefined {
  const found = [...entries].filter((e) => e.definition.tableName === table);
  return found.length === 1 ? found[0] : undefined;
}

/** A model created by `db.define`: its instances carry any of the defined attributes. */
export type DefinedModel = ModelStatic<Model & Record<string, any>>;

/**
 * A connection to one PostgreSQL database (a `pg` pool, or embedded PGlite) and the models
 * registered with it. Also exported as `Sequelize`.
 *
 * @example
 * const db = new Database('postgres://postgres@localhost:5432/app');
 * const db = new Database('pglite://memory');
 */
// Not `implements Executor`: the published declarations leave out its internal members
// (run, log, …), and a declared class must still satisfy what it says it implements.
// Passing `this` where an Executor is expected (sync, drop) checks the shape instead.
export class Database extends EventEmitter {
  /**
   * Sequelize-style statics: `Sequelize.DataTypes`, `Sequelize.TEXT`, … (the seed notes use them).
   * @example
   * db.define('User', { name: Sequelize.TEXT, age: Sequelize.DataTypes.INTEGER });
   */
  static readonly DataTypes = DataTypes;
  static readonly STRING = DataTypes.STRING;
  static readonly TEXT = DataTypes.TEXT;
  static readonly CITEXT = DataTypes.CITEXT;
  static readonly INTEGER = DataTypes.INTEGER;
  static readonly SMALLINT = DataTypes.SMALLINT;
  static readonly BIGINT = DataTypes.BIGINT;
  static readonly FLOAT = DataTypes.FLOAT;
  static readonly REAL = DataTypes.REAL;
  static readonly DOUBLE = DataTypes.DOUBLE;
  static readonly DECIMAL = DataTypes.DECIMAL;
  static readonly NUMERIC = DataTypes.NUMERIC;
  static readonly BOOLEAN = DataTypes.BOOLEAN;
  static readonly DATE = DataTypes.DATE;
  static readonly DATEONLY = DataTypes.DATEONLY;
  static readonly TIME = DataTypes.TIME;
  static readonly UUID = DataTypes.UUID;
  static readonly JSON = DataTypes.JSON;
  static readonly JSONB = DataTypes.JSONB;
  static readonly HSTORE = DataTypes.HSTORE;
  static readonly BLOB = DataTypes.BLOB;
  static readonly ENUM = DataTypes.ENUM;
  static readonly ARRAY = DataTypes.ARRAY;
  static readonly NOW = DataTypes.NOW;
  static readonly UUIDV1 = DataTypes.UUIDV1;
  static readonly UUIDV4 = DataTypes.UUIDV4;
  /** `Sequelize.Transaction`: `ISOLATION_LEVELS` and `LOCK` live on it. */
  static readonly Transaction = Transaction;
  /** `Sequelize.Op`, as in Sequelize. */
  static readonly Op: typeof Op = Op;
  /** The SQL helpers as statics (`Sequelize.fn('COUNT', Sequelize.col('id'))`); see README "Expressions". */
  static readonly fn = fn;
  static readonly col = col;
  /** Raw SQL, inserted as written: never pass it user input. */
  static readonly literal = literal;
  static readonly where = where;
  static readonly cast = cast;
  static readonly json = json;

  /** `sequelize.fn(…)` and the other helpers on the instance, as in Sequelize (the same functions as the statics). */
  fn(name: string, ...args: unknown[]): Fn { return fn(name, ...args); }
  col(name: string): Col { return col(name); }
  /** Raw SQL, inserted as written: never pass it user input. */
  literal(sql: string): Literal { return literal(sql); }
  where(attribute: SqlExpression, comparatorOrLogic: unknown, logic?: unknown): Where { return arguments.length >= 3 ? where(attribute, comparatorOrLogic, logic) : where(attribute, comparatorOrLogic); }
  cast(value: unknown, type: string): Cast { return cast(value, type); }
  json(path: string, value?: unknown): Json { return arguments.length >= 2 ? json(path, value) : json(path); }

  /**
   * The registered models by name.
   * @example
   * const User = db.models.User;
   */
  readonly models: Record<string, DefinedModel> = Object.create(null);
  /** @internal The Executor protocol: statements run on the Database run outside any transaction. */
  readonly inTransaction = false;
  /** @internal The OID → parser tables of this Database's connections. */
  readonly parsers: ParserTables;
  /**
   * The options models read: `define` defaults, the `schema` option, and the dialect.
   * @example
   * db.options.define.freezeTableName; // as given in new Database(url, { define })
   */
  readonly options: Readonly<{ define: ModelOptions; schema?: string; dialect: 'postgres' }>;
  /** @internal The `batchFindByPk` option (see DatabaseOptions). */
  readonly batchFindByPk: boolean;
  readonly #driver: Driver;
  readonly #logging: false | LoggingFunction;
  /** Sequelize's `logQueryParameters`: bound values appended to logged statements (explicit opt-in only). */
  readonly #logQueryParameters: boolean;
  readonly #display: string;
  readonly #bigint: 'string' | 'bigint' | 'number';
  readonly #definitions = new Map<string, { model: Function; definition: ModelDefinition }>();
  /** What each model was registered with, so an association's foreign key can re-normalise it. */
  readonly #inputs = new Map<Function, { attributes: AttributesInput | undefined; options: ModelOptions }>();
  /** Attributes and indexed attributes added by associations, merged in at every (re-)registration. */
  readonly #added = new Map<Function, { attributes: Map<string, AttributeOptions>; indexed: string[] }>();
  /** Decorator associations not yet defined because a model they name is not registered yet. */
  readonly #pending: PendingAssociations = new PendingAssociations();
  /** What this Database's transactions run through (kept private: the statement boundary is not public). */
  readonly #host: TransactionHost;
  /** With `replication`: the replicas, and the executors reads run on. */
  readonly #router?: ReplicaRouter;
  readonly #reader?: Executor;
  readonly #primaryReader?: Executor;
  #closed = false;

  /**
   * Connects lazily: nothing is sent until the first statement. Every mistake in the options throws here.
   * @example
   * new Database('app', 'postgres', 'secret', { host: 'localhost', port: 5432 });
   * new Database('postgres://postgres@localhost:5432/app', { logging: (sql, ms) => console.log(ms, sql) });
   * new Database('pglite://memory');
   */
  constructor(database: string, username?: string | null, password?: string | null, options?: DatabaseOptions);
  constructor(url: string, options?: DatabaseOptions);
  constructor(options?: DatabaseOptions);
  constructor(...args: unknown[]) {
    super();
    const options = parseConstructorArgs(args);
    const resolved = resolveConnection(options);
    if (options.logging !== undefined && options.logging !== false && typeof options.logging !== 'function') {
      throw new UsageError('The logging option must be false or a function (sql, ms) => void');
    }
    if (options.bigint !== undefined && !['string', 'bigint', 'number'].includes(options.bigint)) throw new UsageError(`The bigint option must be 'string', 'bigint' or 'number'`);
    if (options.batchFindByPk !== undefined && typeof options.batchFindByPk !== 'boolean') throw new UsageError('The batchFindByPk option must be true or false');
    this.batchFindByPk = options.batchFindByPk ?? true;
    this.#logging = options.logging ?? false;
    this.#logQueryParameters = checkCompatOptions(options);
    this.#display = resolved.display;
    this.#bigint = options.bigint ?? 'string';
    this.parsers = buildParsers(this.#bigint);
    const define = { ...(options.define ?? {}) };
    this.options = Object.freeze({ define, schema: options.schema, dialect: 'postgres' as const });
    const replication = resolveReplication(options);
    if (replication !== undefined) {
      this.#display = replication.write.display;
      this.#driver = new PgPoolDriver(replication.write.pool, replication.write.display, (err) => this.#onIdleError(err));
      const replicas = replication.read.map((r) => ({ driver: new PgPoolDriver(r.pool, r.display, (err) => this.#onIdleError(err)) as Driver, display: r.display }));
      this.#router = new ReplicaRouter(this.#driver, replicas, replication, (m) => this.log(m));
      ({ reader: this.#reader, primaryReader: this.#primaryReader } = readExecutors(this, this.#router, this.#driver, (target, query, rowMode, model) => this.#runOn(target, query, rowMode, model), replication.waitMillis, (target, query, batchSize, model) => this.#cursorOn(target, query, batchSize, model)));
      this.#router.start();
    } else {
      this.#driver = resolved.kind === 'pglite'
        ? new PGliteDriver(resolved.source, options.schema || undefined, options.pool?.acquireTimeoutMillis)
        : new PgPoolDriver(resolved.pool, resolved.display, (err) => this.#onIdleError(err));
    }
    const db = this;
    this.#host = {
      parsers: this.parsers,
      get databaseName() { return db.databaseName; },
      searchSchema: options.schema,
      log: (m) => this.log(m),
      runOn: (target, query, rowMode, model) => this.#runOn(target, query, rowMode, model),
      copyOn: (target, query, source, model) => copyOn(target, query, source, { logging: this.#loggingOf(query), closed: () => this.#closed, model }),
      transaction: (o, fn) => this.#managed(checkTransactionOptions(o), fn),
      committed: () => this.#wrote(),
    };
    if (options.models) this.addModels(options.models);
  }

  /**
   * 'pg' or 'pglite'.
   * @example
   * new Database('pglite://memory').driverKind; // 'pglite'
   */
  get driverKind(): 'pg' | 'pglite' {
    return this.#driver.kind;
  }

  /**
   * The database connected to (PGlite's is `postgres`); what sync's `match` guard tests.
   * @example
   * db.databaseName; // 'app'
   */
  get databaseName(): string {
    return this.#driver.databaseName;
  }

  /**
   * The `schema` option: first on the search_path; sync creates it when missing.
   * @example
   * new Database(url, { schema: 'app' }).searchSchema; // 'app'
   */
  get searchSchema(): string | undefined {
    return this.options.schema;
  }

  #onIdleError(err: Error): void {
    this.log(`Inscribe: an idle pooled connection failed and was discarded: ${err.message}`);
    if (this.listenerCount('error') > 0) this.emit('error', new ConnectionError(`An idle pooled connection failed: ${err.message}`, { cause: err }));
  }

  /** @internal Reports through the `logging` option (DDL, warnings). */
  log(message: string): void {
    if (this.#logging) this.#logging(message, 0);
  }

  // ---- Statements ------------------------------------------------------------------------

  /** @internal Runs one statement with logging and error translation (the one boundary). */
  run<Row = unknown[]>(query: CompiledQuery, rowMode: RowMode, model?: ModelDefinition): Promise<DriverResult<Row>> {
    if (this.#router === undefined) return this.#runOn(this.#driver, query, rowMode, model);
    return this.#runOn<Row>(this.#driver, query, rowMode, model).then((r) => {
      this.#wrote();
      return r;
    });
  }

  /** A write reached the primary: reads of this async context must now see it (read-your-writes). */
  #wrote(): void {
    const router = this.#router;
    if (router !== undefined) router.wrote(router.session());
  }

  async #runOn<Row>(target: Queryable, query: CompiledQuery, rowMode: RowMode, model?: ModelDefinition): Promise<DriverResult<Row>> {
    if (this.#closed) throw new DatabaseClosedError();
    const parsers = rowMode === 'array' ? this.parsers.model : this.parsers.raw;
    // A call's own `logging` (or its model's) wins over the Database's (driver/call-logging.ts).
    const logging = this.#loggingOf(query);
    const started = logging ? performance.now() : 0;
    try {
      const result = await target.run<Row>(query, rowMode, parsers);
      if (logging) logging(this.#logQueryParameters ? withParameters(query) : query.text, performance.now() - started);
      // DDL can change the parameter and result types of prepared model statements.
      if (query.prepare !== true && DDL.test(query.text)) this.#resetPrepared();
      return result;
    } catch (err) {
      if (logging) logging(`${this.#logQueryParameters ? withParameters(query) : query.text} -- failed`, performance.now() - started);
      throw convertError(err, query.text, query.values, model?.modelName, model ? (c) => model.byColumn[c]?.name : undefined, model ? (c) => uniqueMessageOf(model, c) : undefined);
    }
  }

  /** @internal Opens a cursor outside any transaction (findEach), on the primary. */
  cursor(query: CompiledQuery, batchSize: number, model?: ModelDefinition): Promise<RowCursor> {
    return this.#cursorOn(this.#driver, query, batchSize, model);
  }

  /** pg: pg-cursor on a connection of its own; PGlite (one session): a SQL cursor WITH HOLD, so other statements can run between batches. */
  #cursorOn(target: Driver, query: CompiledQuery, batchSize: number, model?: ModelDefinition): Promise<RowCursor> {
    if (this.#closed) return Promise.reject(new DatabaseClosedError());
    if (target.openCursor === undefined) return sqlCursor((q) => this.#runOn<unknown[]>(target, withLoggingOf(query, q), 'array', model), query, batchSize, true);
    return boundaryCursor(() => target.openCursor!(query, 'array', this.parsers.model, batchSize), query, batchSize, this.#loggingOf(query), model);
  }

  /** A call's own `logging` (or its model's), carried on its statement, else the Database's. */
  #loggingOf(query: CompiledQuery): false | LoggingFunction {
    const override = (query as LoggedQuery).logging;
    return override === undefined ? this.#logging : override;
  }

  #resetPrepared(): void {
    this.#driver.resetPrepared();
    forgetColumnTypes(this.parsers);
    if (this.#router !== undefined) for (const r of this.#router.replicas) r.driver.resetPrepared();
  }

  // ---- Transactions -----------------------------------------------------------------------

  /**
   * A managed transaction: BEGIN, run `fn`, COMMIT; on a throw ROLLBACK and rethrow the
   * original error. Model calls inside join it on their own. Nested inside another
   * transaction it is a SAVEPOINT. Without `fn`, resolves to an unmanaged Transaction to
   * `commit()` or `rollback()` yourself.
   *
   * @example
   * await db.transaction(async (t) => {
   *   const u = await User.create({ name: 'a' });   // BEGIN; INSERT … (inside t)
   *   t.afterCommit(() => notify(u.id));           // COMMIT, then notify
   * });
   * const t = await db.transaction({ isolationLevel: Transaction.ISOLATION_LEVELS.SERIALIZABLE });
   */
  transaction<T>(fn: (t: Transaction) => Promise<T>): Promise<T>;
  transaction<T>(options: TransactionOptions, fn: (t: Transaction) => Promise<T>): Promise<T>;
  transaction(options?: TransactionOptions): Promise<Transaction>;
  async transaction<T>(a?: TransactionOptions | ((t: Transaction) => Promise<T>), b?: (t: Transaction) => Promise<T>): Promise<T | Transaction> {
    const fn = typeof a === 'function' ? a : b;
    const options = checkTransactionOptions(typeof a === 'function' ? undefined : a);
    if (fn === undefined) {
      if (options.retry !== undefined) throw new UsageError('db.transaction: retry re-runs a callback, so it needs one: db.transaction({ retry }, async (t) => …)');
      return this.#start(options);
    }
    if (typeof fn !== 'function') throw new UsageError('db.transaction(options, fn): fn must be an async function');
    return this.#managed(options, fn);
  }

  /** The managed transaction of this async context that belongs to this Database, if any. */
  #current(): Transaction | undefined {
    const t = currentTransaction.getStore();
    if (t === undefined || t.host !== this.#host) return undefined;
    // A committed one is over and its work durable: later work runs on its own (or in the parent).
    let c: Transaction | null = t;
    while (c !== null && c.state === 'committed') c = c.parent;
    return c ?? undefined;
  }

  /**
   * @internal The executor of one call: `transaction` (a Transaction, or null for none),
   * else the managed transaction of the current async context, else the Database.
   */
  executorFor(transaction: unknown): Executor {
    if (transaction === undefined) return this.#current() ?? this;
    if (transaction === null) {
      if (this.#driver.kind === 'pglite' && this.#current() !== undefined) {
        throw new UsageError('{ transaction: null } inside a transaction on PGlite would wait for that transaction forever: PGlite has one connection, and the transaction holds it. Run the call inside the transaction, or after it.');
      }
      return this;
    }
    return this.#own(transaction);
  }

  /**
   * @internal The executor of one read: as `executorFor`, but outside a transaction a read
   * may go to a replica (`useMaster: true` keeps it on the primary).
   */
  readExecutorFor(transaction: unknown, useMaster: unknown): Executor {
    const ex = this.executorFor(transaction);
    if (ex !== this || this.#router === undefined) return ex;
    return useMaster === true ? this.#primaryReader! : this.#reader!;
  }

  /**
   * Runs `fn` as one unit of work for read-your-writes: its reads see its own writes (they
   * go to a replica only once it has replayed them), but not other sessions' writes, which
   * outside any session would pull reads to the primary. Without replicas it just runs `fn`.
   * @example app.use((req, res, next) => db.session(async () => next()))
   */
  session<T>(fn: () => Promise<T>): Promise<T> {
    if (typeof fn !== 'function') throw new UsageError('db.session(fn) takes an async function');
    if (this.#router === undefined) return fn();
    return currentSession.run(this.#router.newSession(), fn);
  }

  /** With replicas: each replica's health, lag and reads served, and the reads the primary served. */
  replicationStatus(): { primaryReads: number; replicas: ReplicaStatus[] } | undefined {
    const r = this.#router;
    return r === undefined ? undefined : { primaryReads: r.primaryReads, replicas: r.status() };
  }

  #own(transaction: unknown): Transaction {
    if (!(transaction instanceof Transaction)) throw new UsageError(`The transaction option must be a Transaction from db.transaction(), or null; got ${transaction === null ? 'null' : typeof transaction}`);
    if (transaction.host !== this.#host) throw new TransactionError('This transaction belongs to another Database: a transaction runs on one connection of the Database that started it.');
    if (transaction.finished) throw new TransactionError(`This transaction has already ${transaction.state === 'timed out' ? 'timed out and was rolled back' : `been ${transaction.state}`}. Start a new one with db.transaction().`);
    return transaction;
  }

  /** BEGIN on a connection of its own, or a SAVEPOINT in the parent transaction. */
  async #start(options: TransactionOptions): Promise<Transaction> {
    if (this.#closed) throw new DatabaseClosedError();
    const parent = options.transaction === undefined ? this.#current() : options.transaction === null ? undefined : this.#own(options.transaction);
    if (options.transaction === null && this.#driver.kind === 'pglite' && this.#current() !== undefined) {
      throw new UsageError('db.transaction({ transaction: null }) inside a transaction on PGlite would wait for that transaction forever: PGlite has one connection. Nest it (leave transaction out), or start it after.');
    }
    let t: Transaction;
    if (parent !== undefined) {
      if (options.isolationLevel !== undefined || options.readOnly !== undefined) {
        throw new UsageError('db.transaction: isolationLevel and readOnly apply to a top-level transaction; this one is nested (a SAVEPOINT) and shares its parent\'s. Pass { transaction: null } for a separate transaction.');
      }
      t = await parent.nest(options);
    } else {
      let connection;
      try {
        connection = await this.#driver.acquire();
      } catch (err) {
        throw convertError(err, 'BEGIN', []);
      }
      t = new Transaction(this.#host, connection, options, null);
      try {
        await t.begin(beginText(options), options.timeout);
      } catch (err) {
        connection.release(err as Error);
        throw err;
      }
    }
    if (options.timeout !== undefined) t.startTimer(options.timeout);
    return t;
  }

  /** One managed transaction, with `retry` re-running the whole callback on 40001/40P01. */
  async #managed<T>(options: TransactionOptions, fn: (t: Transaction) => Promise<T>): Promise<T> {
    const retry = options.retry;
    const nested = options.transaction !== undefined ? options.transaction !== null : this.#current() !== undefined;
    if (retry !== undefined && nested) throw new UsageError('db.transaction: retry applies to a top-level transaction; a nested one (a SAVEPOINT) cannot be retried alone, as the failure aborts the outer transaction too.');
    for (let attempt = 1; ; attempt++) {
      let t: Transaction | undefined;
      try {
        t = await this.#start(options);
        const out = await this.#runInside(t, fn);
        await t.flushAfterCommit();
        return out;
      } catch (err) {
        const retryable = err instanceof SerializationError || err instanceof DeadlockError;
        if (retry === undefined || !retryable || attempt >= retry.max || t === undefined || t.state === 'committed') throw err;
        this.log(`Inscribe: transaction attempt ${attempt} of ${retry.max} failed with ${(err as Error).name} (${(err as { code?: string }).code}); retrying`);
        await new Promise((r) => setTimeout(r, backoffDelay(retry, attempt)));
      }
    }
  }

  /** Runs `fn` with `t` as the async context's transaction; COMMIT, or ROLLBACK and rethrow. */
  async #runInside<T>(t: Transaction, fn: (t: Transaction) => Promise<T>): Promise<T> {
    let out: T;
    try {
      const work = currentTransaction.run(t, () => fn(t));
      const deadline = t.deadline;
      if (deadline !== undefined) work.catch(() => undefined); // it may settle after the timeout, unobserved
      out = await (deadline === undefined ? work : Promise.race([work, deadline]));
      // The callback returned just as the timeout fired: the timeout wins, nothing is committed.
      if (t.state === 'timed out') await deadline;
    } catch (err) {
      await t.abort('rolled back');
      throw err;
    }
    await t.commitOnly();
    return out;
  }

  /**
   * Raw SQL with bound parameters; returns the rows as objects.
   * @example
   * const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM "Users" WHERE age > $1', { bind: [18] });
   */
  async query<Row = Record<string, unknown>>(sql: string, options?: QueryOptions): Promise<Row[]> {
    if (typeof sql !== 'string') throw new UsageError('db.query(sql, { bind }) takes the SQL text as a string');
    if (options !== undefined && options !== null) {
      for (const k of Object.keys(options)) if (!QUERY_KEYS.includes(k)) throw new UsageError(`db.query: unknown option ${JSON.stringify(k)}; the options are ${QUERY_KEYS.join(', ')}`);
      if (options.type !== undefined && options.type !== 'SELECT') throw new UsageError(`db.query: type ${JSON.stringify(options.type)} is not supported; 'SELECT' marks a read (which may go to a replica). Leave type out otherwise.`);
    }
    const read = options?.type === 'SELECT' || options?.readOnly === true;
    const chosen = read ? this.readExecutorFor(options?.transaction, options?.useMaster) : this.executorFor(options?.transaction);
    const logging = callLogging(options, undefined);
    const ex = logging === undefined ? chosen : withCallLogging(chosen, logging);
    const result = await ex.run<Row>({ text: sql, values: options?.bind ?? [] }, 'object');
    if (result.rows.length > 0) await this.#parseDynamicTypes(ex, result as DriverResult<Record<string, unknown>>);
    return result.rows;
  }

  /** Dynamic type OIDs already looked up in the catalog (parsers registered, or none needed). */
  readonly #knownDynamicOids = new Set<number>();

  /**
   * HSTORE and arrays of enums have OIDs that differ per database, so their parsers are
   * found in the catalog the first time a result holds them, then registered for later
   * queries; this result's values are converted here.
   */
  async #parseDynamicTypes(ex: Executor, result: DriverResult<Record<string, unknown>>): Promise<void> {
    let unknown: number[] | undefined;
    for (const f of result.fields) {
      if (f.dataTypeID >= FIRST_DYNAMIC_OID && !this.#knownDynamicOids.has(f.dataTypeID)) (unknown ??= []).push(f.dataTypeID);
    }
    if (unknown === undefined) return;
    const types = await ex.run<CatalogType & { oid: number }>({ text: CATALOG_TYPES_SQL, values: [unknown] }, 'object');
    const fresh = new Map<number, (text: string) => unknown>();
    for (const t of types.rows) {
      this.#knownDynamicOids.add(t.oid);
      const parse = parserForCatalogType(t);
      if (parse) {
        this.parsers.raw[t.oid] = parse;
        fresh.set(t.oid, parse);
      }
    }
    for (const f of result.fields) {
      const parse = fresh.get(f.dataTypeID);
      if (!parse) continue;
      for (const row of result.rows) {
        const v = row[f.name];
        if (typeof v === 'string') row[f.name] = parse(v);
      }
    }
  }

  /**
   * Checks that the database answers; ConnectionError (with the cause) when it does not.
   * @example
   * await db.authenticate(); // SELECT 1
   */
  async authenticate(): Promise<void> {
    try {
      await this.run({ text: 'SELECT 1', values: [] }, 'array');
    } catch (err) {
      if (err instanceof ConnectionError) throw err;
      throw new ConnectionError(`Cannot connect to ${this.#display}: ${(err as Error).message}`, { cause: err });
    }
  }

  /**
   * Ends the pool (or closes PGlite the Database opened). Calling it again does nothing; anything else after it throws.
   * @example
   * await db.close();
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#router?.stop();
    await Promise.all([this.#driver.close(), ...(this.#router?.replicas.map((r) => r.driver.close()) ?? [])]);
  }

  /**
   * Whether `close()` has been called.
   * @example
   * await db.close(); db.closed; // true
   */
  get closed(): boolean {
    return this.#closed;
  }

  // ---- Models -----------------------------------------------------------------------------

  /**
   * Defines a model without a class. A name already registered is replaced, as in Sequelize.
   * @example
   * const User = db.define('User', { name: DataTypes.STRING }, { freezeTableName: true });
   */
  define(modelName: string, attributes: AttributesInput = {}, options: ModelOptions = {}): DefinedModel {
    if (typeof modelName !== 'string' || modelName.length === 0) throw new DefinitionError('define(modelName, attributes, options): modelName must be a non-empty string');
    const model = { [modelName]: class extends Model {} }[modelName];
    this.registerModel(model, attributes, { ...options, modelName });
    return model as unknown as DefinedModel;
  }

  /**
   * Registers decorated model classes.
   * @example
   * db.addModels([User, Post]);
   */
  addModels(models: Function[]): void {
    if (!Array.isArray(models)) throw new UsageError('addModels takes an array of model classes');
    for (const model of models) this.#register(model, undefined, {});
    this.#pending.resolve(models);
  }

  /**
   * The model registered under `name`; a UsageError naming the registered ones otherwise.
   * @example
   * const User = db.model('User');
   */
  model(name: string): DefinedModel {
    const m = this.models[name];
    if (!m) throw new UsageError(`No model named "${name}" is registered. Registered: ${Object.keys(this.models).join(', ') || 'none'}`);
    return m;
  }

  /**
   * Whether a model is registered under `name`.
   * @example
   * db.isDefined('User'); // true
   */
  isDefined(name: string): boolean {
    return this.models[name] !== undefined;
  }

  // ---- Hooks for every model ----------------------------------------------------------------

  readonly #hooks = new HookRegistry();

  /**
   * Adds a hook every model of this Database runs (after the model's own hooks).
   * @example db.addHook('beforeCreate', (instance, options) => { instance.tenant = current() })
   */
  addHook(name: HookName, fn: HookFunction): this;
  addHook(name: HookName, label: string, fn: HookFunction): this;
  addHook(name: HookName, fnOrLabel: HookFunction | string, fn?: HookFunction): this {
    this.#hooks.add(name, fnOrLabel, fn, 'db.addHook');
    return this;
  }

  /**
   * Removes a Database hook: by function, by the name it was added with, or every hook of `name`.
   * @example db.addHook('beforeCreate', 'tenant', setTenant); db.removeHook('beforeCreate', 'tenant')
   */
  removeHook(name: HookName, fnOrLabel?: HookFunction | string): this {
    this.#hooks.remove(name, fnOrLabel);
    return this;
  }

  /** Whether a Database hook of `name` is registered. @example db.hasHook('beforeCreate') */
  hasHook(name: HookName): boolean {
    return this.#hooks.has(name);
  }

  /** @internal Normalises and binds one model (decorators, `init` and `define` all end here). */
  registerModel(model: Function, attributes: AttributesInput | undefined, options: ModelOptions): void {
    this.#register(model, attributes, options);
    this.#pending.resolve([model]);
  }

  /** @internal See AssociationHost.extendModel: merges attributes an association adds, then re-normalises. */
  extendModel(model: Function, attributes: Record<string, AttributeOptions>, indexed: readonly string[]): void {
    const input = this.#inputs.get(model);
    if (!input) throw new DefinitionError(`${model.name} is not registered with this Database`);
    const added = this.#added.get(model) ?? { attributes: new Map<string, AttributeOptions>(), indexed: [] as string[] };
    for (const [name, o] of Object.entries(attributes)) added.attributes.set(name, { ...added.attributes.get(name), ...o });
    for (const name of indexed) if (!added.indexed.includes(name)) added.indexed.push(name);
    this.#added.set(model, added);
    this.#register(model, input.attributes, input.options);
  }

  /** @internal The model registered under `name`, if any. */
  registeredModel(name: string): Function | undefined {
    return this.#definitions.get(name)?.model;
  }

  /** @internal A junction model for `through: 'Name'`: table `Name` as given, timestamps as the define option says. */
  defineJunction(name: string, timestamps?: boolean): Function {
    return this.define(name, {}, timestamps === undefined ? { tableName: name } : { tableName: name, timestamps });
  }

  #register(model: Function, attributes: AttributesInput | undefined, options: ModelOptions): void {
    if (typeof model !== 'function' || !(model.prototype instanceof Model)) {
      throw new DefinitionError(`${(model as Function)?.name ?? String(model)} must be a class that extends Model`);
    }
    // Decorator metadata, parents first, so a base class can share attributes.
    const chain: Function[] = [];
    for (let c: Function | null = model; c && c !== Model; c = Object.getPrototypeOf(c)) chain.unshift(c);
    const attrs = new Map<string, AttributeOptions>();
    const decorated = new Set<string>();
    const standard = new Set<string>();
    let tableOptions: ModelOptions = {};
    let createdAtProperty: string | undefined;
    let updatedAtProperty: string | undefined;
    let deletedAtProperty: string | undefined;
    const decoratorHooks = new Map<string, HookFunction[]>();
    const decoratorIndexes = new Map<string, { unique: boolean; attributes: string[] }>();
    for (const c of chain) {
      const meta = ownRawMetadata(c);
      if (!meta) continue;
      for (const [name, o] of meta.attributes) {
        attrs.set(name, { ...attrs.get(name), ...o });
        decorated.add(name);
      }
      for (const name of meta.standard) standard.add(name);
      tableOptions = { ...tableOptions, ...meta.model };
      createdAtProperty = meta.createdAtProperty ?? createdAtProperty;
      updatedAtProperty = meta.updatedAtProperty ?? updatedAtProperty;
      deletedAtProperty = meta.deletedAtProperty ?? deletedAtProperty;
      for (const [name, fns] of meta.hooks) decoratorHooks.set(name, [...(decoratorHooks.get(name) ?? []), ...fns]);
      for (const [k, v] of meta.indexes) decoratorIndexes.set(k, v);
    }
    const modelName = options.modelName ?? tableOptions.modelName ?? model.name;
    if (!modelName) throw new DefinitionError('A model needs a name: give the class a name or pass modelName');
    if (attributes !== undefined) for (const [name, o] of attributesFromInput(modelName, attributes)) attrs.set(name, { ...attrs.get(name), ...o });
    const added = this.#added.get(model);
    // Declared options win over what an association adds (a declared type, allowNull, field).
    if (added) for (const [name, o] of added.attributes) attrs.set(name, { ...o, ...attrs.get(name) });
    if (attrs.size === 0 && attributes === undefined && !ownRawMetadata(model) && !this.#inputs.has(model)) {
      throw new DefinitionError(`${model.name} has no attributes: decorate it with @Table and @Column, or call ${model.name}.init(attributes, { sequelize: db })`);
    }
    const modelOptions = { ...tableOptions, ...options, modelName: undefined } as ModelOptions;
    if (added) modelOptions.indexes = withKeyIndexes(modelOptions.indexes ?? this.options.define.indexes, added.indexed, attrs, decoratorIndexes);
    const definition = normaliseModel({
      modelClass: model, modelName, attributes: attrs, decorated, standard, options: modelOptions,
      defaults: this.options.define, createdAtProperty, updatedAtProperty, deletedAtProperty, decoratorIndexes, decoratorHooks,
      resolveReference: (target) => this.#resolveReference(modelName, target),
      warn: (m) => this.log(`Warning: ${m}`),
      bigint: this.#bigint,
    });
    // Another model's table, index or type with one of this model's names: sync would fail late.
    checkSchemaNames(definition, this.definitions());
    // Re-normalised after an association added a foreign key: hooks and scopes added since
    // registration (addHook, addScope) live in the old binding and carry over.
    const previous = (model as { [BINDING]?: ModelBinding })[BINDING];
    const again = previous !== undefined && previous.model === model && previous.db === this;
    const hooks = again ? previous.hooks : new HookRegistry(this.#hooks);
    if (!again) for (const name of Object.keys(definition.hooks) as HookName[]) for (const fn of definition.hooks[name]!) hooks.add(name, fn);
    const scopes = again ? previous.scopes : new Map<string, unknown>(Object.entries(definition.scopes));
    if (!again && definition.defaultScope !== undefined) scopes.set('defaultScope', definition.defaultScope);
    const binding: ModelBinding = Object.freeze({ definition, db: this, model, sql: new Map(), hooks, scopes });
    Object.defineProperty(model, BINDING, { value: binding, configurable: true, enumerable: false, writable: false });
    installAccessors(model.prototype, definition);
    this.models[modelName] = model as unknown as DefinedModel;
    this.#definitions.set(modelName, { model, definition });
    this.#inputs.set(model, { attributes, options });
    if (!this.#pending.known(model)) this.#pending.add(model, pendingOf(model));
  }

  #resolveReference(from: string, target: string | Function) {
    const name = typeof target === 'string' ? target : undefined;
    const lookup = () => {
      // By model name, or (as Sequelize allows) by table name.
      const entry = name !== undefined ? this.#definitions.get(name) ?? byTableName(this.#definitions.values(), name) : [...this.#definitions.values()].find((e) => e.model === target);
      if (!entry) throw new DefinitionError(`Model ${from} references ${name ?? (target as Function).name}, which is not registered with this Database`);
      return entry.definition;
    };
    return {
      modelName: name === undefined ? (target as Function).name : this.#definitions.has(name) ? name : byTableName(this.#definitions.values(), name)?.definition.modelName ?? name,
      table: () => lookup().qualifiedTable,
      key: () => {
        const pk = lookup().primaryKeys;
        if (pk.length !== 1) throw new DefinitionError(`Model ${from} references ${lookup().modelName}, which has no single-column primary key; give references.key`);
        return pk[0].column;
      },
    };
  }

  /** @internal Every registered definition, in registration order. */
  definitions(): ModelDefinition[] {
    return [...this.#definitions.values()].map((e) => e.definition);
  }

  // ---- Schema -----------------------------------------------------------------------------

  /**
   * Syncs every model, in dependency order, in one transaction. Resolves to the Database, as
   * in Sequelize; with `dryRun: true` to the DDL it would run (nothing is run then). The
   * `logging` option receives each DDL statement as it runs.
   * @example
   * await db.sync({ alter: true, match: /_dev$/ });
   * const plan = await db.sync({ alter: true, dryRun: true }); // ['ALTER TABLE …', …]
   */
  sync(options: SyncOptions & { dryRun: true }): Promise<string[]>;
  sync(options?: SyncOptions): Promise<this>;
  async sync(options?: SyncOptions): Promise<this | string[]> {
    const ran = await syncModels(this.executorFor(options?.transaction), this.definitions(), options);
    return options?.dryRun === true ? ran : this;
  }

  /**
   * Drops every model's table (and enum types), in reverse dependency order.
   * @example
   * await db.drop({ match: /_test$/ });
   */
  drop(options?: DropOptions): Promise<string[]> {
    return dropModels(this.executorFor(options?.transaction), this.definitions(), options);
  }

  // ---- Never show the password ------------------------------------------------------------

  /**
   * What JSON.stringify shows: the driver, the connection without its password, the model names.
   * @example
   * JSON.stringify(db); // {"dialect":"postgres","driver":"pg","connection":"postgres://app@localhost:5432/app",…}
   */
  toJSON(): Record<string, unknown> {
    return { dialect: 'postgres', driver: this.#driver.kind, connection: this.#display, models: Object.keys(this.models) };
  }

  [inspect.custom](): string {
    return `Database { driver: '${this.#driver.kind}', connection: '${this.#display}', models: [${Object.keys(this.models).join(', ')}] }`;
  }
}
