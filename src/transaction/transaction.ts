import { TimeoutError, TransactionError } from '../errors';
import type { CompiledQuery, DedicatedConnection, DriverResult, Queryable, RowMode } from '../driver/driver';
import type { Executor } from '../driver/executor';
import { sqlCursor } from '../driver/cursor';
import { withLoggingOf } from '../driver/call-logging';
import type { RowCursor } from '../driver/cursor';
import type { ModelDefinition } from '../metadata/definition';
import { SNAPSHOT } from '../instance/state';
import type { ParserTables } from '../types/parsers';
import { ISOLATION_LEVELS, LOCK } from './options';
import type { TransactionOptions } from './options';

/** What a transaction needs from its Database: the one statement boundary, and nesting. */
export interface TransactionHost {
  readonly parsers: ParserTables;
  readonly databaseName: string;
  readonly searchSchema?: string;
  log(message: string): void;
  /** Runs one statement on `target` with logging and error translation (Database's one boundary). */
  runOn<Row>(target: Queryable, query: CompiledQuery, rowMode: RowMode, model?: ModelDefinition): Promise<DriverResult<Row>>;
  /** Runs `COPY … FROM STDIN` on `target`, with logging and error translation as runOn. */
  copyOn(target: DedicatedConnection, query: CompiledQuery, source: AsyncIterable<Uint8Array>, model?: ModelDefinition): Promise<number>;
  /** A managed transaction nested in `options.transaction` (a SAVEPOINT). */
  transaction<T>(options: TransactionOptions, fn: (t: Transaction) => Promise<T>): Promise<T>;
  /** A top-level transaction committed (its writes are now visible; read-your-writes tracks them). */
  committed?(): void;
}

type State = 'active' | 'committed' | 'rolled back' | 'timed out';

/** An instance as it was before this transaction first wrote it, for restoring on rollback. */
interface SavedInstance {
  readonly attributes: readonly string[];
  readonly snapshot: unknown[] | null;
  readonly values: unknown[];
}

const CONTROL: RowMode = 'array';

/**
 * One transaction: a connection held from BEGIN to COMMIT/ROLLBACK (or a SAVEPOINT on its
 * parent's connection). Statements run through it are an Executor like the Database, so
 * every model call can be pointed at it with `{ transaction: t }`, and inside a managed
 * `db.transaction(fn)` the calls find it on their own (async-local storage).
 *
 * @example
 * const t = await db.transaction();
 * try { await User.create({ name: 'b' }, { transaction: t }); await t.commit(); }
 * catch (e) { await t.rollback(); throw e; }
 */
// Not `implements Executor`: the published declarations leave out its internal members (run,
// log, …), and a declared class must still satisfy what it says it implements. It is passed
// where an Executor is expected, which checks the shape instead.
export class Transaction {
  static readonly ISOLATION_LEVELS = ISOLATION_LEVELS;
  static readonly LOCK = LOCK;

  /** The options it was started with. */
  readonly options: Readonly<TransactionOptions>;
  /** The transaction this one is a SAVEPOINT of, or null for a top-level one. */
  readonly parent: Transaction | null;
  /** @internal */ readonly parsers: ParserTables;
  /** @internal */ readonly databaseName: string;
  /** @internal */ readonly searchSchema?: string;
  /** @internal The Executor protocol: statements run inside this transaction. */
  readonly inTransaction = true;

  readonly #host: TransactionHost;
  readonly #connection: DedicatedConnection;
  readonly #savepoint: string | undefined;
  #state: State = 'active';
  #afterCommit: (() => unknown)[] = [];
  #saved: Map<object, SavedInstance> | undefined;
  #savepoints = 0;
  /** Savepoints of one parent run one at a time: they share one connection. */
  #nested: Promise<void> = Promise.resolve();
  #ending: Promise<void> | undefined;
  #onEnd: (() => void) | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #deadline: Promise<never> | undefined;

  /** @internal Use `db.transaction()`. */
  constructor(host: TransactionHost, connection: DedicatedConnection, options: TransactionOptions, parent: Transaction | null) {
    this.#host = host;
    this.#connection = connection;
    this.options = Object.freeze({ ...options, transaction: undefined });
    this.parent = parent;
    this.parsers = host.parsers;
    this.databaseName = host.databaseName;
    this.searchSchema = host.searchSchema;
    this.#savepoint = parent === null ? undefined : `inscribe_sp_${parent.#root().#savepoints++}`;
  }

  /** @internal The Database this transaction belongs to. */
  get host(): TransactionHost {
    return this.#host;
  }

  /** True until commit or rollback (or a timeout) ends it. */
  get finished(): boolean {
    return this.#state !== 'active';
  }

  /** 'active', 'committed', 'rolled back' or 'timed out'. */
  get state(): State {
    return this.#state;
  }

  /** The SAVEPOINT name of a nested transaction; undefined for a top-level one. */
  get savepoint(): string | undefined {
    return this.#savepoint;
  }

  #root(): Transaction {
    let t: Transaction = this;
    while (t.parent !== null) t = t.parent;
    return t;
  }

  #ended(what: string): TransactionError {
    return new TransactionError(`${what}: this transaction has already ${this.#state === 'timed out' ? `timed out after ${this.options.timeout} ms and was rolled back` : this.#state === 'active' ? 'ended' : `been ${this.#state}`}. Start a new one with db.transaction().`);
  }

  /** @internal Runs one statement inside the transaction (the Executor protocol). */
  run<Row = unknown[]>(query: CompiledQuery, rowMode: RowMode, model?: ModelDefinition): Promise<DriverResult<Row>> {
    if (this.#state !== 'active') return Promise.reject(this.#ended('A statement'));
    if (this.parent !== null && this.parent.#state !== 'active') return Promise.reject(this.parent.#ended('A statement'));
    return this.#host.runOn<Row>(this.#connection, query, rowMode, model);
  }

  /**
   * @internal The Executor protocol: a SQL cursor (DECLARE … FETCH) on the transaction's
   * connection, so the transaction's other statements can run between two batches.
   */
  cursor(query: CompiledQuery, batchSize: number, model?: ModelDefinition): Promise<RowCursor> {
    return sqlCursor((q) => this.run<unknown[]>(withLoggingOf(query, q), 'array', model), query, batchSize, false);
  }

  /** @internal The Executor protocol: `COPY … FROM STDIN` inside the transaction (bulkCreate's COPY path). */
  copyIn(query: CompiledQuery, source: AsyncIterable<Uint8Array>, model?: ModelDefinition): Promise<number> {
    if (this.#state !== 'active') return Promise.reject(this.#ended('A statement'));
    if (this.parent !== null && this.parent.#state !== 'active') return Promise.reject(this.parent.#ended('A statement'));
    return this.#host.copyOn(this.#connection, query, source, model);
  }

  /** @internal Whether one COPY streams its data to the server (pg) or is gathered first (PGlite). */
  get copyStreams(): boolean {
    return this.#connection.copyStreams;
  }

  /** @internal The Executor protocol: a nested managed transaction (SAVEPOINT). */
  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    return this.#host.transaction({ transaction: this }, fn);
  }

  /** @internal */
  log(message: string): void {
    this.#host.log(message);
  }

  /** @internal Sends transaction control, whatever the state (ROLLBACK after a timeout). */
  control(text: string): Promise<unknown> {
    return this.#host.runOn(this.#connection, { text, values: [] }, CONTROL);
  }

  /** @internal Starts the transaction: BEGIN (with its options) or SAVEPOINT. */
  async begin(beginText: string, statementTimeout: number | undefined): Promise<void> {
    if (this.#savepoint !== undefined) {
      await this.control(`SAVEPOINT ${this.#savepoint}`);
      return;
    }
    await this.control(beginText);
    // The server enforces the bound too, so a statement in flight at the deadline ends by itself.
    if (statementTimeout !== undefined) await this.control(`SET LOCAL statement_timeout = ${statementTimeout | 0}`);
  }

  /**
   * @internal A SAVEPOINT transaction inside this one. Savepoints of one parent run one at a
   * time (they share one connection), so this waits for the previous one to end.
   */
  async nest(options: TransactionOptions): Promise<Transaction> {
    if (this.#state !== 'active') throw this.#ended('A nested transaction');
    const previous = this.#nested;
    let release!: () => void;
    this.#nested = new Promise<void>((r) => (release = r));
    await previous;
    const child = new Transaction(this.#host, this.#connection, options, this);
    child.#onEnd = release;
    try {
      await child.begin('', undefined);
    } catch (err) {
      child.#state = 'rolled back';
      release();
      throw err;
    }
    return child;
  }

  /**
   * @internal Starts the `timeout` clock: when it runs out, the transaction's own statements
   * fail, it is rolled back, and `deadline` rejects with TimeoutError (after the rollback).
   */
  startTimer(ms: number): void {
    let reject!: (e: unknown) => void;
    this.#deadline = new Promise<never>((_, r) => (reject = r));
    this.#deadline.catch(() => undefined); // an unmanaged transaction may never look at it
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (this.#state !== 'active' || this.#ending !== undefined) return;
      this.#state = 'timed out';
      void this.abort('timed out').then(() => reject(new TimeoutError(`The transaction did not finish within its timeout of ${ms} ms; it was rolled back and nothing was committed.`)));
    }, ms);
  }

  /** @internal Rejects with TimeoutError once a timed-out transaction has been rolled back; undefined without a timeout. */
  get deadline(): Promise<never> | undefined {
    return this.#deadline;
  }

  /**
   * Runs `fn` after the outermost transaction commits (never after a rollback). The
   * transaction is already committed then: an error thrown by `fn` rejects the commit call
   * but cannot undo it.
   * @example t.afterCommit(() => mailer.send(welcome))
   */
  afterCommit(fn: () => unknown): void {
    if (typeof fn !== 'function') throw new TransactionError('afterCommit(fn) takes a function');
    if (this.#state !== 'active') throw this.#ended('afterCommit');
    this.#afterCommit.push(fn);
  }

  /**
   * @internal Persistence calls this before writing an instance inside the transaction: the
   * first time, its state is kept, so a rollback can put it back (the instance never claims
   * values the database did not keep).
   */
  remember(definition: ModelDefinition, instance: object): void {
    const saved = (this.#saved ??= new Map());
    if (saved.has(instance)) return;
    saved.set(instance, capture(definition, instance));
  }

  /** COMMIT (or RELEASE SAVEPOINT), then the afterCommit callbacks of a top-level transaction. */
  async commit(): Promise<void> {
    await this.commitOnly();
    await this.flushAfterCommit();
  }

  /** @internal COMMIT or RELEASE, without the afterCommit callbacks (a managed retry must not repeat those). */
  async commitOnly(): Promise<void> {
    if (this.#state !== 'active') throw this.#ended('commit()');
    await this.#end(async () => {
      if (this.#savepoint !== undefined) {
        await this.control(`RELEASE SAVEPOINT ${this.#savepoint}`);
        this.#state = 'committed';
        this.#handOver();
        return;
      }
      try {
        await this.control('COMMIT');
      } catch (err) {
        // A failed COMMIT (a deferred constraint, a serialization failure, a lost connection)
        // committed nothing. The connection goes back only if it reports itself idle.
        this.#state = 'rolled back';
        this.#restore();
        this.#release();
        throw err;
      }
      this.#state = 'committed';
      this.#saved = undefined;
      this.#release();
      this.#host.committed?.();
    });
  }

  /** @internal Runs the afterCommit callbacks of a committed top-level transaction, once. */
  flushAfterCommit(): Promise<void> {
    if (this.#savepoint !== undefined || this.#state !== 'committed') return Promise.resolve();
    return runAfterCommit(this.#afterCommit.splice(0));
  }

  /**
   * ROLLBACK (or ROLLBACK TO SAVEPOINT). Instances written inside it get back the state they
   * had before it first wrote them. If ROLLBACK itself fails, the connection is destroyed
   * (the server then rolls back) and the error is thrown.
   */
  async rollback(): Promise<void> {
    if (this.#state !== 'active') throw this.#ended('rollback()');
    await this.#rollback('rolled back');
  }

  /** @internal Rolls back after a timeout, whatever the state; never throws (a failure destroys the connection). */
  async abort(state: 'rolled back' | 'timed out'): Promise<void> {
    if (this.#ending !== undefined) return this.#ending.catch(() => undefined);
    if (this.#state === 'committed' || this.#state === 'rolled back') return;
    try {
      await this.#rollback(state);
    } catch {
      // Already handled: the connection was destroyed, so the server rolled back.
    }
  }

  /** @internal Marks a timed-out transaction: its own statements fail from now on. */
  expire(): void {
    if (this.#state === 'active') this.#state = 'timed out';
  }

  async #rollback(state: 'rolled back' | 'timed out'): Promise<void> {
    if (this.#state === 'active') this.#state = state;
    await this.#end(async () => {
      this.#restore();
      this.#afterCommit = [];
      if (this.#savepoint !== undefined) {
        if (this.parent!.#state !== 'active') return;
        await this.control(`ROLLBACK TO SAVEPOINT ${this.#savepoint}`);
        return;
      }
      try {
        await this.control('ROLLBACK');
      } catch (err) {
        this.#release(err as Error);
        throw err;
      }
      this.#release();
    });
  }

  /** One end at a time: a second commit/rollback racing the first waits for it, then finds it ended. */
  async #end(work: () => Promise<void>): Promise<void> {
    if (this.#ending !== undefined) {
      await this.#ending.catch(() => undefined);
      throw this.#ended('commit()/rollback()');
    }
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#ending = work();
    try {
      await this.#ending;
    } finally {
      this.#onEnd?.();
      this.#onEnd = undefined;
    }
  }

  /** A released savepoint's afterCommit callbacks and saved instances become its parent's. */
  #handOver(): void {
    const parent = this.parent!;
    parent.#afterCommit.push(...this.#afterCommit);
    this.#afterCommit = [];
    if (this.#saved !== undefined) {
      const into = (parent.#saved ??= new Map());
      for (const [inst, s] of this.#saved) if (!into.has(inst)) into.set(inst, s);
      this.#saved = undefined;
    }
  }

  #restore(): void {
    const saved = this.#saved;
    this.#saved = undefined;
    if (saved === undefined) return;
    for (const [inst, s] of saved) restore(inst, s);
  }

  /** Hands the connection back only when idle; a connection in doubt is destroyed. */
  #release(error?: Error): void {
    this.#connection.release(error ?? (this.#connection.idle?.() === false ? new Error('connection not idle after the transaction ended') : undefined));
  }
}

function capture(def: ModelDefinition, instance: object): SavedInstance {
  const inst = instance as Record<string | symbol, unknown>;
  // The stored slots, not the accessors: a getter or setter must not run here.
  const attributes = def.attributes.map((a) => a.key as string);
  const snapshot = inst[SNAPSHOT] as unknown[] | null;
  return { attributes, snapshot: snapshot === null ? null : snapshot.slice(), values: attributes.map((n) => inst[n]) };
}

function restore(instance: object, s: SavedInstance): void {
  const inst = instance as Record<string | symbol, unknown>;
  inst[SNAPSHOT] = s.snapshot;
  for (let i = 0; i < s.attributes.length; i++) inst[s.attributes[i]] = s.values[i];
}

/** Runs every callback in order; the first error is thrown after all have run. */
async function runAfterCommit(callbacks: (() => unknown)[]): Promise<void> {
  let failure: { error: unknown } | undefined;
  for (const fn of callbacks) {
    try {
      await fn();
    } catch (error) {
      failure ??= { error };
    }
  }
  if (failure !== undefined) throw failure.error;
}
