import Cursor from 'pg-cursor';
import type { PoolClient } from 'pg';
import type { RowCursor } from '../cursor';
import type { CompiledQuery, RowMode } from '../driver';
import { releaseAfterError } from './connection-state';

type Types = { getTypeParser: (oid: number, format?: string) => (text: string) => unknown };

/**
 * A protocol-level cursor on a connection of its own (pg-cursor: one portal, `Execute` with
 * a row limit per batch), used outside transactions. The connection goes back to the pool
 * as soon as the result is exhausted, when the caller closes early (the portal is closed
 * first, so the server is idle again), or after an error (destroyed unless the server said
 * it is ready for the next statement). `release(error)` hands it back to the pool.
 */
export function pgCursor(client: PoolClient, query: CompiledQuery, rowMode: RowMode, types: Types, batchSize: number): RowCursor {
  // pg-pool listens for errors only on idle clients: a held client whose connection dies
  // (pg_terminate_backend) would otherwise raise an uncaught 'error'. The failing read
  // rejects with it, and the connection is destroyed.
  let failure: Error | undefined;
  const onError = (err: Error): void => {
    failure = err;
  };
  client.on('error', onError);
  let released = false;
  const release = (err?: unknown): void => {
    if (released) return;
    released = true;
    client.removeListener('error', onError);
    if (err !== undefined) releaseAfterError(client, err);
    else client.release(failure);
  };
  const cursor = client.query(new Cursor(query.text, query.values as unknown[], rowMode === 'array' ? { rowMode: 'array', types } : { types }));
  // queryTimeout (pg-pool-driver.ts) bounds one answer and is not armed for a cursor: a
  // stream may outlast it. Each batch stays bounded on the server by statement_timeout,
  // which restarts with every Execute.
  // pg-cursor's states: 'done' once the server completed the query and is ready again.
  const done = () => (cursor as unknown as { state: string }).state === 'done';
  return {
    async read() {
      if (released) return [];
      let rows: unknown[][];
      try {
        rows = await cursor.read(batchSize);
      } catch (err) {
        release(err);
        throw err;
      }
      if (done()) release();
      return rows;
    },
    async close() {
      if (released) return;
      if (done() || failure !== undefined) {
        release(failure);
        return;
      }
      // Early close: Close the portal and Sync, then wait for ReadyForQuery (or the connection's end).
      await new Promise<void>((resolve) => {
        const ended = () => {
          release(failure ?? new Error('the connection ended while its cursor was closing'));
          resolve();
        };
        client.once('end', ended);
        cursor.close().then(() => {
          client.removeListener('end', ended);
          release();
          resolve();
        }, (err: unknown) => {
          client.removeListener('end', ended);
          release(err ?? new Error('pg-cursor could not close'));
          resolve();
        });
      });
    },
  };
}
