import type { Driver, ParserTable } from '../driver/driver';
import type { ResolvedReplication } from '../driver/replication-options';
import { ReplicationSession, currentSession, parseLsn } from './session';

/** One read replica: its pool and what the last poll said about it. */
export interface Replica {
  readonly driver: Driver;
  /** postgres://user@host:port/db: never a password. */
  readonly display: string;
  healthy: boolean;
  /** When a replica that failed may be tried again (ms since the epoch). */
  retryAt: number;
  /** How far it has replayed the primary's WAL (undefined until the first poll). */
  replayLsn: bigint | undefined;
  /** How far behind the primary its replay is, in ms (from the primary's sampled positions). */
  lagMillis: number;
  reads: number;
  inflight: number;
  failures: number;
  lastError: string | undefined;
}

/** What `db.replicationStatus()` reports per server. */
export interface ReplicaStatus {
  server: string;
  healthy: boolean;
  lagMillis: number;
  replayLsn: string | undefined;
  reads: number;
  failures: number;
  lastError: string | undefined;
}

const NO_PARSE: ParserTable = { 25: (t) => t };
// The insert position: it covers every committed write, even under synchronous_commit = off
// (where the flushed position can still be short of a commit that has returned).
const LSN_SQL = { text: 'SELECT pg_current_wal_insert_lsn()::text', values: [] };
const REPLAY_SQL = { text: 'SELECT pg_last_wal_replay_lsn()::text', values: [] };

function lsnText(lsn: bigint): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}

/**
 * Picks the replica a read goes to, and keeps what that takes: each replica's replay
 * position and health (polled in the background, on an unref'd timer), the primary's WAL
 * position over time (for lag), and each session's write position (read-your-writes).
 */
export class ReplicaRouter {
  readonly replicas: Replica[];
  /** Writes made outside any `db.session`: every read outside a session respects them. */
  readonly global: ReplicationSession;
  readonly #primary: Driver;
  readonly #options: ResolvedReplication;
  readonly #log: (message: string) => void;
  /** The primary's WAL position at recent poll times, oldest first (for lag in ms). */
  #samples: { at: number; lsn: bigint }[] = [];
  #next = 0;
  #timer: ReturnType<typeof setInterval> | undefined;
  #polling = false;
  primaryReads = 0;

  constructor(primary: Driver, replicas: { driver: Driver; display: string }[], options: ResolvedReplication, log: (message: string) => void) {
    this.#primary = primary;
    this.#options = options;
    this.#log = log;
    this.global = new ReplicationSession(this);
    this.replicas = replicas.map((r) => ({ ...r, healthy: true, retryAt: 0, replayLsn: undefined, lagMillis: 0, reads: 0, inflight: 0, failures: 0, lastError: undefined }));
  }

  start(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(() => void this.poll(), this.#options.pollMillis);
    this.#timer.unref();
    void this.poll();
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** The session of the current async context, or the Database-wide one. */
  session(): ReplicationSession {
    const s = currentSession.getStore();
    return s !== undefined && s.owner === this ? s : this.global;
  }

  /** A session of this router, for `db.session(fn)`. */
  newSession(): ReplicationSession {
    return new ReplicationSession(this);
  }

  /**
   * The replica for a read of `session`, or undefined for the primary: healthy, within
   * maxLag, and (after a write of the session) replayed at least to that write. Round-robin.
   */
  pick(session: ReplicationSession): Replica | undefined {
    const now = Date.now();
    if (session.unknownPosition(now, this.#options.retryMillis)) return undefined;
    const need = session.lsn;
    const n = this.replicas.length;
    let best: Replica | undefined;
    for (let k = 0; k < n; k++) {
      const r = this.replicas[(this.#next + k) % n];
      if (!this.#usable(r, now)) continue;
      if (need !== undefined && (r.replayLsn === undefined || r.replayLsn < need)) continue;
      if (this.#options.strategy === 'round-robin') {
        this.#next = (this.#next + k + 1) % n;
        return r;
      }
      if (best === undefined || r.inflight < best.inflight) best = r;
    }
    if (best !== undefined) this.#next = (this.#next + 1) % n; // ties rotate
    return best;
  }

  /** As `pick`, but waits up to `waitMillis` for a healthy replica to replay the session's writes. */
  async pickWaiting(session: ReplicationSession): Promise<Replica | undefined> {
    const r = this.pick(session);
    if (r !== undefined || this.#options.waitMillis === 0) return r;
    const deadline = Date.now() + this.#options.waitMillis;
    if (session.fetching !== undefined) await session.fetching;
    const need = session.lsn;
    const candidate = this.replicas.find((x) => this.#usable(x, Date.now()));
    if (candidate === undefined || need === undefined) return this.pick(session);
    while (Date.now() < deadline) {
      try {
        const res = await candidate.driver.run<unknown[]>(REPLAY_SQL, 'array', NO_PARSE);
        const at = res.rows[0][0];
        if (typeof at === 'string' && parseLsn(at) >= need) {
          candidate.replayLsn = parseLsn(at);
          return candidate;
        }
      } catch (err) {
        this.failed(candidate, err);
        return undefined;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return undefined;
  }

  #usable(r: Replica, now: number): boolean {
    if (!r.healthy && now < r.retryAt) return false;
    return r.lagMillis <= this.#options.maxLag;
  }

  /**
   * A write of `session` finished on the primary: fetch the primary's WAL position (off the
   * caller's path). Until it is known, the session reads from the primary. One fetch runs at a
   * time per session; a write that ends during one triggers another, so the position always
   * covers every finished write.
   */
  wrote(session: ReplicationSession): void {
    if (session.fetching !== undefined) {
      session.again = true;
      return;
    }
    session.fetching = (async () => {
      do {
        session.again = false;
        try {
          const res = await this.#primary.run<unknown[]>(LSN_SQL, 'array', NO_PARSE);
          const lsn = parseLsn(String(res.rows[0][0]));
          if (session.lsn === undefined || lsn > session.lsn) session.lsn = lsn;
          session.failedAt = 0;
        } catch {
          session.failedAt = Date.now();
        }
      } while (session.again);
      session.fetching = undefined;
    })();
  }

  /** A read on `replica` failed with a connection error: leave it alone for retryMillis. */
  failed(replica: Replica, err: unknown): void {
    replica.failures++;
    replica.lastError = (err as Error)?.message ?? String(err);
    if (replica.healthy) this.#log(`Inscribe: replica ${replica.display} failed and is skipped for ${this.#options.retryMillis} ms: ${replica.lastError}`);
    replica.healthy = false;
    replica.retryAt = Date.now() + this.#options.retryMillis;
  }

  /** One poll: the primary's position, then each replica's replay position (in parallel). */
  async poll(): Promise<void> {
    if (this.#polling) return;
    this.#polling = true;
    try {
      const now = Date.now();
      try {
        const res = await this.#primary.run<unknown[]>(LSN_SQL, 'array', NO_PARSE);
        this.#samples.push({ at: now, lsn: parseLsn(String(res.rows[0][0])) });
        const keep = now - this.#options.maxLag * 2 - this.#options.pollMillis * 4;
        while (this.#samples.length > 2 && this.#samples[0].at < keep) this.#samples.shift();
      } catch {
        // The primary's own failures surface on the calls that use it.
      }
      await Promise.all(this.replicas.map((r) => this.#pollReplica(r, now)));
    } finally {
      this.#polling = false;
    }
  }

  async #pollReplica(r: Replica, now: number): Promise<void> {
    if (!r.healthy && now < r.retryAt) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${Math.max(1000, this.#options.pollMillis * 5)} ms`)), Math.max(1000, this.#options.pollMillis * 5));
      });
      const res = await Promise.race([r.driver.run<unknown[]>(REPLAY_SQL, 'array', NO_PARSE), timeout]);
      const at = res.rows[0][0];
      if (typeof at !== 'string') throw new Error('it is not a standby (pg_last_wal_replay_lsn() is null): list only streaming replicas under replication.read');
      r.replayLsn = parseLsn(at);
      r.lagMillis = this.#lag(r.replayLsn, now);
      if (!r.healthy) this.#log(`Inscribe: replica ${r.display} answers again`);
      r.healthy = true;
    } catch (err) {
      this.failed(r, err);
    } finally {
      clearTimeout(timer);
    }
  }

  /** ms since the oldest sampled primary position the replica has not replayed (0 when caught up). */
  #lag(replay: bigint, now: number): number {
    for (const s of this.#samples) if (s.lsn > replay) return now - s.at;
    return 0;
  }

  status(): ReplicaStatus[] {
    return this.replicas.map((r) => ({
      server: r.display, healthy: r.healthy, lagMillis: r.lagMillis, replayLsn: r.replayLsn === undefined ? undefined : lsnText(r.replayLsn),
      reads: r.reads, failures: r.failures, lastError: r.lastError,
    }));
  }
}
