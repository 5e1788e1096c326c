import type { ConnectionOptions as TlsConnectionOptions } from 'node:tls';
import type { PoolSettings } from './connection-options';
import { UsageError } from '../errors';

/**
 * `dialectOptions`, as Sequelize v6's postgres dialect reads them: the pg client options it
 * passes through (lib/dialects/postgres/connection-manager.js picks exactly these, plus
 * `clientMinMessages`, which it turns into a SET). Anything else is refused: Sequelize
 * drops unknown keys silently, which is how an `ssl` typo ends up connecting in clear text.
 */
export interface DialectOptions {
  /**
   * TLS: `true`, or node `tls.connect` options such as `{ require: true, rejectUnauthorized: false, ca }`
   * (`require` is Sequelize's spelling: any object turns TLS on; it is not passed to node).
   */
  ssl?: boolean | (TlsConnectionOptions & { require?: boolean });
  application_name?: string;
  /** Only UTF-8: Inscribe reads every text value as UTF-8. */
  client_encoding?: string;
  /** Only `false`: Inscribe's type parsers read the text format. */
  binary?: boolean;
  /** TCP keepalive on every connection (default true). */
  keepAlive?: boolean;
  /** Idle time before the first keepalive probe, in ms (default 30 000). */
  keepAliveInitialDelayMillis?: number;
  /** Same as the Database option `statementTimeout`. */
  statement_timeout?: number;
  /** Same as the Database option `queryTimeout` (the connection is destroyed when it fires). */
  query_timeout?: number | false;
  /** Same as `pool.acquireTimeoutMillis`. */
  connectionTimeoutMillis?: number;
  idle_in_transaction_session_timeout?: number;
  lock_timeout?: number;
  /** libpq startup options (`-c name=value …`); Inscribe appends its own (search_path, DateStyle). */
  options?: string;
  /** A function returning the socket to use (pg's `stream` option), e.g. for a tunnel. */
  stream?: () => unknown;
  /** `client_min_messages` for every connection (`'warning'`, `'error'`, …); `false` or `'ignore'` leaves it. */
  clientMinMessages?: string | false;
}

const KEYS = [
  'ssl', 'application_name', 'client_encoding', 'binary', 'keepAlive', 'keepAliveInitialDelayMillis', 'statement_timeout',
  'query_timeout', 'connectionTimeoutMillis', 'idle_in_transaction_session_timeout', 'lock_timeout', 'options', 'stream',
  'clientMinMessages',
] as const;
const KNOWN = new Set<string>(KEYS);
const MESSAGE_LEVELS = new Set(['debug5', 'debug4', 'debug3', 'debug2', 'debug1', 'log', 'notice', 'warning', 'error']);

/** @internal What dialectOptions contribute: pg client options, and aliases of Database options. */
export interface ResolvedDialectOptions {
  client: Pick<PoolSettings, 'ssl' | 'application_name' | 'client_encoding' | 'keepAlive' | 'keepAliveInitialDelayMillis' | 'idle_in_transaction_session_timeout' | 'lock_timeout' | 'stream'>;
  /** libpq startup options to merge (the user's `options`, client_min_messages). */
  startupOptions: string[];
  statementTimeout?: number;
  queryTimeout?: number | false;
  acquireTimeoutMillis?: number;
}

/** @internal Checks `dialectOptions` and maps them onto pg's client options. Every mistake throws at once. */
export function resolveDialectOptions(raw: unknown): ResolvedDialectOptions {
  const out: ResolvedDialectOptions = { client: {}, startupOptions: [] };
  if (raw === undefined || raw === null) return out;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new UsageError('dialectOptions must be an object, such as { ssl: { require: true, rejectUnauthorized: false } }');
  const o = raw as DialectOptions;
  const unknown = Object.keys(o).filter((k) => !KNOWN.has(k));
  if (unknown.length > 0) {
    throw new UsageError(`Unknown dialectOptions ${unknown.map((k) => `"${k}"`).join(', ')}: Inscribe passes on only what Sequelize's postgres dialect does (${KEYS.join(', ')}). Other pg settings go in the Database options (pool, statementTimeout, queryTimeout, schema).`);
  }
  if (o.ssl !== undefined) {
    if (typeof o.ssl === 'object' && o.ssl !== null) {
      const { require, ...tls } = o.ssl;
      if (require === false) throw new UsageError('dialectOptions.ssl: { require: false } would still turn TLS on (any ssl object does): leave ssl out, or set it to false');
      out.client.ssl = tls;
    } else out.client.ssl = o.ssl;
  }
  if (o.application_name !== undefined) out.client.application_name = stringOption('application_name', o.application_name);
  if (o.client_encoding !== undefined) {
    if (!/^utf-?8$/i.test(String(o.client_encoding))) throw new UsageError(`dialectOptions.client_encoding "${String(o.client_encoding)}" is not supported: Inscribe reads text as UTF-8. Leave it out (or use 'UTF8').`);
    out.client.client_encoding = 'UTF8';
  }
  if (o.binary !== undefined && o.binary !== false) throw new UsageError('dialectOptions.binary: true is not supported: Inscribe parses values in the text format. Leave it out.');
  if (o.keepAlive !== undefined) out.client.keepAlive = booleanOption('keepAlive', o.keepAlive);
  if (o.keepAliveInitialDelayMillis !== undefined) out.client.keepAliveInitialDelayMillis = msOption('keepAliveInitialDelayMillis', o.keepAliveInitialDelayMillis);
  if (o.statement_timeout !== undefined) out.statementTimeout = msOption('statement_timeout', o.statement_timeout);
  if (o.query_timeout !== undefined) out.queryTimeout = o.query_timeout === false ? false : msOption('query_timeout', o.query_timeout);
  if (o.connectionTimeoutMillis !== undefined) out.acquireTimeoutMillis = msOption('connectionTimeoutMillis', o.connectionTimeoutMillis);
  if (o.idle_in_transaction_session_timeout !== undefined) out.client.idle_in_transaction_session_timeout = msOption('idle_in_transaction_session_timeout', o.idle_in_transaction_session_timeout);
  if (o.lock_timeout !== undefined) out.client.lock_timeout = msOption('lock_timeout', o.lock_timeout);
  if (o.options !== undefined) out.startupOptions.push(stringOption('options', o.options));
  if (o.stream !== undefined) out.client.stream = o.stream;
  if (o.clientMinMessages !== undefined && o.clientMinMessages !== false && String(o.clientMinMessages).toLowerCase() !== 'ignore') {
    const level = String(o.clientMinMessages).toLowerCase();
    if (!MESSAGE_LEVELS.has(level)) throw new UsageError(`dialectOptions.clientMinMessages must be one of ${[...MESSAGE_LEVELS].join(', ')}, 'ignore' or false`);
    out.startupOptions.push(`-c client_min_messages=${level}`);
  }
  return out;
}

function stringOption(name: string, v: unknown): string {
  if (typeof v !== 'string') throw new UsageError(`dialectOptions.${name} must be a string`);
  return v;
}

function booleanOption(name: string, v: unknown): boolean {
  if (typeof v !== 'boolean') throw new UsageError(`dialectOptions.${name} must be true or false`);
  return v;
}

function msOption(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new UsageError(`dialectOptions.${name} must be a number of milliseconds (0 or more)`);
  return v;
}
