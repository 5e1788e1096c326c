import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What one unit of work (a `db.session(fn)`, or the whole Database outside any session) has
 * written: the primary's WAL position after its latest write, so its reads go only to a
 * replica that has replayed that far.
 */
export class ReplicationSession {
  /** The primary's WAL position after this session's latest write whose position is known. */
  lsn: bigint | undefined;
  /** A position fetch is running: writes exist whose position is not known yet. */
  fetching: Promise<void> | undefined;
  /** A write finished while a fetch was running: fetch again when it ends. */
  again = false;
  /** When a position fetch last failed: reads stay on the primary for a while after. */
  failedAt = 0;

  constructor(readonly owner: object) {}

  /** True while this session must read from the primary whatever the replicas say. */
  unknownPosition(now: number, retryMillis: number): boolean {
    return this.fetching !== undefined || (this.failedAt !== 0 && now - this.failedAt < retryMillis);
  }
}

/** The session of the current async context (`db.session(fn)`); one store serves every Database. */
export const currentSession = new AsyncLocalStorage<ReplicationSession>();

/** `'16/B374D848'` (pg_lsn as text) → a comparable number. */
export function parseLsn(text: string): bigint {
  const slash = text.indexOf('/');
  if (slash < 1) throw new Error(`Not a WAL position: ${JSON.stringify(text)}`);
  return (BigInt(`0x${text.slice(0, slash)}`) << 32n) | BigInt(`0x${text.slice(slash + 1)}`);
}
