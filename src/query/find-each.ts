import { UsageError } from '../errors';
import type { Executor } from '../driver/executor';
import type { RowCursor } from '../driver/cursor';
import type { ModelBinding } from '../instance/binding';
import { checkOptions } from './check-options';
import { compileFind } from './find';
import { compileIncludes, hydrateIncluded } from './include-find';
import { hasLateral, readColumnTypes } from './include-lateral';
import type { IncludeNode } from './include-tree';
import { lockClause } from './lock';
import { materialise as materialiseRows } from './find-result';

/** The options findEach/stream read after the lifecycle (scope, beforeFind, paranoid) has run. */
export const FIND_EACH_OPTIONS = ['where', 'attributes', 'order', 'limit', 'offset', 'raw', 'include', 'batchSize', 'lock', 'skipLocked', 'noWait'] as const;

/** Rows per batch when `batchSize` is left out (as Rails' find_each). */
export const DEFAULT_BATCH_SIZE = 1000;

export function checkBatchSize(value: unknown, what: string): number {
  if (value === undefined) return DEFAULT_BATCH_SIZE;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) throw new UsageError(`${what}: batchSize must be a positive integer (rows per round trip), got ${typeof value === 'number' ? value : typeof value}`);
  return value;
}

/** Turns one batch of positional rows into what the caller iterates: instances, or plain objects with raw. */
export type BatchMaterialiser = (rows: unknown[][]) => unknown[];

/** A compiled findEach: the cursor to open and how each batch becomes instances. */
export interface CompiledFindEach {
  open(): Promise<RowCursor>;
  materialise: BatchMaterialiser;
  batchSize: number;
}

/**
 * Compiles `findEach(options)` (options already through the lifecycle) into the cursor it
 * reads and the batch materialiser, both from the finders' own parts: compileFind (or the
 * include compiler) for the SELECT, the compiled hydrator per batch (one call per batch,
 * no closure per row). To-one includes are joined into the same rows; a to-many include
 * (or any include loaded by a second query) is refused, as its rows cannot be attached
 * one batch at a time from the same statement.
 */
export function compileFindEach(b: ModelBinding, ex: Executor, model: Function, options: Record<string, unknown>): CompiledFindEach {
  const def = b.definition;
  const what = `${def.modelName}.findEach`;
  const o = checkOptions(options, FIND_EACH_OPTIONS, what);
  const batchSize = checkBatchSize(o.batchSize, what);
  if (o.raw !== undefined && typeof o.raw !== 'boolean') throw new UsageError(`${what}: raw must be true or false`);
  const lock = lockClause(o, ex.inTransaction, what);
  if (o.include !== undefined) {
    const c = compileIncludes(b, model, o, what, undefined, lock);
    const { compiled, values } = c;
    refuseSeparate(c.nodes, what);
    const lateral = hasLateral(compiled);
    return {
      // A lateral include's rows are JSON: its column types are read once, before the cursor opens.
      open: async () => {
        if (lateral) await readColumnTypes(ex, compiled);
        return ex.cursor({ text: compiled.text, values }, batchSize, def);
      },
      materialise: (rows) => hydrateIncluded(c, rows, ex.parsers).instances[0],
      batchSize,
    };
  }
  const { text, values, selection } = compileFind(def, o, what, undefined, lock);
  const M = model as new () => unknown;
  // The finders' own materialiser: aliased attributes ([fn(…), 'n']) included.
  const raw = o.raw === true;
  const materialise: BatchMaterialiser = (rows) => materialiseRows(def, M, rows, selection, raw);
  return { open: () => ex.cursor({ text, values }, batchSize, def), materialise, batchSize };
}

function refuseSeparate(nodes: readonly IncludeNode[], what: string): void {
  for (const n of nodes) {
    // A lateral include arrives inside its parent's row (json_agg) and a joined to-one include
    // adds no rows; anything else needs a statement per batch or multiplies rows.
    if (!n.lateral && (n.assoc.isMultiple || n.separate)) {
      throw new UsageError(`${what}: the include "${n.as}" is ${n.separate ? 'loaded by a query of its own (separate)' : 'a joined to-many include'}; findEach streams one row per instance, so it takes to-one includes and to-many includes with strategy: 'lateral' (not the default: to-many includes load separately). Give "${n.as}" strategy: 'lateral', load it per batch yourself, or use findAll with limit/offset pages.`);
    }
    refuseSeparate(n.children, what);
  }
}

const DONE: IteratorResult<never> = Object.freeze({ value: undefined, done: true }) as IteratorResult<never>;

/**
 * Cursors of iterators dropped while open (`next()` called by hand, the iterator then
 * discarded without `return()`): closed when the iterator is collected, so the connection
 * a cursor holds goes back to the pool instead of staying checked out for the process's life.
 */
const abandoned = new FinalizationRegistry<RowCursor>((cursor) => {
  cursor.close().catch(() => undefined);
});

/**
 * The iterator findEach returns: one batch in memory at a time. `next()` hands out the
 * current batch's instances without awaiting anything; at the end of a batch it reads the
 * next one. The cursor opens on the first `next()`, and is closed (its connection released)
 * when the rows run out, when a read fails, and on `return()` (an early `break`, or a
 * throw in the loop body); an iterator dropped while open has it closed once collected.
 * Single-use, like a generator; calls are served in order.
 *
 * `afterBatch` runs the afterFind hooks on each batch.
 */
export class FindEachIterator<T> implements AsyncIterableIterator<T> {
  readonly #prepare: () => Promise<CompiledFindEach>;
  readonly #afterBatch: ((batch: unknown[]) => Promise<unknown>) | undefined;
  #cursor: RowCursor | undefined;
  #materialise: BatchMaterialiser | undefined;
  #batchSize = 0;
  #batch: unknown[] = [];
  #at = 0;
  #finished = false;
  /** The read in progress, so a next() issued before the previous one settled waits its turn. */
  #pending: Promise<IteratorResult<T>> | undefined;

  /** @internal */
  constructor(prepare: () => Promise<CompiledFindEach>, afterBatch?: (batch: unknown[]) => Promise<unknown>) {
    this.#prepare = prepare;
    this.#afterBatch = afterBatch;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.#pending === undefined && this.#at < this.#batch.length) return Promise.resolve({ value: this.#batch[this.#at++] as T, done: false });
    const before = this.#pending;
    const p = before === undefined ? this.#fill() : before.then(() => this.#fill(), () => this.#fill());
    this.#pending = p;
    const clear = () => {
      if (this.#pending === p) this.#pending = undefined;
    };
    p.then(clear, clear);
    return p;
  }

  async #fill(): Promise<IteratorResult<T>> {
    if (this.#at < this.#batch.length) return { value: this.#batch[this.#at++] as T, done: false };
    if (this.#finished) return DONE;
    // The finished batch is dropped before the next is read: at most one is held.
    this.#batch = [];
    this.#at = 0;
    try {
      if (this.#cursor === undefined) {
        const compiled = await this.#prepare();
        if (this.#finished) return DONE;
        this.#materialise = compiled.materialise;
        this.#batchSize = compiled.batchSize;
        this.#cursor = await compiled.open();
        if (this.#finished) {
          await this.#cursor.close();
          return DONE;
        }
        abandoned.register(this, this.#cursor, this);
      }
      const rows = await this.#cursor.read();
      if (rows.length === 0) {
        await this.#end();
        return DONE;
      }
      // A short batch is the last: release the cursor now rather than after one more round trip.
      if (rows.length < this.#batchSize) await this.#end();
      const batch = this.#materialise!(rows);
      if (this.#afterBatch !== undefined) await this.#afterBatch(batch);
      this.#batch = batch;
      this.#at = 1;
      return { value: batch[0] as T, done: false };
    } catch (err) {
      await this.#end();
      throw err;
    }
  }

  async #end(): Promise<void> {
    this.#finished = true;
    this.#batch = [];
    this.#at = 0;
    const cursor = this.#cursor;
    if (cursor !== undefined) {
      abandoned.unregister(this);
      await cursor.close();
    }
  }

  /** Stops early: closes the cursor and releases its connection (what `break` calls). */
  async return(value?: unknown): Promise<IteratorResult<T>> {
    if (this.#pending !== undefined) await this.#pending.catch(() => undefined);
    await this.#end();
    return { value: value as T, done: true };
  }

  /** Ends the iteration with `err` after releasing the cursor. */
  async throw(err?: unknown): Promise<IteratorResult<T>> {
    await this.return();
    throw err;
  }
}
