import { AsyncLocalStorage } from 'node:async_hooks';
import { InscribeError } from '../errors';
import type { ModelBinding } from '../instance/binding';
import type { Executor } from '../driver/executor';
import { planRows } from './row-plan';
import type { BatchPlace } from './row-plan';
import { COPY_THRESHOLD, checkBulkOptions } from './bulk-options';
import type { BulkPlanOptions } from './bulk-options';
import { batchesOf, checkSource } from './bulk-source';
import { insertBatch } from './bulk-insert';
import { copyBatches } from './bulk-copy';
import type { PlannedBatch } from './bulk-copy';
import type { BulkCreateOptions } from './options';

/**
 * What the lifecycle layer runs around each batch of a streamed load (hooks, validators):
 * `before` turns the rows as given into the rows to write; `after` sees what was written.
 */
export interface BatchLifecycle {
  before(rows: unknown[], offset: number): Promise<unknown[]>;
  after(created: unknown[], rows: unknown[]): Promise<void>;
}

/**
 * `bulkCreate(rows, options)`: rows in batches of `batchSize`, each built and checked as
 * `create` would (planRows) before it is sent.
 *
 * - One batch, INSERT: one statement, as always (no transaction of its own).
 * - Several batches, or COPY: all in one transaction (a SAVEPOINT inside the caller's), so
 *   a bad row anywhere fails the whole load, its message naming the row, and no row of the
 *   load stays.
 * - INSERT when the call needs what only INSERT gives (returning, ignoreDuplicates,
 *   updateOnDuplicate) or `copy: false`; COPY with `copy: true`, or for loads of
 *   COPY_THRESHOLD rows or more.
 *
 * An array resolves to the created instances (`[]` with `returning: false`); an iterable
 * resolves to the number of rows written.
 */
export async function bulkCreate(b: ModelBinding, ex: Executor, model: Function, rows: unknown, options?: BulkCreateOptions, lifecycle?: BatchLifecycle): Promise<unknown[] | number> {
  const def = b.definition;
  const what = `${def.modelName}.bulkCreate`;
  const source = checkSource(rows, what);
  const array = Array.isArray(source);
  const o = checkBulkOptions(def, options, !array, what);
  const total = array ? source.length : undefined;
  if (total === 0) {
    planRows(def, model, [], o.fields, what); // still refuses unknown fields
    return [];
  }
  const batches = batchesOf(source, o.batchSize);
  const first = await batches.next();
  // An array is not empty here (returned above): only an empty iterable ends at once.
  if (first.done) return 0;
  const firstRows = first.value;
  const more = total === undefined ? firstRows.length === o.batchSize : total > firstRows.length;
  // The source is read in the caller's async context, not the load's transaction: a source that
  // queries (another model's findEach) must not put its statements on the connection the COPY
  // holds. Inside the caller's transaction it shares that connection, so each batch is then a
  // COPY of its own and the source is read between them.
  const load = new Load(b, model, o, what, total ?? -1, lifecycle, batches, AsyncLocalStorage.snapshot(), ex.inTransaction);
  const copy = o.copy ?? (more || firstRows.length >= COPY_THRESHOLD);
  if (!copy && !more) {
    // The common case: one statement, nothing around it.
    const batch = await load.plan(firstRows);
    const { created, count } = await insertBatch(b, ex, model, batch.plan, batch.rows, o);
    await load.done(created, batch);
    return array ? created : count;
  }
  const run = async (tx: Executor) => (copy ? load.copy(tx, firstRows) : load.insert(tx, firstRows));
  const count = await ex.transaction(run);
  return array ? load.created : count;
}

/** One load in progress: where it is, and what it has written. */
class Load {
  offset = 0;
  readonly created: unknown[] = [];
  readonly now = new Date();
  private readonly prepared = new WeakMap<PlannedBatch, unknown[]>();

  constructor(
    private readonly b: ModelBinding,
    private readonly model: Function,
    private readonly o: BulkPlanOptions,
    private readonly what: string,
    /** The number of rows when known (an array), else -1. */
    private readonly total: number,
    private readonly lifecycle: BatchLifecycle | undefined,
    private readonly rest: AsyncGenerator<unknown[]>,
    /** Runs a function in the caller's async context (where the source is read). */
    private readonly inCaller: <R>(fn: () => R) => R,
    /** The caller is inside a transaction, whose connection the load shares. */
    private readonly sharesConnection: boolean,
  ) {}

  /** Runs the before-hooks of a batch, then builds and checks its rows (planRows). */
  async plan(given: unknown[]): Promise<PlannedBatch> {
    const rows = this.lifecycle ? await this.lifecycle.before(given, this.offset) : given;
    const place: BatchPlace = { offset: this.offset, many: this.total !== 1, now: this.now, silent: this.o.silent };
    const batch = { plan: planRows(this.b.definition, this.model, rows, this.o.fields, this.what, place), offset: this.offset, rows: rows.length };
    if (this.lifecycle) this.prepared.set(batch, rows);
    this.offset += rows.length;
    return batch;
  }

  /** The next batch of the source, planned; undefined at the end. */
  async next(): Promise<PlannedBatch | undefined> {
    const n = await this.inCaller(() => this.rest.next());
    return n.done ? undefined : this.plan(n.value);
  }

  /** After a batch is written: its after-hooks, and progress. */
  async done(created: unknown[], batch: PlannedBatch): Promise<void> {
    if (this.lifecycle) await this.lifecycle.after(created, this.prepared.get(batch) ?? []);
    this.o.onProgress?.(batch.offset + batch.rows, this.total < 0 ? undefined : this.total);
  }

  async insert(tx: Executor, firstRows: unknown[]): Promise<number> {
    let count = 0;
    for (let batch: PlannedBatch | undefined = await this.plan(firstRows); batch !== undefined; batch = await this.next()) {
      let r: { created: unknown[]; count: number };
      try {
        r = await insertBatch(this.b, tx, this.model, batch.plan, batch.rows, this.o);
      } catch (err) {
        // The server names no row of a set-based INSERT: say which batch it was.
        if (err instanceof InscribeError) err.message = `rows ${batch.offset}-${batch.offset + batch.rows - 1}: ${err.message}`;
        throw err;
      }
      for (const c of r.created) this.created.push(c);
      count += r.count;
      await this.done(r.created, batch);
    }
    return count;
  }

  async copy(tx: Executor, firstRows: unknown[]): Promise<number> {
    // One streamed COPY for every batch (pg), unless something may query the load's connection
    // between batches: hooks or validators (they run in the load's transaction), or a source
    // read inside the caller's transaction. A query there would wait behind the COPY (a
    // deadlock), so then each batch is a COPY of its own, as on PGlite.
    const streams = tx.copyStreams === true && this.lifecycle === undefined && !this.sharesConnection;
    return copyBatches(tx, this.b.definition, await this.plan(firstRows), () => this.next(), (batch) => this.done([], batch), streams);
  }
}
