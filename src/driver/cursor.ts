import { convertError } from '../errors/convert';
import type { ModelDefinition } from '../metadata/definition';
import type { CompiledQuery, DriverResult } from './driver';

/**
 * A result read from a server-side cursor a batch at a time (`findEach`, `stream`): only one
 * batch is in memory at once, however many rows the query returns.
 */
export interface RowCursor {
  /** The next rows (at most the batch size the cursor was opened with); empty once the result is exhausted. */
  read(): Promise<unknown[][]>;
  /**
   * Closes the cursor and hands its connection back; safe to call again, and after `read`
   * failed (which already released it). Never rejects: a cursor that cannot be closed
   * cleanly has its connection destroyed instead.
   */
  close(): Promise<void>;
}

/** Runs one statement of a SQL-level cursor (through the Database's or a transaction's boundary). */
export type CursorStatement = (query: CompiledQuery) => Promise<DriverResult<unknown[]>>;

let cursors = 0;

/**
 * A cursor declared in SQL: `DECLARE … NO SCROLL CURSOR FOR <query>`, then `FETCH FORWARD n`
 * per batch and `CLOSE` at the end, each an ordinary statement. Other statements of the same
 * session can run between two FETCHes, which is what a transaction needs (the loop body may
 * write through the same transaction) and what PGlite, with its one session, needs.
 *
 * `hold` (outside a transaction): `WITH HOLD`, so the cursor outlives the implicit
 * transaction of its DECLARE. PostgreSQL then materialises the result when DECLARE commits
 * (in the server's memory, spilling to temporary files), and FETCH reads from that.
 */
export async function sqlCursor(run: CursorStatement, query: CompiledQuery, batchSize: number, hold: boolean): Promise<RowCursor> {
  // Names are per session; a process-wide counter keeps two cursors of one session apart.
  const name = `"inscribe_cursor_${++cursors}"`;
  await run({ text: `DECLARE ${name} NO SCROLL CURSOR${hold ? ' WITH HOLD' : ''} FOR ${query.text}`, values: query.values });
  const fetch: CompiledQuery = { text: `FETCH FORWARD ${batchSize} FROM ${name}`, values: [] };
  let open = true;
  const close = async (): Promise<void> => {
    if (!open) return;
    open = false;
    // A CLOSE that fails (the transaction ended or aborted, which dropped the cursor) has nothing left to free.
    await run({ text: `CLOSE ${name}`, values: [] }).catch(() => undefined);
  };
  return {
    async read() {
      if (!open) return [];
      let rows: unknown[][];
      try {
        rows = (await run(fetch)).rows;
      } catch (err) {
        await close();
        throw err;
      }
      // A short batch is the last: close now, so the cursor is gone even if the caller stops here.
      if (rows.length < batchSize) await close();
      return rows;
    },
    close,
  };
}

/** What `boundaryCursor` logs through (the Database's `logging`), or false. */
export type CursorLog = false | ((sql: string, ms: number) => void);

/**
 * A driver's protocol-level cursor (pg-cursor) put behind the same boundary as every
 * statement: its query and each batch are logged (a batch as the FETCH it is equivalent to),
 * and its errors are translated into Inscribe's error classes with the SQL and parameters.
 */
export async function boundaryCursor(open: () => Promise<RowCursor>, query: CompiledQuery, batchSize: number, log: CursorLog, model: ModelDefinition | undefined): Promise<RowCursor> {
  const convert = (err: unknown) => convertError(err, query.text, query.values, model?.modelName, model ? (c) => model.byColumn[c]?.name : undefined);
  const started = log ? performance.now() : 0;
  let cursor: RowCursor;
  try {
    cursor = await open();
  } catch (err) {
    if (log) log(`${query.text} -- failed`, performance.now() - started);
    throw convert(err);
  }
  if (log) log(`${query.text} -- cursor (pg-cursor)`, performance.now() - started);
  return {
    async read() {
      const t0 = log ? performance.now() : 0;
      try {
        const rows = await cursor.read();
        if (log) log(`FETCH FORWARD ${batchSize} -- cursor (pg-cursor), ${rows.length} rows`, performance.now() - t0);
        return rows;
      } catch (err) {
        if (log) log(`FETCH FORWARD ${batchSize} -- cursor (pg-cursor) failed`, performance.now() - t0);
        throw convert(err);
      }
    },
    close: () => cursor.close(),
  };
}
