/**
 * The one interface every entry (raw pg and each ORM) implements. Every method does the
 * same database work for every entry; what comes back is checked by the workloads.
 */

import type { AuthorWithPosts, PostWithAuthor, PostWithTags } from './relations';

/** The benchmark row: 8 columns, two of them timestamps. */
export interface BenchRow {
  id: number;
  name: string;
  email: string;
  age: number;
  score: number;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** What callers pass to create and bulkCreate. */
export type NewRow = Pick<BenchRow, 'name' | 'email' | 'age' | 'score' | 'active'>;

export const ENTRY_NAMES = ['pg', 'inscribe', 'sequelize', 'typeorm', 'drizzle'] as const;
export type EntryName = (typeof ENTRY_NAMES)[number];

export interface EntryConfig {
  /** postgres://… of the server. */
  url: string;
  /** The schema that holds `users` (read-only, seeded) and `scratch` (written). */
  schema: string;
  /** Connections per entry (the same for everyone). */
  poolSize: number;
}

/**
 * `H` is a loaded record of the entry (an instance, an entity, or a plain row);
 * `R` is what the entry's driver hands back before it becomes instances.
 */
export interface Entry<H = unknown, R = unknown> {
  readonly name: EntryName;
  /** One line on how the entry does each workload, printed with the results. */
  readonly notes?: string;

  /** `users`: the row with this primary key, or null. */
  findByPk(id: number): Promise<BenchRow | null>;
  /** `users`: WHERE id > afterId AND active ORDER BY id LIMIT limit. */
  findAll(afterId: number, limit: number): Promise<BenchRow[]>;
  /** `scratch`: one INSERT; the returned record holds the database's row (id, timestamps). */
  create(values: NewRow): Promise<BenchRow>;
  /**
   * `scratch`: one bulk insert; resolves to the created records, in order, as the entry's
   * bulk API returns them by default (the database's rows; TypeORM's insert writes the
   * generated id and timestamps back into the objects it was given).
   */
  bulkCreate(rows: NewRow[]): Promise<Array<{ id: number; name: string }>>;
  /**
   * `scratch`: loads every row `rows` yields (more than fit in memory at once), all or
   * nothing, reading nothing back, with the entry's fastest bulk path; resolves to the count.
   */
  bulkLoad(rows: AsyncIterable<NewRow>): Promise<number>;
  /** `scratch`: loads the records to mutate (not timed). */
  loadScratch(ids: number[]): Promise<H[]>;
  /** Changes `score` on a loaded record and saves it (and updatedAt). */
  updateOneField(record: H, score: number): Promise<void>;
  /** Atomically adds 1 to `age` of a loaded record (and sets updatedAt). */
  increment(record: H): Promise<void>;
  /**
   * `scratch`, in one transaction: reads row `lockId` FOR UPDATE, sets its score to
   * `lockId + offset` and that of row `otherId` to `otherId + offset` (two UPDATEs), commits.
   */
  transaction(lockId: number, otherId: number, offset: number): Promise<void>;
  /** `scratch`: deletes by primary key; returns how many rows went. */
  destroy(id: number): Promise<number>;
  /** Reads a loaded record's current values (for checks, not timed). */
  valuesOf(record: H): BenchRow;

  /** `users`: the first n rows as the entry's driver returns them, before instances (not timed). */
  fetchRaw(n: number): Promise<R>;
  /** A fresh copy of `raw`, when hydrate changes its input (not timed). */
  copyRaw?(raw: R): R;
  /** CPU only: turns fetched rows into what the entry's finder returns. */
  hydrate(raw: R): BenchRow[];
  /** All authors (by id), each with its posts: the entry's idiomatic eager loading. */
  includeMany(): Promise<AuthorWithPosts[]>;
  /** The first `n` posts (by id), each with its author. */
  includeOne(n: number): Promise<PostWithAuthor[]>;
  /** The first `n` posts (by id), each with its tags through the junction. */
  includeM2M(n: number): Promise<PostWithTags[]>;

  /**
   * `users` WHERE id <= rows ORDER BY id, through the entry's streaming API (or, where it has
   * none, its best idiomatic equivalent: keyset pages), `batchSize` rows per round trip,
   * calling `each` on every row as the entry's finder returns it. Left out: "not offered".
   */
  stream?(batchSize: number, rows: number, each: (row: BenchRow) => void): Promise<void>;

  /** `users`: the first n rows through the entry's usual finder (for retained memory). */
  loadAll(n: number): Promise<object[]>;

  close(): Promise<void>;
}

export type EntryFactory = (config: EntryConfig) => Promise<Entry>;

/** `rows` in arrays of `size`, for entries whose bulk API takes one array per statement. */
export async function* chunksOf<T>(rows: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let chunk: T[] = [];
  for await (const row of rows) {
    chunk.push(row);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}
