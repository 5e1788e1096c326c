import type { ModelDefinition } from '../metadata/definition';
import { TypeCheck } from '../types/data-type';
import { copyTextField } from '../types/copy-text';
import { CopyWriter } from '../types/copy-binary';
import { validationError } from '../persistence/params';
import type { RowPlan } from './row-plan';

/** A batch checked and converted (planRows), with the load's index of its first row. */
export interface PlannedBatch {
  readonly plan: RowPlan;
  readonly offset: number;
  readonly rows: number;
}

// Encoding is synchronous from start to take(), so one writer serves every load.
const writer = new CopyWriter(1 << 20);
const fixedWriter = new CopyWriter(1 << 10);

/**
 * One batch in COPY's binary format (rows only: the COPY adds header and trailer): each
 * value as the type layer converted it (toParam, in planRows), written by its type's
 * `copyBinary`. Undefined when a column's type, or one value, has no exact binary form
 * (DECIMAL, ARRAY, HSTORE, a timestamp given as text …): the batch then goes as text.
 */
export function encodeBinary(batch: PlannedBatch): Buffer | undefined {
  const { attrs, columns, constant } = batch.plan;
  const n = attrs.length;
  const w = writer;
  w.pos = 0;
  // A column every row shares (the stamped time): its bytes once per batch.
  const fixed = new Array<Buffer | undefined>(n);
  for (let j = 0; j < n; j++) {
    if (!constant[j]) continue;
    fixedWriter.pos = 0;
    const v = columns[j][0];
    if (v === null) fixedWriter.null();
    else if (!attrs[j].type.copyBinary(v, fixedWriter)) return undefined;
    fixed[j] = fixedWriter.take();
  }
  for (let r = 0; r < batch.rows; r++) {
    w.int16(n);
    for (let j = 0; j < n; j++) {
      const f = fixed[j];
      if (f !== undefined) {
        w.ensure(f.length);
        w.buf.set(f, w.pos);
        w.pos += f.length;
        continue;
      }
      const v = columns[j][r];
      if (v === null) w.null();
      else if (!attrs[j].type.copyBinary(v, w)) {
        w.pos = 0;
        return undefined;
      }
    }
  }
  return w.take();
}

/**
 * One batch in COPY's text format: each value as the type layer converted it, written as
 * the text PostgreSQL's input function reads (copyTextField); the shared time once per batch.
 */
export function encodeText(def: ModelDefinition, batch: PlannedBatch): Buffer {
  const { attrs, constant } = batch.plan;
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
