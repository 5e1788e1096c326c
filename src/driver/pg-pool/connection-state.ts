import type { PoolClient } from 'pg';

/** What pg's `client.query` resolves to (one per statement of a multi-statement text). */
export interface PgQueryResult {
  rows: unknown[];
  rowCount: number | null;
  fields: { name: string; dataTypeID: number }[];
}

/** The public-but-untyped parts of pg's Client this module reads. */
interface ClientState {
  /** True once ReadyForQuery arrived after the last statement (pg sets it back to false on send). */
  readyForQuery?: boolean;
  /** The last ReadyForQuery's status: 'I' idle, 'T' in a transaction, 'E' in a failed transaction. */
  getTransactionStatus?(): string | null;
}

/** The reason a connection left inside a transaction by a raw statement (`db.query('BEGIN')`) is destroyed. */
export const LEFT_IN_TRANSACTION = new Error('a statement left the connection inside a transaction; use db.transaction() instead of a raw BEGIN');

/** How long a connection that failed a statement may take to send its ReadyForQuery before it is destroyed. */
const SETTLE_MS = 5_000;

/**
 * Whether a connection can go back to the pool after a statement (`err` undefined when it
 * succeeded). Yes only when its state is known and clean: ReadyForQuery has arrived and
 * says idle, outside any transaction. A FATAL error (no ReadyForQuery follows) or a
 * client-side timeout leave the state unknown: the connection is destroyed.
 */
export function keepAfter(client: PoolClient, err: unknown): boolean {
  const state = client as unknown as ClientState;
  // A pg without getTransactionStatus() cannot tell: keep after success, destroy after any error (pg-pool's own rule).
  if (state.getTransactionStatus === undefined) return err === undefined;
  if (err !== undefined && !isServerError(err)) return false;
  return state.readyForQuery === true && state.getTransactionStatus() === 'I';
}

/**
 * Hands a connection back after a failed statement (in the run path, never inside a
 * transaction). pg rejects the statement as soon as the ErrorResponse arrives, and the
 * server flushes that message before its ReadyForQuery, so the transaction status may
 * not be known yet: for a server error the release waits (bounded) for ReadyForQuery,
 * which pg reports as 'drain'. The caller gets its error at once either way.
 */
export function releaseAfterError(client: PoolClient, err: unknown): void {
  if (!isServerError(err) || (client as unknown as ClientState).readyForQuery === true) {
    client.release(keepAfter(client, err) ? undefined : (err as Error));
    return;
  }
  const settled = (): void => {
    clearTimeout(timer);
    client.removeListener('drain', settled);
    client.removeListener('end', settled);
    client.release(keepAfter(client, err) ? undefined : (err as Error));
  };
  const timer = setTimeout(settled, SETTLE_MS);
  timer.unref();
  client.once('drain', settled);
  client.once('end', settled);
}

/** An error the server sent (severity ERROR, with an SQLSTATE); FATAL and PANIC end the session. */
function isServerError(err: unknown): boolean {
  const e = err as { severity?: unknown; code?: unknown } | null;
  return e !== null && typeof e === 'object' && e.severity === 'ERROR' && typeof e.code === 'string';
}
