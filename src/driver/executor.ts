import type { ModelDefinition } from '../metadata/definition';
import type { ParserTables } from '../types/parsers';
import type { CompiledQuery, DriverResult, RowMode } from './driver';
import type { RowCursor } from './cursor';

/**
 * What the layers above the driver run statements through: the Database (or one
 * transaction's connection), with logging and error translation applied in one place.
 */
export interface Executor {
  readonly parsers: ParserTables;
  /** Runs one statement; `model` names attributes in errors. Rows are positional for models. */
  run<Row = unknown[]>(query: CompiledQuery, rowMode: RowMode, model?: ModelDefinition): Promise<DriverResult<Row>>;
  /**
   * Opens a cursor over a SELECT, read `batchSize` rows at a time (findEach): outside a
   * transaction on a connection of its own, inside one on the transaction's connection.
   */
  cursor(query: CompiledQuery, batchSize: number, model?: ModelDefinition): Promise<RowCursor>;
  /**
   * Runs `COPY … FROM STDIN` with `source` as its data (see DedicatedConnection.copyFrom);
   * only a transaction has it, since COPY needs one held connection.
   */
  copyIn?(query: CompiledQuery, source: AsyncIterable<Uint8Array>, model?: ModelDefinition): Promise<number>;
  /** With copyIn: whether one COPY streams its source (pg) or holds it whole first (PGlite). */
  readonly copyStreams?: boolean;
  /** Runs `fn` inside BEGIN … COMMIT on one connection; ROLLBACK when it throws. */
  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T>;
  /**
   * True for a transaction (or savepoint), false for the Database and its replica readers:
   * what row locks and savepoints depend on. Never decided by comparing with the Database,
   * which reads on replicas do not run on.
   */
  readonly inTransaction: boolean;
  /** The connected database's name, for the sync `match` guard. */
  readonly databaseName: string;
  /** The Database's `schema` option (first on the search_path), which sync creates when missing. */
  readonly searchSchema?: string;
  /** Reports a message through the `logging` option (warnings, DDL). */
  log(message: string): void;
  /**
   * Called by persistence before it writes an instance; a transaction keeps the instance's
   * state the first time, to restore it on rollback. The Database has none.
   */
  remember?(definition: ModelDefinition, instance: object): void;
  /**
   * What decides where this executor sends a statement at the moment it runs, besides the
   * executor itself: the replication session of the async context for the replica reader
   * (read-your-writes). Reads batched together must agree on it. Undefined: nothing else.
   */
  routeKey?(): unknown;
}

/** Where model calls get the executor of one call: `options.transaction`, the async context's transaction, or the Database. */
export interface ExecutorSource extends Executor {
  executorFor(transaction: unknown): Executor;
  /** As executorFor, for a read: outside a transaction it may go to a read replica (unless `useMaster`). */
  readExecutorFor(transaction: unknown, useMaster: unknown): Executor;
  /** The `batchFindByPk` option: whether concurrent findByPk calls may share one statement. */
  readonly batchFindByPk: boolean;
}
