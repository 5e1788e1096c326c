/**
 * The workloads. Each `measure` prepares (not timed), runs the timed part, then checks the
 * entry's output (row counts and values, in memory and in the database) and throws when
 * anything is off, so no entry can win by doing less. Lower is better everywhere.
 */
import type { Pool } from 'pg';
import type { BenchRow, Entry } from './entry';
import { BASE_TIME, expectedUser, newRow, quoteIdent, resetScratch, seedScratch } from './schema';
import { includeM2M, includeMany, includeOne } from './relations';
import { findEach, stream2m } from './streaming';

export type SizeSet = 'full' | 'quick' | 'tiny';

export interface Sizes {
  /** Rows seeded into `users`. */
  users: number;
  findByPk: number;
  findAll: number;
  /** Rows per findAll (1,000 in a full run). */
  findAllLimit: number;
  create: number;
  bulkCreate: number;
  /** Rows per bulkCreate (10,000 in a full run). */
  bulkBatch: number;
  update: number;
  increment: number;
  /** Transactions in the transaction workload. */
  transaction: number;
  destroy: number;
  concurrent: number;
  /** Callers at once in concurrent-find. */
  callers: number;
  hydrate: number;
  memory: number;
  /** Runs of each include workload. */
  include: number;
  /** Rows streamed by find-each-100k (from `users`: at most `users`). */
  findEach: number;
  /** Rows streamed by stream-2m (a table of their own, seeded on first use). */
  stream: number;
  /** Rows per round trip in both streaming workloads. */
  streamBatch: number;
  /** Rows per bulk load in bulk-copy-1m (1,000,000 in a full run). */
  copyRows: number;
  /**
   * Rows per load in bulk-copy-1m for the entries without a COPY API (chunked INSERTs, whose
   * cost per row is flat in the load's size): a million rows would take them minutes per round.
   */
  copyPeerRows: number;
}

export const SIZES: Record<SizeSet, Sizes> = {
  full: { users: 100_000, findByPk: 5_000, findAll: 200, findAllLimit: 1_000, create: 2_000, bulkCreate: 10, bulkBatch: 10_000, update: 2_000, increment: 2_000, transaction: 1_000, destroy: 2_000, concurrent: 20_000, callers: 50, hydrate: 100_000, memory: 100_000, include: 200, findEach: 100_000, stream: 2_000_000, streamBatch: 1_000, copyRows: 1_000_000, copyPeerRows: 100_000 },
  quick: { users: 10_000, findByPk: 300, findAll: 10, findAllLimit: 1_000, create: 150, bulkCreate: 2, bulkBatch: 1_000, update: 150, increment: 150, transaction: 100, destroy: 150, concurrent: 1_500, callers: 50, hydrate: 10_000, memory: 10_000, include: 30, findEach: 10_000, stream: 200_000, streamBatch: 1_000, copyRows: 100_000, copyPeerRows: 20_000 },
  tiny: { users: 1_000, findByPk: 20, findAll: 3, findAllLimit: 50, create: 10, bulkCreate: 2, bulkBatch: 50, update: 10, increment: 10, transaction: 10, destroy: 10, concurrent: 100, callers: 50, hydrate: 500, memory: 500, include: 3, findEach: 500, stream: 3_000, streamBatch: 100, copyRows: 2_000, copyPeerRows: 2_000 },
};

/** What a workload needs besides the entry: the harness's own connection and shared state. */
export interface Env {
  admin: Pool;
  /** postgres://… of the server (for workloads that measure in a child process). */
  url: string;
  schema: string;
  sizes: Sizes;
  /** The entry's fetched rows for hydrate-cpu, fetched once (not timed). */
  raw: Map<string, unknown>;
  gc: () => void;
  /** Run (last first) when the run ends: what workloads set up lazily (a large table's schema). */
  cleanups: (() => Promise<void>)[];
}

export type Unit = 'µs/op' | 'µs/row' | 'bytes/row' | 'MB';

/** Thrown by `measure` when the entry has no way to do the workload: reported as "not offered", not as a failure. */
export class NotOffered extends Error {}

export interface Workload {
  id: string;
  unit: Unit;
  /** A second figure each run measures besides `unit` (stream-2m: its peak RSS growth), reported as a workload of its own. */
  also?: { id: string; unit: Unit };
  /** At most this many rounds and warm-up runs (a workload that takes minutes per round). */
  maxRounds?: number;
  maxWarmup?: number;
  /** What one `size` counts, for the terminal. */
  describe(sizes: Sizes): string;
  size(sizes: Sizes): number;
  /** Warm-up runs this size (a quarter is enough to get every path compiled). */
  warmupSize(sizes: Sizes): number;
  /** One measured run of `size`; returns the value in `unit` (and, with `also`, the second figure). */
  measure(entry: Entry, env: Env, size: number, round: number): Promise<number | { value: number; also: number }>;
}

export class CheckError extends Error {}

function check(ok: boolean, what: () => string): void {
  if (!ok) throw new CheckError(what());
}

function time(): number {
  return performance.now();
}

/** A spread of keys over 1…users that differs per round (the same for every entry in a round). */
function keys(count: number, users: number, round: number): number[] {
  const out = new Array<number>(count);
  for (let i = 0; i < count; i++) out[i] = ((i * 7919 + round * 104_729) % users) + 1;
  return out;
}

/** Cheap check of a found user, done inside the timed loop for every entry alike. */
function quickCheck(r: BenchRow | null, id: number): void {
  if (r === null || r.id !== id || r.age !== id % 90) throw new CheckError(`expected user ${id}, got ${r === null ? 'null' : `id ${r.id} age ${r.age}`}`);
}

/** Every value of a found user. */
function fullCheck(r: BenchRow, id: number): void {
  const e = expectedUser(id);
  for (const k of ['id', 'name', 'email', 'age', 'score', 'active'] as const) check(r[k] === e[k], () => `user ${id}: ${k} is ${String(r[k])}, expected ${String(e[k])}`);
  for (const k of ['createdAt', 'updatedAt'] as const) {
    const v = r[k] as unknown;
    check(v instanceof Date && v.getTime() === e[k].getTime(), () => `user ${id}: ${k} is ${String(v)}, expected the Date ${e[k].toISOString()}`);
  }
}

async function scalar(env: Env, sql: string, values: unknown[] = []): Promise<number> {
  const r = await env.admin.query(sql.replace(/\bSCRATCH\b/g, `${quoteIdent(env.schema)}."scratch"`), values);
  return Number(Object.values(r.rows[0])[0]);
}

const quarter = (n: number) => Math.max(1, Math.ceil(n / 4));

const findByPk: Workload = {
  id: 'find-by-pk', unit: 'µs/op',
  describe: () => 'serial findByPk',
  size: (s) => s.findByPk, warmupSize: (s) => quarter(s.findByPk),
  async measure(entry, env, size, round) {
    const ks = keys(size, env.sizes.users, round);
    const t0 = time();
    for (let i = 0; i < size; i++) {
      const r = await entry.findByPk(ks[i]);
      quickCheck(r, ks[i]);
      if (i % 500 === 0) fullCheck(r!, ks[i]);
    }
    return ((time() - t0) * 1000) / size;
  },
};

const findAll: Workload = {
  id: 'find-all-1k', unit: 'µs/op',
  describe: (s) => `findAll where id > ? and active, order by id, limit ${s.findAllLimit.toLocaleString('en-US')}`,
  size: (s) => s.findAll, warmupSize: (s) => quarter(s.findAll),
  async measure(entry, env, size, round) {
    const limit = env.sizes.findAllLimit;
    const span = env.sizes.users - 2 * limit - 2;
    const t0 = time();
    for (let q = 0; q < size; q++) {
      const after = (q * 7919 + round * 31) % span;
      const rows = await entry.findAll(after, limit);
      const first = after + 1 + ((after + 1) % 2);
      check(rows.length === limit && rows[0].id === first && rows[limit - 1].id === first + 2 * (limit - 1), () => `findAll after ${after}: ${rows.length} rows, ids ${rows[0]?.id}…${rows[rows.length - 1]?.id}, expected ${limit} rows from ${first}`);
      if (q === 0) rows.forEach((r, i) => fullCheck(r, first + 2 * i));
    }
    return ((time() - t0) * 1000) / size;
  },
};

const create: Workload = {
  id: 'create', unit: 'µs/op',
  describe: () => 'serial create, returning the row',
  size: (s) => s.create, warmupSize: (s) => quarter(s.create),
  async measure(entry, env, size, round) {
    await resetScratch(env.admin, env.schema);
    const values = Array.from({ length: size }, (_, i) => newRow(round * size + i));
    const t0 = time();
    for (let i = 0; i < size; i++) {
      const r = await entry.create(values[i]);
      if (r.id !== i + 1 || !(r.createdAt instanceof Date) || r.name !== `new-${round * size + i}`) {
        throw new CheckError(`create #${i}: got id ${r.id}, createdAt ${String(r.createdAt)}, name ${r.name}`);
      }
    }
    const elapsed = time() - t0;
    const stored = await scalar(env, `SELECT count(*) FROM SCRATCH WHERE "name" LIKE 'new-%' AND "createdAt" > to_timestamp($1)`, [BASE_TIME / 1000]);
    check(stored === size, () => `create: ${stored} rows stored, expected ${size}`);
    return (elapsed * 1000) / size;
  },
};

const bulkCreate: Workload = {
  id: 'bulk-create-10k', unit: 'µs/op',
  describe: (s) => `bulkCreate of ${s.bulkBatch.toLocaleString('en-US')} rows (one op = one call)`,
  size: (s) => s.bulkCreate, warmupSize: () => 1,
  async measure(entry, env, size, round) {
    const batch = env.sizes.bulkBatch;
    await resetScratch(env.admin, env.schema);
    // Fresh objects per call: some ORMs write generated values back into what they were given.
    const batches = Array.from({ length: size }, (_, b) => Array.from({ length: batch }, (_, i) => newRow(round * 1_000_000 + b * batch + i)));
    const t0 = time();
    for (let b = 0; b < size; b++) {
      const made = await entry.bulkCreate(batches[b]);
      const first = made[0], last = made[made.length - 1];
      check(made.length === batch && first.id === b * batch + 1 && last.id === (b + 1) * batch && last.name === batches[b][batch - 1].name,
        () => `bulkCreate #${b}: ${made.length} records, ids ${first?.id}…${last?.id}`);
    }
    const elapsed = time() - t0;
    const stored = await scalar(env, `SELECT count(*) FROM SCRATCH WHERE "name" = 'new-' || ("id" - 1 + $1::int) AND "email" <> ''`, [round * 1_000_000]);
    check(stored === size * batch, () => `bulkCreate: ${stored} matching rows stored, expected ${size * batch}`);
    return (elapsed * 1000) / size;
  },
};

/**
 * Rows for bulk-copy-1m, made as they are pulled (the load never exists as one array), so
 * peak RSS shows what the entry itself holds.
 */
async function* generated(count: number, base: number): AsyncGenerator<ReturnType<typeof newRow>> {
  for (let i = 0; i < count; i++) yield newRow(base + i);
}

/** The entries with a COPY path; the others load `copyPeerRows` per round (see Sizes). */
const COPY_ENTRIES: ReadonlySet<string> = new Set(['pg', 'inscribe']);

const bulkCopy: Workload = {
  id: 'bulk-copy-1m', unit: 'µs/row',
  also: { id: 'bulk-copy-1m-rss', unit: 'MB' },
  describe: (s) => `load ${s.copyRows.toLocaleString('en-US')} rows from an async generator, all or nothing, nothing read back (the entry's fastest bulk path; entries without COPY load ${s.copyPeerRows.toLocaleString('en-US')}, their cost per row being flat); also its peak RSS growth (bulk-copy-1m-rss, MB)`,
  size: (s) => s.copyRows, warmupSize: (s) => Math.min(s.copyRows, 20_000),
  // The peers' INSERT paths take tens of seconds per million rows: 3 rounds (a wider interval, honestly).
  maxRounds: 3,
  async measure(entry, env, full, round) {
    await resetScratch(env.admin, env.schema);
    const size = COPY_ENTRIES.has(entry.name) ? full : Math.min(full, env.sizes.copyPeerRows);
    const base = round * 10_000_000;
    env.gc();
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
    const t0 = time();
    let count: number;
    try {
      count = await entry.bulkLoad(generated(size, base));
    } finally {
      clearInterval(sampler);
    }
    const elapsed = time() - t0;
    peak = Math.max(peak, process.memoryUsage().rss);
    process.stdout.write(`    ${entry.name}: ${size.toLocaleString('en-US')} rows in ${(elapsed / 1000).toFixed(2)} s, peak RSS growth ${((peak - rss0) / 1048576).toFixed(0)} MB\n`);
    check(count === size, () => `bulkLoad resolved to ${count}, expected ${size}`);
    const stored = await scalar(env, `SELECT count(*) FROM SCRATCH WHERE "name" = 'new-' || ("id" - 1 + $1::int) AND "email" = 'new' || ("id" - 1 + $1::int) || '@example.com' AND "age" = ("id" - 1 + $1::int) % 70 AND "createdAt" IS NOT NULL`, [base]);
    check(stored === size, () => `bulkLoad: ${stored} matching rows stored, expected ${size}`);
    return { value: (elapsed * 1000) / size, also: Math.max(0, (peak - rss0) / 1048576) };
  },
};

const updateOneField: Workload = {
  id: 'update-one-field', unit: 'µs/op',
  describe: () => 'change score on a loaded instance and save',
  size: (s) => s.update, warmupSize: (s) => quarter(s.update),
  async measure(entry, env, size, round) {
    const ids = await seedScratch(env.admin, env.schema, size);
    const records = await entry.loadScratch(ids);
    check(records.length === size, () => `loadScratch: ${records.length} records, expected ${size}`);
    const offset = 0.25 + round;
    const t0 = time();
    for (let i = 0; i < size; i++) await entry.updateOneField(records[i], ids[i] + offset);
    const elapsed = time() - t0;
    const stored = await scalar(env, `SELECT count(*) FROM SCRATCH WHERE "score" = "id" + $1::float8 AND "age" = 10 AND "updatedAt" > to_timestamp($2)`, [offset, BASE_TIME / 1000]);
    check(stored === size, () => `update: ${stored} rows updated (score and updatedAt), expected ${size}`);
    check(entry.valuesOf(records[size - 1]).score === ids[size - 1] + offset, () => 'update: the instance does not hold the new score');
    return (elapsed * 1000) / size;
  },
};

const increment: Workload = {
  id: 'increment', unit: 'µs/op',
  describe: () => 'instance increment of age by 1',
  size: (s) => s.increment, warmupSize: (s) => quarter(s.increment),
  async measure(entry, env, size) {
    const ids = await seedScratch(env.admin, env.schema, size);
    const records = await entry.loadScratch(ids);
    check(records.length === size, () => `loadScratch: ${records.length} records, expected ${size}`);
    const t0 = time();
    for (let i = 0; i < size; i++) await entry.increment(records[i]);
    const elapsed = time() - t0;
    const stored = await scalar(env, `SELECT count(*) FROM SCRATCH WHERE "age" = 11 AND "score" = 0 AND "updatedAt" > to_timestamp($1)`, [BASE_TIME / 1000]);
    check(stored === size, () => `increment: ${stored} rows incremented (age and updatedAt), expected ${size}`);
    return (elapsed * 1000) / size;
  },
};

const destroy: Workload = {
  id: 'destroy', unit: 'µs/op',
  describe: () => 'destroy by primary key',
  size: (s) => s.destroy, warmupSize: (s) => quarter(s.destroy),
  async measure(entry, env, size) {
    const ids = await seedScratch(env.admin, env.schema, size);
    let removed = 0;
    const t0 = time();
    for (let i = 0; i < size; i++) removed += await entry.destroy(ids[i]);
    const elapsed = time() - t0;
    check(removed === size, () => `destroy reported ${removed} rows, expected ${size}`);
    const left = await scalar(env, 'SELECT count(*) FROM SCRATCH');
    check(left === 0, () => `destroy: ${left} rows left`);
    return (elapsed * 1000) / size;
  },
};

const concurrentFind: Workload = {
  id: 'concurrent-find', unit: 'µs/op',
  describe: (s) => `findByPk, ${s.callers} callers at once (wall time / ops)`,
  size: (s) => s.concurrent, warmupSize: (s) => quarter(s.concurrent),
  async measure(entry, env, size, round) {
    const ks = keys(size, env.sizes.users, round + 1000);
    let next = 0;
    const caller = async () => {
      for (let i = next++; i < size; i = next++) quickCheck(await entry.findByPk(ks[i]), ks[i]);
    };
    const t0 = time();
    await Promise.all(Array.from({ length: env.sizes.callers }, caller));
    return ((time() - t0) * 1000) / size;
  },
};

const hydrateCpu: Workload = {
  id: 'hydrate-cpu', unit: 'µs/row',
  describe: () => 'already-fetched rows into instances, no I/O',
  size: (s) => s.hydrate, warmupSize: (s) => s.hydrate,
  async measure(entry, env, size) {
    let raw = env.raw.get(entry.name);
    if (raw === undefined) env.raw.set(entry.name, (raw = await entry.fetchRaw(size)));
    const input = entry.copyRaw ? entry.copyRaw(raw) : raw;
    env.gc();
    const t0 = time();
    const out = entry.hydrate(input);
    const elapsed = time() - t0;
    check(out.length === size, () => `hydrate: ${out.length} instances, expected ${size}`);
    for (let i = 0; i < size; i += 997) fullCheck(out[i], i + 1);
    fullCheck(out[size - 1], size);
    return (elapsed * 1000) / size;
  },
};

/** The used heap once pending callbacks have run and a full gc no longer frees anything (at most 5 passes). */
async function quiescentHeap(env: { gc(): void }): Promise<number> {
  let last = Infinity;
  for (let pass = 0; pass < 5; pass++) {
    await new Promise((resolve) => setImmediate(resolve));
    env.gc();
    const used = process.memoryUsage().heapUsed;
    if (used >= last - 1024) return used;
    last = used;
  }
  return last;
}

const memory: Workload = {
  id: 'memory', unit: 'bytes/row',
  describe: () => 'retained heap per loaded instance (8 columns, 2 timestamps), after gc',
  size: (s) => s.memory, warmupSize: (s) => s.memory,
  async measure(entry, env, size) {
    // Let pending callbacks (pool timers, settled promises) drop what they hold, then collect
    // until the heap stops shrinking: one gc() can leave garbage of the previous round (weak
    // maps, finalizers) that the next reading collects, which gave nonsense (negative) readings.
    const before = await quiescentHeap(env);
    let rows: object[] | null = await entry.loadAll(size);
    const after = await quiescentHeap(env);
    check(rows.length === size, () => `loadAll: ${rows!.length} rows, expected ${size}`);
    for (let i = 0; i < size; i += 997) fullCheck(rows[i] as BenchRow, i + 1);
    rows = null;
    return (after - before) / size;
  },
};

const transaction: Workload = {
  id: 'transaction', unit: 'µs/op',
  describe: () => 'BEGIN; read a row FOR UPDATE; update it and another row; COMMIT',
  size: (s) => s.transaction, warmupSize: (s) => quarter(s.transaction),
  async measure(entry, env, size, round) {
    const ids = await seedScratch(env.admin, env.schema, size);
    const offset = 0.5 + round;
    const t0 = time();
    for (let i = 0; i < size; i++) await entry.transaction(ids[i], ids[(i + 1) % size], offset);
    const elapsed = time() - t0;
    const stored = await scalar(env, `SELECT count(*) FROM SCRATCH WHERE "score" = "id" + $1::float8`, [offset]);
    check(stored === size, () => `transaction: ${stored} rows hold the new score, expected ${size}`);
    // Other clients of the database may be mid-transaction: count only sessions whose last statement touched scratch.
    const open = await scalar(env, `SELECT count(*) FROM pg_stat_activity WHERE state LIKE 'idle in transaction%' AND datname = current_database() AND query ILIKE '%scratch%'`, []);
    check(open === 0, () => `transaction: ${open} connections left idle in a transaction`);
    return (elapsed * 1000) / size;
  },
};

export const WORKLOADS: readonly Workload[] = [findByPk, findAll, create, bulkCreate, bulkCopy, updateOneField, increment, transaction, destroy, concurrentFind, hydrateCpu, memory, includeMany, includeOne, includeM2M, findEach, stream2m];
