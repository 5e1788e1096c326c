import { DatabaseError, InscribeError } from '../errors';
import type { Executor } from '../driver/executor';
import type { ModelDefinition } from '../metadata/definition';
import { copyInText } from '../sql/insert-many';
import { TypeCheck } from '../types/data-type';
import { copyTextField } from '../types/copy-text';
import { validationError } from '../persistence/params';
import type { RowPlan } from './row-plan';

/** A batch checked and converted (planRows), with the load's index of its first row. */
export interface PlannedBatch {
  readonly plan: RowPlan;
  readonly offset: number;
  readonly rows: number;
}

/**
 * The COPY path: batches become COPY text-format data and go to the server through
 * `COPY t (cols) FROM STDIN` inside the load's transaction. On pg one COPY streams every
 * batch that writes the same columns (a batch that writes others starts the next COPY);
 * on PGlite, which reads COPY data from a Blob, each batch is its own COPY. `next` plans
 * the following batch; a ValidationError it throws aborts the COPY, so nothing is kept.
 * Resolves to the number of rows copied.
 */
export async function copyBatches(tx: Executor, def: ModelDefinition, first: PlannedBatch, next: () => Promise<PlannedBatch | undefined>, written: (batch: PlannedBatch) => void): Promise<number> {
  let count = 0;
  let pending: PlannedBatch | undefined = first;
  while (pending !== undefined) {
    const start: PlannedBatch = pending;
    pending = undefined;
    const key = columnsKey(start.plan);
    async function* data(): AsyncGenerator<Uint8Array> {
      yield encodeBatch(def, start);
      written(start);
      if (!tx.copyStreams) return;
      for (;;) {
        const batch = await next();
        if (batch === undefined) return;
        if (columnsKey(batch.plan) !== key) {
          pending = batch;
          return;
        }
        yield encodeBatch(def, batch);
        written(batch);
      }
    }
    const text = copyInText(def.qualifiedTable, start.plan.attrs.map((a) => a.quotedColumn));
    try {
      count += await tx.copyIn!({ text, values: [] }, data(), def);
    } catch (err) {
      throw withRow(err, start.offset);
    }
    if (!tx.copyStreams) pending = await next();
  }
  return count;
}

function columnsKey(plan: RowPlan): string {
  return plan.attrs.map((a) => a.position).join(',');
}

/**
 * One batch in COPY's text format: each value as the type layer converted it (toParam, in
 * planRows), written as its text by copyTextField; the shared timestamp once per batch.
 */
export function encodeBatch(def: ModelDefinition, batch: PlannedBatch): Buffer {
  const { attrs, columns, constant } = batch.plan;
  const n = attrs.length;
  const fixed = new Array<string | undefined>(n);
  for (let j = 0; j < n; j++) if (constant[j]) fixed[j] = field(def, batch, j, 0);
  let out = '';
  for (let r = 0; r < batch.rows; r++) {
    for (let j = 0; j < n; j++) {
      if (j > 0) out += '\t';
      out += fixed[j] ?? field(def, batch, j, r);
    }
    out += '\n';
  }
  return Buffer.from(out, 'utf8');
}

function field(def: ModelDefinition, batch: PlannedBatch, j: number, r: number): string {
  const v = batch.plan.columns[j][r];
  if (typeof v === 'number' || v === null) return v === null ? '\\N' : String(v);
  try {
    return copyTextField(v);
  } catch (err) {
    if (!(err instanceof TypeCheck)) throw err;
    const a = batch.plan.attrs[j];
    throw validationError([{ model: def.modelName, path: a.name, message: `row ${batch.offset + r}: ${def.modelName}.${a.name} ${err.message}`, value: v, type: 'string violation', validatorKey: 'type' }]);
  }
}

/**
 * A server error during COPY names the line of the data it stopped at (`COPY t, line 3`);
 * the message then also says which row of the load that is.
 */
function withRow(err: unknown, offset: number): unknown {
  if (!(err instanceof DatabaseError) && !(err instanceof InscribeError)) return err;
  const where = (err.cause as { where?: unknown } | undefined)?.where;
  const line = typeof where === 'string' ? /\bline (\d+)/.exec(where) : null;
  if (line !== null) err.message = `row ${offset + Number(line[1]) - 1}: ${err.message}`;
  return err;
}
