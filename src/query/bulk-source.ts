import { UsageError } from '../errors';
import { kind } from './where';

/** What bulkCreate takes: an array, or any iterable or async iterable of rows. */
export type RowSource = readonly unknown[] | Iterable<unknown> | AsyncIterable<unknown>;

/** Whether `rows` can be loaded; throws a UsageError naming what was given otherwise. */
export function checkSource(rows: unknown, what: string): RowSource {
  if (Array.isArray(rows)) return rows;
  if (rows !== null && typeof rows === 'object' && (Symbol.asyncIterator in rows || Symbol.iterator in rows) && typeof rows !== 'string') return rows as RowSource;
  throw new UsageError(`${what} takes an array, an iterable or an async iterable of rows, got ${kind(rows)}`);
}

/**
 * The rows in consecutive batches of at most `size`: slices of an array, or rows pulled
 * from an iterable as the previous batch is written, so a load of any length holds one
 * batch at a time (plus what the COPY stream buffers).
 */
export async function* batchesOf(rows: RowSource, size: number): AsyncGenerator<unknown[]> {
  if (Array.isArray(rows)) {
    if (rows.length <= size) {
      if (rows.length > 0) yield rows as unknown[];
      return;
    }
    for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
    return;
  }
  let batch: unknown[] = [];
  for await (const row of rows as AsyncIterable<unknown>) {
    batch.push(row);
    // A source whose rows are ready at once resolves in microtasks only, so socket writes
    // (the previous batch on its way to the server) would wait for the whole batch: let
    // the event loop turn now and then.
    if ((batch.length & 1023) === 0) await new Promise(setImmediate);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
