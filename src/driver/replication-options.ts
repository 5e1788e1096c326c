import { UsageError } from '../errors';
import { resolveConnection } from './connection-options';
import type { DatabaseOptions, PoolOptions, PoolSettings } from './connection-options';

/** One server of `replication`: anything left out is taken from the Database's own options. */
export interface ReplicationServer {
  host?: string;
  port?: number;
  username?: string;
  password?: string;
  database?: string;
  pool?: PoolOptions;
}

/**
 * Sequelize's shape: writes, DDL and transactions go to `write`; reads outside transactions to
 * the `read` servers. The rest tunes routing (see the README's Replication section).
 */
export interface ReplicationOptions {
  write?: ReplicationServer;
  read: ReplicationServer[];
  /** A replica whose replay is further behind the primary than this (ms) is skipped. Default 10,000. */
  maxLag?: number;
  /** How often each replica's replay position (and health) is read, in ms. Default 200. */
  pollMillis?: number;
  /** How long a replica that failed is left alone before it is tried again, in ms. Default 5,000. */
  retryMillis?: number;
  /**
   * A read that must see a write the replicas have not replayed yet waits up to this long
   * (ms) for a replica to catch up, then goes to the primary. Default 0: straight to the primary.
   */
  waitMillis?: number;
  /** How a read picks among the replicas that may answer it: in turn (default), or the one with the fewest reads in flight. */
  strategy?: 'round-robin' | 'least-busy';
}

export interface ResolvedReplication {
  readonly write: { pool: PoolSettings; display: string };
  readonly read: readonly { pool: PoolSettings; display: string }[];
  readonly maxLag: number;
  readonly pollMillis: number;
  readonly retryMillis: number;
  readonly waitMillis: number;
  readonly strategy: 'round-robin' | 'least-busy';
}

const SERVER_KEYS = ['host', 'port', 'username', 'password', 'database', 'pool'];
const KEYS = ['write', 'read', 'maxLag', 'pollMillis', 'retryMillis', 'waitMillis', 'strategy'];

function checkServer(server: unknown, where: string): ReplicationServer {
  if (server === null || typeof server !== 'object' || Array.isArray(server)) throw new UsageError(`replication.${where} must be an object ({ host, port, username, password, database, pool })`);
  for (const k of Object.keys(server)) {
    if (!SERVER_KEYS.includes(k)) throw new UsageError(`replication.${where}: unknown option ${JSON.stringify(k)}; a server takes ${SERVER_KEYS.join(', ')}`);
  }
  return server as ReplicationServer;
}

function millis(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new UsageError(`replication.${name} must be a whole number of milliseconds ≥ 0, got ${String(value)}`);
  return value;
}

/** Resolves every server of `replication` against the Database's own options; undefined without it. */
export function resolveReplication(options: DatabaseOptions & { url?: string }): ResolvedReplication | undefined {
  const r = options.replication as unknown;
  if (r === undefined || r === null || r === false) return undefined;
  if (typeof r !== 'object' || Array.isArray(r)) throw new UsageError('replication must be { write: {…}, read: [{…}, …] }');
  const o = r as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!KEYS.includes(k)) throw new UsageError(`replication: unknown option ${JSON.stringify(k)}; the options are ${KEYS.join(', ')}`);
  if (o.strategy !== undefined && o.strategy !== 'round-robin' && o.strategy !== 'least-busy') throw new UsageError(`replication.strategy must be 'round-robin' or 'least-busy', got ${JSON.stringify(o.strategy)}`);
  if (!Array.isArray(o.read) || o.read.length === 0) throw new UsageError('replication.read must list at least one server: read: [{ host: "replica-1" }]');
  const base: DatabaseOptions & { url?: string } = { ...options };
  delete (base as { replication?: unknown }).replication;
  const resolve = (server: ReplicationServer, where: string) => {
    const resolved = resolveConnection({ ...base, ...server, pool: { ...base.pool, ...server.pool } });
    if (resolved.kind !== 'pg') throw new UsageError(`replication.${where}: replication needs PostgreSQL servers; PGlite is one embedded database`);
    return { pool: resolved.pool, display: resolved.display };
  };
  return {
    write: resolve(o.write === undefined ? {} : checkServer(o.write, 'write'), 'write'),
    read: (o.read as unknown[]).map((s, i) => resolve(checkServer(s, `read[${i}]`), `read[${i}]`)),
    maxLag: millis(o.maxLag, 'maxLag', 10_000),
    pollMillis: Math.max(10, millis(o.pollMillis, 'pollMillis', 200)),
    retryMillis: millis(o.retryMillis, 'retryMillis', 5_000),
    waitMillis: millis(o.waitMillis, 'waitMillis', 0),
    strategy: (o.strategy as 'round-robin' | 'least-busy' | undefined) ?? 'round-robin',
  };
}
