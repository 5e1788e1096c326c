import type { RowCursor } from './cursor';

/** A statement ready to send: SQL text with `$n` placeholders and the values bound to them. */
export interface CompiledQuery {
  readonly text: string;
  readonly values: readonly unknown[];
  /**
   * A statement generated from a model, from a bounded set of texts: the pg driver may
   * run it as a named prepared statement (parsed and planned once per connection).
   * Never set for user SQL.
   */
  readonly prepare?: boolean;
}

/** Parsers keyed by type OID, applied to text-format values (both drivers take this form). */
export type ParserTable = Readonly<Record<number, (text: string) => unknown>>;

/**
 * How the caller wants rows: `array` rows are positional and cheapest (models use them);
 * `object` rows are keyed by column name (raw `db.query`).
 */
export type RowMode = 'array' | 'object';

export interface FieldInfo {
  readonly name: string;
  readonly dataTypeID: number;
}

export interface DriverResult<Row = unknown> {
  rows: Row[];
  rowCount: number;
  /** The result's columns in order: name and type OID (as the driver reports them). */
  fields: readonly FieldInfo[];
}

/** Anything that can run one statement: the pool, or one dedicated connection. */
export interface Queryable {
  run<Row = unknown>(query: CompiledQuery, rowMode: RowMode, parsers: ParserTable): Promise<DriverResult<Row>>;
}

/** One connection held for a transaction; `release` hands it back (destroyed on error). */
export interface DedicatedConnection extends Queryable {
  release(error?: Error): void;
  /** False when the server says the session is inside a transaction (or a failed one); undefined when the driver cannot tell. */
  idle?(): boolean;
  /**
   * Runs `COPY … FROM STDIN` (`query.text`, no values) with `source` as its data; resolves to
   * the number of rows copied. An error thrown by `source` aborts the COPY (the server
   * rolls the statement back) and rejects with that error.
   */
  copyFrom(query: CompiledQuery, source: AsyncIterable<Uint8Array>): Promise<number>;
  /**
   * True when one `copyFrom` streams its source to the server as it is produced (pg); false
   * when the driver holds the whole payload first (PGlite), so callers keep each COPY small.
   */
  readonly copyStreams: boolean;
}

/**
 * The seam between Inscribe and a PostgreSQL implementation. Everything above it speaks
 * in `{ text, values }`; the pg pool and PGlite implement it.
 */
export interface Driver extends Queryable {
  readonly kind: 'pg' | 'pglite';
  /** The database name, for the sync `match` guard. */
  readonly databaseName: string;
  acquire(): Promise<DedicatedConnection>;
  /**
   * A protocol-level cursor on a connection of its own (outside transactions). Drivers
   * without one (PGlite: one session) get a SQL cursor (`DECLARE … WITH HOLD`) instead.
   */
  openCursor?(query: CompiledQuery, rowMode: RowMode, parsers: ParserTable, batchSize: number): Promise<RowCursor>;
  close(): Promise<void>;
  /** Forget prepared statements (their parameter and result types may have changed by DDL). */
  resetPrepared(): void;
}
