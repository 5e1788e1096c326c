import { InscribeError } from '../errors';
import type { Executor } from '../driver/executor';
import type { ModelDefinition } from '../metadata/definition';
import { copyInText } from '../sql/insert-many';
import { COPY_BINARY_HEADER, COPY_BINARY_TRAILER } from '../types/copy-binary';
import { encodeBinary, encodeText } from './copy-encode';
import type { PlannedBatch } from './copy-encode';

export type { PlannedBatch } from './copy-encode';

/** A batch ready to send: its COPY data, and the COPY it belongs to (columns and format). */
interface Encoded {
  readonly batch: PlannedBatch;
  readonly data: Buffer;
  readonly binary: boolean;
  readonly key: string;
}

function encode(def: ModelDefinition, batch: PlannedBatch): Encoded {
  const columns = batch.plan.attrs.map((a) => a.position).join(',');
  const binary = encodeBinary(batch);
  if (binary !== undefined) return { batch, data: binary, binary: true, key: `b${columns}` };
  return { batch, data: encodeText(def, batch), binary: false, key: `t${columns}` };
}

/**
 * The COPY path: each batch becomes COPY data, in the binary format when every value has
 * an exact binary form (no parsing on the server), else the text format, and goes to the
 * server through `COPY t (cols) FROM STDIN` inside the load's transaction. On pg one COPY
 * streams every batch that writes the same columns in the same format (another batch
 * starts the next COPY); on PGlite, which reads COPY data from a Blob, each batch is its
 * own COPY. `next` plans the following batch; a ValidationError it throws aborts the COPY,
 * so nothing is kept. `written` is told of each batch as the COPY takes it. Resolves to the
 * number of rows copied.
 */
export async function copyBatches(tx: Executor, def: ModelDefinition, first: PlannedBatch, next: () => Promise<PlannedBatch | undefined>, written: (batch: PlannedBatch) => Promise<void>, streams: boolean): Promise<number> {
  let count = 0;
  let pending: Encoded | undefined = encode(def, first);
  const following = async () => {
    const batch = await next();
    return batch === undefined ? undefined : encode(def, batch);
  };
  // Batches handed to a streaming COPY report in order and are awaited before it ends; a
  // failure is kept for that await (never an unhandled rejection if the COPY fails first).
  let reported: Promise<void> = Promise.resolve();
  const report = (batch: PlannedBatch) => {
    reported = reported.then(() => written(batch));
    reported.catch(() => undefined);
  };
  while (pending !== undefined) {
    const start: Encoded = pending;
    pending = undefined;
    async function* data(): AsyncGenerator<Uint8Array> {
      if (start.binary) yield COPY_BINARY_HEADER;
      yield start.data;
      if (streams) {
        report(start.batch);
        for (;;) {
          const e = await following();
          if (e === undefined) break;
          if (e.key !== start.key) {
            pending = e;
            break;
          }
          yield e.data;
          report(e.batch);
        }
      }
      if (start.binary) yield COPY_BINARY_TRAILER;
    }
    const text = copyInText(def.qualifiedTable, start.batch.plan.attrs.map((a) => a.quotedColumn), start.binary);
    try {
      count += await tx.copyIn!({ text, values: [] }, data(), def);
    } catch (err) {
      throw withRow(err, start.batch.offset);
    }
    if (streams) {
      await reported;
    } else {
      // One COPY per batch: the batch's after-hooks, then the next batch's before-hooks, run
      // with the connection free (a hook's own query would otherwise wait behind the COPY).
      await written(start.batch);
      pending = await following();
    }
  }
  return count;
}

/**
 * A server error during COPY names the line (the row) of the data it stopped at
 * (`COPY t, line 3`); the message then also says which row of the load that is.
 */
function withRow(err: unknown, offset: number): unknown {
  if (!(err instanceof InscribeError)) return err;
  const where = (err.cause as { where?: unknown } | undefined)?.where;
  const line = typeof where === 'string' ? /\bline (\d+)/.exec(where) : null;
  if (line !== null) err.message = `row ${offset + Number(line[1]) - 1}: ${err.message}`;
  return err;
}
