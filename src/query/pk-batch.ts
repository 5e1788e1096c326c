import { AsyncLocalStorage } from 'node:async_hooks';
import type { ModelBinding } from '../instance/binding';
import type { Executor } from '../driver/executor';
import { selectText } from '../sql/select';
import { anyOf } from '../sql/conditions';
import { cacheText } from '../persistence/plan';
import { arrayPlaceholder } from './bind';
import { findOneByKey } from './by-key';
import { empty, materialise } from './find-result';
import type { Selection } from './selection';

/**
 * Automatic batching of `findByPk` (as Prisma batches `findUnique`): the calls made in one
 * tick outside a transaction, for the same model, selection and executor, become one
 *
 *   SELECT <columns>, array_positions($1::T[], "id") FROM <table> WHERE "id" = ANY($1::T[])
 *
 * `array_positions` says which callers each row answers, with the key type's own equality
 * (UUID case, CITEXT, NUMERIC scale), so rows are never matched to callers in JS. Each
 * caller gets its own instance, even when two asked for the same key. A lone call in its
 * tick sends the usual `WHERE "id" = $1`: batching costs it one process.nextTick, no timer.
 */

/** One caller waiting in a batch. */
interface Waiter {
  /** The key as a bound parameter (already checked by the key's type, so one bad key rejects only its caller). */
  readonly key: unknown;
  readonly raw: boolean | 'nest';
  readonly options: { rejectOnEmpty?: unknown };
  readonly resolve: (value: unknown) => void;
  readonly reject: (err: unknown) => void;
}

/** The calls that may share a statement: everything that shapes the SQL or where it runs is equal. */
interface Batch {
  readonly b: ModelBinding;
  readonly ex: Executor;
  /** The executor's routing at call time (the replication session), see Executor.routeKey. */
  readonly route: unknown;
  /**
   * With a route, the async context of the batch's first call: the statement is routed when
   * it runs (Executor.routeKey), and the flush itself runs in whichever context queued first.
   */
  readonly inContext: (<R>(fn: () => R) => R) | undefined;
  readonly model: Function;
  readonly selection: Selection;
  readonly what: string;
  readonly waiters: Waiter[];
}

/** The batches of the current tick; null when no flush is scheduled. */
let pending: Batch[] | null = null;

/** Queues one findByPk (single-column key, no lock, no include, outside a transaction) for this tick's batch. */
export function batchByKey(b: ModelBinding, ex: Executor, model: Function, selection: Selection, key: unknown, options: { rejectOnEmpty?: unknown }, raw: boolean | 'nest', what: string): Promise<unknown> {
  const route = ex.routeKey === undefined ? undefined : ex.routeKey();
  let batch: Batch | undefined;
  if (pending === null) {
    pending = [];
    // nextTick runs after the promise jobs already queued: callers resuming in the same
    // microtask drain (Promise.all of awaits) still join.
    process.nextTick(flush);
  } else {
    for (let i = 0; i < pending.length; i++) {
      const x = pending[i];
      if (x.b === b && x.ex === ex && x.route === route && x.model === model && x.selection.columns === selection.columns) {
        batch = x;
        break;
      }
    }
  }
  if (batch === undefined) {
    batch = { b, ex, route, inContext: route === undefined ? undefined : AsyncLocalStorage.snapshot(), model, selection, what, waiters: [] };
    pending.push(batch);
  }
  const waiters = batch.waiters;
  return new Promise((resolve, reject) => {
    waiters.push({ key, raw, options, resolve, reject });
  });
}

function flush(): void {
  const batches = pending!;
  pending = null;
  for (let i = 0; i < batches.length; i++) {
    const batch = batches[i];
    if (batch.inContext === undefined) void run(batch);
    else batch.inContext(() => void run(batch));
  }
}

async function run(batch: Batch): Promise<void> {
  const { b, ex, model, selection, what, waiters } = batch;
  if (waiters.length === 1) {
    const w = waiters[0];
    findOneByKey(b, ex, model, selection, undefined, [w.key], w.options, w.raw, what).then(w.resolve, w.reject);
    return;
  }
  const def = b.definition;
  const keys = new Array<unknown>(waiters.length);
  for (let i = 0; i < waiters.length; i++) keys[i] = waiters[i].key;
  let rows: unknown[][];
  try {
    const text = (selection.full && b.sql.get('findByPk batch')) || batchText(b, selection);
    rows = (await ex.run<unknown[]>({ text, values: [keys], prepare: true }, 'array', def)).rows;
  } catch (err) {
    // The statement failed: every caller of the batch gets its error.
    for (let i = 0; i < waiters.length; i++) waiters[i].reject(err);
    return;
  }
  // Each caller's own row: the first caller of a key takes the driver's array (hydration
  // makes it that instance's snapshot), the others a copy taken before any hydration.
  const n = selection.attrs.length;
  const found = new Array<unknown[] | undefined>(waiters.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const positions = row[n] as number[];
    row.length = n;
    for (let j = 0; j < positions.length; j++) found[positions[j] - 1] = j === 0 ? row : ownCopy(row, selection);
  }
  const hydrate: unknown[][] = [];
  const owners: Waiter[] = [];
  for (let i = 0; i < waiters.length; i++) {
    const w = waiters[i];
    const row = found[i];
    try {
      if (row === undefined) w.resolve(empty(w.options, `${what}: no ${def.modelName} with that key`));
      else if (w.raw !== false) w.resolve(materialise(def, model, [row], selection, w.raw)[0]);
      else {
        hydrate.push(row);
        owners.push(w);
      }
    } catch (err) {
      w.reject(err);
    }
  }
  if (owners.length === 0) return;
  try {
    const instances = materialise(def, model, hydrate, selection, false);
    for (let k = 0; k < owners.length; k++) owners[k].resolve(instances[k]);
  } catch (err) {
    for (let k = 0; k < owners.length; k++) owners[k].reject(err);
  }
}

/**
 * A second caller's copy of a row: the Date, Buffer or array objects the driver made are
 * copied too, so no two instances ever share a mutable value (strings, numbers and
 * booleans are immutable and shared as they are).
 */
function ownCopy(row: unknown[], selection: Selection): unknown[] {
  const copy = row.slice();
  for (let i = 0; i < selection.attrs.length; i++) {
    const v = copy[i];
    if (v === null || typeof v !== 'object') continue;
    copy[i] = v instanceof Date ? new Date(v.getTime()) : Buffer.isBuffer(v) ? Buffer.from(v) : structuredClone(v);
  }
  return copy;
}

/** The batch statement, cached when it reads every attribute. */
function batchText(b: ModelBinding, selection: Selection): string {
  const def = b.definition;
  const pk = def.primaryKeys[0];
  const keys = arrayPlaceholder(pk, 1);
  const text = selectText({ columns: `${selection.columns}, array_positions(${keys}, ${pk.quotedColumn})`, table: def.qualifiedTable, where: anyOf(pk.quotedColumn, keys, false) });
  return selection.full ? cacheText(b, 'findByPk batch', text) : text;
}
