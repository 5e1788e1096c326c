import type { ConnectionOptions as TlsConnectionOptions } from 'node:tls';
import { UsageError } from '../errors';
import { isPgliteUrl, parsePostgresUrl } from './connection-url';
import { resolveDialectOptions } from './dialect-options';
import type { DialectOptions } from './dialect-options';
import type { ModelOptions } from '../metadata/options';
import type { BigIntMode } from '../types/parsers';
import type { LoggingFunction } from './call-options';
import type { PGliteInstance } from './pglite/session';
import type { PGliteSource } from './pglite/pglite-driver';
import type { ReplicationOptions } from './replication-options';

/**
 * TLS for the server connection: `true`, or node's `tls.connect` options (as `pg` takes them).
 * Declared with node's own type so the public types need no `@types/pg`.
 */
export type SslOptions = boolean | TlsConnectionOptions;

/**
 * The `pg` Pool configuration Inscribe builds: the subset of pg's `PoolConfig` it sets,
 * declared here so that `pg`'s types stay out of the published declarations.
 */
export interface PoolSettings {
  host?: string;
  port?: number;
  user?: string;
  /** A string, or (as pg allows) a function returning one, for rotating credentials. */
  password?: string | (() => string | Promise<string>);
  database?: string;
  ssl?: SslOptions;
  max?: number;
  min?: number;
  idleTimeoutMillis?: number;
  connectionTimeoutMillis?: number;
  statement_timeout?: number;
  query_timeout?: number;
  idle_in_transaction_session_timeout?: number;
  lock_timeout?: number;
  options?: string;
  application_name?: string;
  fallback_application_name?: string;
  client_encoding?: string;
  keepAlive?: boolean;
  keepAliveInitialDelayMillis?: number;
  /** A socket factory (pg's `stream`), passed through from dialectOptions. */
  stream?: unknown;
}

export interface PoolOptions {
  max?: number;
  min?: number;
  idleTimeoutMillis?: number;
  /** How long to wait for a connection (from the pool or a new one) before failing. */
  acquireTimeoutMillis?: number;
}

/** Everything `new Database(...)` accepts. */
export interface DatabaseOptions {
  dialect?: 'postgres';
  database?: string;
  username?: string;
  /** Kept private: never logged, inspected or serialised. */
  password?: string;
  host?: string;
  port?: number;
  ssl?: SslOptions;
  pool?: PoolOptions;
  /** `false` (default) or a function receiving each statement and its duration in ms. */
  logging?: false | LoggingFunction;
  /** Defaults for every model: freezeTableName, timestamps, underscored, … */
  define?: ModelOptions;
  /** Decorated model classes to register. */
  models?: Function[];
  /**
   * The schema unqualified names resolve to: first on every connection's search_path
   * (then public). Models without their own `schema` live there; sync creates it.
   */
  schema?: string;
  /** How BIGINT values are read: exact `string` (default), `bigint`, or `number` (throws past 2^53). */
  bigint?: BigIntMode;
  /** `statement_timeout` for every connection, in ms. */
  statementTimeout?: number;
  /**
   * `idle_in_transaction_session_timeout` for every connection, in ms: the server ends a
   * session left idle inside a transaction this long (a forgotten unmanaged transaction).
   */
  idleInTransactionTimeout?: number;
  /**
   * Client-side limit, in ms, on waiting for the server's answer to one statement (pg
   * driver). When it passes, the call fails with TimeoutError and that connection is
   * destroyed (its state is unknown), so a silent network or a stopped server cannot hang
   * a call forever. Default 300 000 (5 minutes), or statementTimeout + 10 s when that is
   * longer; `0` or `false` disables it.
   */
  queryTimeout?: number | false;
  /** pg client options as Sequelize passes them (ssl, application_name, keepAlive, …); see DialectOptions. */
  dialectOptions?: DialectOptions;
  /** Sequelize compatibility: accepted and ignored (timings are always passed to `logging`). */
  benchmark?: boolean;
  /** Sequelize compatibility: values are always checked against their types, so this changes nothing. */
  typeValidation?: boolean;
  /** Append each statement's bound values to what `logging` receives (`text; 1, "a"`). Off by default: values may be personal data. */
  logQueryParameters?: boolean;
  /** For `pglite:` URLs given as options: a directory, or undefined for in-memory. */
  storage?: string;
  /** Read replicas: `{ write: {…}, read: [{…}, …] }` (see the README's Replication section). */
  replication?: ReplicationOptions;
  /**
   * An open PGlite instance to run on (your extensions, your data directory). The Database
   * never closes it. Databases sharing one instance share its one session: Inscribe makes
   * them wait for each other's transactions and gives each its own `schema` search_path.
   *
   * @example
   * const pg = new PGlite({ extensions: { vector } });
   * const db = new Database({ pglite: pg, schema: 'app' });
   */
  pglite?: PGliteInstance;
  /**
   * `false`: every `findByPk` sends its own statement. By default, `findByPk` calls made in
   * the same tick outside a transaction (same model, same attributes, no include or lock)
   * are sent as one `SELECT … WHERE "id" = ANY($1)`; each caller still gets its own
   * instance. Per call: `findByPk(key, { batch: false })`.
   */
  batchFindByPk?: boolean;
}

/** What `resolveConnection` hands the driver: pg pool settings or a PGlite directory, and a password-free name. */
export type ResolvedConnection =
  | { kind: 'pg'; pool: PoolSettings; display: string }
  | { kind: 'pglite'; source: PGliteSource; display: string };

const OPTION_KEYS = new Set(['dialect', 'database', 'username', 'password', 'host', 'port', 'ssl', 'pool', 'logging', 'define', 'models', 'schema', 'bigint', 'statementTimeout', 'idleInTransactionTimeout', 'queryTimeout', 'benchmark', 'storage', 'dialectOptions', 'user', 'replication', 'pglite', 'typeValidation', 'logQueryParameters', 'batchFindByPk']);

/** The default client-side wait for an answer: generous, so only a dead connection reaches it. */
export const DEFAULT_QUERY_TIMEOUT = 300_000;
/** How much longer than statementTimeout the client waits, so the server's own timeout (a clean 57014) fires first. */
const QUERY_TIMEOUT_GRACE = 10_000;
/** Idle time before the first TCP keepalive probe: a peer that vanished is noticed on idle pooled connections. */
const KEEPALIVE_DELAY = 30_000;
/**
 * Pinned on every connection: the timestamp and interval parsers read ISO output only, and
 * a server, database or role default of another DateStyle must not change what they get.
 */
const PINNED_SETTINGS = '-c DateStyle=ISO -c IntervalStyle=postgres';

/** Parses the constructor forms of API.md into options (the URL's parts win over nothing, options over URL). */
export function parseConstructorArgs(args: unknown[]): DatabaseOptions & { url?: string } {
  const [a, b, c, d] = args;
  const isOptions = (v: unknown): v is DatabaseOptions => v !== null && typeof v === 'object';
  const optionalString = (v: unknown) => v === undefined || v === null || typeof v === 'string';
  if (typeof a === 'string' && args.length >= 3 && optionalString(b)) {
    // (database, username, password, options?) or (database, username, options)
    const options = isOptions(c) ? c : isOptions(d) ? d : {};
    const password = typeof c === 'string' ? c : undefined;
    return { ...options, database: a, username: (b as string | null) ?? undefined, password };
  }
  if (typeof a === 'string') return { ...(isOptions(b) ? b : {}), url: a };
  if (isOptions(a)) return { ...a };
  if (a === undefined) return {};
  throw new UsageError('new Database(...) takes (database, username, password, options), a connection URL and options, or an options object');
}

/**
 * Checks options and turns them into a driver configuration. Every mistake throws at once.
 * Precedence, lowest first: PGHOST/PGPORT/PGUSER/PGDATABASE, the URL, the options object.
 */
export function resolveConnection(options: DatabaseOptions & { url?: string; user?: string }): ResolvedConnection {
  for (const key of Object.keys(options)) {
    if (key !== 'url' && !OPTION_KEYS.has(key)) throw new UsageError(`Unknown Database option "${key}". Known options: ${[...OPTION_KEYS].join(', ')}`);
  }
  if (options.dialect !== undefined && options.dialect !== 'postgres') {
    throw new UsageError(`Inscribe supports PostgreSQL only: dialect "${String(options.dialect)}" is not available. Use dialect: 'postgres' (or leave it out), or 'pglite://memory' for an embedded database.`);
  }
  const url = options.url;
  if (options.pglite !== undefined) {
    if (url !== undefined) throw new UsageError('Give either a connection URL or the pglite option, not both');
    if (options.pglite === null || typeof options.pglite !== 'object' || typeof options.pglite.query !== 'function') throw new UsageError('The pglite option must be an open PGlite instance (new PGlite(…))');
    if (options.dialectOptions !== undefined) throw new UsageError('dialectOptions configure the connection to a PostgreSQL server; PGlite is embedded and takes none. Leave them out for PGlite.');
    return { kind: 'pglite', source: { instance: options.pglite }, display: 'pglite (given instance)' };
  }
  if (url !== undefined && isPgliteUrl(url)) {
    if (options.dialectOptions !== undefined) throw new UsageError('dialectOptions configure the connection to a PostgreSQL server; a pglite:// database is embedded and takes none. Leave them out for PGlite.');
    const rest = url.slice('pglite:'.length);
    const dataDir = rest === '//memory' || rest === '' || rest === '//' ? undefined : rest.startsWith('//') ? decodeURIComponent(rest.slice(2)) : rest;
    return { kind: 'pglite', source: { dataDir }, display: url };
  }
  const dialect = resolveDialectOptions(options.dialectOptions);
  const fromUrl = url !== undefined ? parsePostgresUrl(url) : {};
  const env = process.env;
  const pool: PoolSettings = { ...dialect.client };
  pool.host = options.host ?? fromUrl.host ?? (env.PGHOST || 'localhost');
  pool.port = options.port !== undefined ? Number(options.port) : fromUrl.port ?? (env.PGPORT ? Number(env.PGPORT) : 5432);
  if (!Number.isInteger(pool.port) || pool.port <= 0 || pool.port > 65535) throw new UsageError('The port must be a number from 1 to 65535');
  const user = options.username ?? options.user ?? fromUrl.user ?? env.PGUSER;
  if (user !== undefined) pool.user = user;
  const password = options.password ?? fromUrl.password;
  if (password !== undefined) pool.password = password;
  // pg's own default database is the user name.
  const database = options.database ?? fromUrl.database ?? env.PGDATABASE;
  if (database !== undefined) pool.database = database;
  const ssl = options.ssl ?? dialect.client.ssl ?? fromUrl.ssl;
  if (ssl !== undefined) pool.ssl = ssl;
  if (fromUrl.application_name !== undefined && pool.application_name === undefined) pool.application_name = fromUrl.application_name;
  if (fromUrl.fallback_application_name !== undefined) (pool as { fallback_application_name?: string }).fallback_application_name = fromUrl.fallback_application_name;
  if (fromUrl.client_encoding !== undefined && !/^utf-?8$/i.test(fromUrl.client_encoding)) throw new UsageError('The connection URL sets a client_encoding other than UTF8: Inscribe reads text as UTF-8. Remove it from the URL.');
  pool.keepAlive ??= true;
  pool.keepAliveInitialDelayMillis ??= KEEPALIVE_DELAY;
  const p = options.pool ?? {};
  pool.max = p.max ?? 10;
  pool.min = p.min ?? 0;
  pool.idleTimeoutMillis = p.idleTimeoutMillis ?? 10_000;
  // pg waits forever for a connection by default; a stuck request should fail loudly instead.
  pool.connectionTimeoutMillis = same('pool.acquireTimeoutMillis', p.acquireTimeoutMillis, dialect.acquireTimeoutMillis) ?? 10_000;
  const statementTimeout = same('statementTimeout', options.statementTimeout, dialect.statementTimeout);
  if (statementTimeout !== undefined) pool.statement_timeout = statementTimeout;
  const queryTimeout = resolveQueryTimeout(same('queryTimeout', options.queryTimeout, dialect.queryTimeout), statementTimeout);
  if (queryTimeout > 0) pool.query_timeout = queryTimeout;
  if (options.idleInTransactionTimeout !== undefined) {
    if (!Number.isInteger(options.idleInTransactionTimeout) || options.idleInTransactionTimeout < 0) throw new UsageError('idleInTransactionTimeout must be a whole number of milliseconds (0 turns it off)');
    pool.idle_in_transaction_session_timeout = options.idleInTransactionTimeout;
  }
  const startup: string[] = [];
  if (fromUrl.options) startup.push(fromUrl.options);
  startup.push(...dialect.startupOptions);
  if (options.schema) startup.push(`-c search_path=${quoteSearchPath(options.schema)},public`);
  // Last, so that a user's own -c DateStyle cannot undo them.
  startup.push(PINNED_SETTINGS);
  pool.options = startup.join(' ');
  const shownUser = pool.user ?? env.USER ?? '';
  const display = `postgres://${shownUser}@${pool.host.includes(':') ? `[${pool.host}]` : pool.host}:${pool.port}/${pool.database ?? shownUser}`;
  return { kind: 'pg', pool, display };
}

/** An option that may be given twice (as Inscribe's name and as Sequelize's dialectOptions alias) must agree. */
function same<T>(name: string, a: T | undefined, b: T | undefined): T | undefined {
  if (a !== undefined && b !== undefined && a !== b) throw new UsageError(`${name} is given twice with different values (directly and through dialectOptions): keep one`);
  return a ?? b;
}

function resolveQueryTimeout(value: number | false | undefined, statementTimeout: number | undefined): number {
  if (value === false || value === 0) return 0;
  if (value === undefined) return Math.max(DEFAULT_QUERY_TIMEOUT, (statementTimeout ?? 0) + QUERY_TIMEOUT_GRACE);
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new UsageError('queryTimeout must be a number of milliseconds, or 0 / false to disable it');
  return value;
}

/** A schema name as a libpq `options` value: double-quoted, with spaces and backslashes escaped. */
function quoteSearchPath(schema: string): string {
  return `"${schema.replace(/"/g, '""')}"`.replace(/\\/g, '\\\\').replace(/ /g, '\\ ');
}
