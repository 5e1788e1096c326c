import type { ConnectionOptions as TlsConnectionOptions } from 'node:tls';
import { ConnectionError, UsageError } from '../errors';
import type { ModelOptions } from '../metadata/options';
import type { BigIntMode } from '../types/parsers';
import type { LoggingFunction } from './call-options';
import type { PGliteInstance } from './pglite/session';
import type { PGliteSource } from './pglite/pglite-driver';

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
  password?: string;
  database?: string;
  ssl?: SslOptions;
  max?: number;
  min?: number;
  idleTimeoutMillis?: number;
  connectionTimeoutMillis?: number;
  statement_timeout?: number;
  options?: string;
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
  /** Sequelize compatibility: accepted and ignored (timings are always passed to `logging`). */
  benchmark?: boolean;
  /** For `pglite:` URLs given as options: a directory, or undefined for in-memory. */
  storage?: string;
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
}

export type ResolvedConnection =
  | { kind: 'pg'; pool: PoolSettings; display: string }
  | { kind: 'pglite'; source: PGliteSource; display: string };

const OPTION_KEYS = new Set(['dialect', 'database', 'username', 'password', 'host', 'port', 'ssl', 'pool', 'logging', 'define', 'models', 'schema', 'bigint', 'statementTimeout', 'benchmark', 'storage', 'dialectOptions', 'user', 'pglite']);

/** Removes the password from a connection URL, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@]*@/i, '$1:***@');
}

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

/** Checks options and turns them into a driver configuration. Every mistake throws at once. */
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
    return { kind: 'pglite', source: { instance: options.pglite }, display: 'pglite (given instance)' };
  }
  if (url !== undefined && /^pglite:/i.test(url)) {
    const rest = url.slice('pglite:'.length);
    const dataDir = rest === '//memory' || rest === '' || rest === '//' ? undefined : rest.startsWith('//') ? decodeURIComponent(rest.slice(2)) : rest;
    return { kind: 'pglite', source: { dataDir }, display: url };
  }
  const pool: PoolSettings = {};
  let display = 'postgres';
  if (url !== undefined) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      // URL's own error repeats the input, password included: say what is wrong without it.
      throw new ConnectionError(`Cannot parse the connection URL ${redactUrl(url)}: expected postgres://user:password@host:port/database or pglite://memory`);
    }
    if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
      throw new UsageError(`Unsupported connection URL scheme "${parsed.protocol}" in ${redactUrl(url)}: use postgres://, postgresql:// or pglite://`);
    }
    pool.host = decodeURIComponent(parsed.hostname) || undefined;
    pool.port = parsed.port ? Number(parsed.port) : undefined;
    pool.user = parsed.username ? decodeURIComponent(parsed.username) : undefined;
    pool.password = parsed.password ? decodeURIComponent(parsed.password) : undefined;
    pool.database = parsed.pathname.length > 1 ? decodeURIComponent(parsed.pathname.slice(1)) : undefined;
    const sslmode = parsed.searchParams.get('sslmode');
    if (sslmode && sslmode !== 'disable') pool.ssl = sslmode === 'no-verify' ? { rejectUnauthorized: false } : true;
  }
  if (options.host !== undefined) pool.host = options.host;
  if (options.port !== undefined) pool.port = Number(options.port);
  if (options.database !== undefined) pool.database = options.database;
  const user = options.username ?? options.user;
  if (user !== undefined) pool.user = user;
  if (options.password !== undefined) pool.password = options.password;
  if (options.ssl !== undefined) pool.ssl = options.ssl;
  pool.host ??= 'localhost';
  pool.port ??= 5432;
  const p = options.pool ?? {};
  pool.max = p.max ?? 10;
  pool.min = p.min ?? 0;
  pool.idleTimeoutMillis = p.idleTimeoutMillis ?? 10_000;
  // pg waits forever for a connection by default; a stuck request should fail loudly instead.
  pool.connectionTimeoutMillis = p.acquireTimeoutMillis ?? 10_000;
  if (options.statementTimeout !== undefined) pool.statement_timeout = options.statementTimeout;
  if (options.schema) pool.options = `-c search_path=${quoteSearchPath(options.schema)},public`;
  display = `postgres://${pool.user ?? ''}@${pool.host}:${pool.port}/${pool.database ?? ''}`;
  return { kind: 'pg', pool, display };
}

/** A schema name as a libpq `options` value: double-quoted, with spaces and backslashes escaped. */
function quoteSearchPath(schema: string): string {
  return `"${schema.replace(/"/g, '""')}"`.replace(/\\/g, '\\\\').replace(/ /g, '\\ ');
}
