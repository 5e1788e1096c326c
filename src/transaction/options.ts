import { UsageError } from '../errors';

/** `Transaction.ISOLATION_LEVELS`: the SQL isolation levels, spelled as PostgreSQL takes them. */
export const ISOLATION_LEVELS = Object.freeze({
  READ_UNCOMMITTED: 'READ UNCOMMITTED',
  READ_COMMITTED: 'READ COMMITTED',
  REPEATABLE_READ: 'REPEATABLE READ',
  SERIALIZABLE: 'SERIALIZABLE',
} as const);
export type IsolationLevel = (typeof ISOLATION_LEVELS)[keyof typeof ISOLATION_LEVELS];

/** `Transaction.LOCK`: row-lock strengths for a finder's `lock` option (`FOR UPDATE`, …). */
export const LOCK = Object.freeze({
  UPDATE: 'UPDATE',
  SHARE: 'SHARE',
  NO_KEY_UPDATE: 'NO KEY UPDATE',
  KEY_SHARE: 'KEY SHARE',
} as const);
export type LockStrength = (typeof LOCK)[keyof typeof LOCK];

export interface RetryOptions {
  /** Attempts in all, the first included (so `max: 3` runs the callback at most 3 times). */
  max: number;
  /** Milliseconds before retry n (1-based): a number doubles per attempt, a function decides. Default 10. */
  backoff?: number | ((attempt: number) => number);
}

export interface TransactionOptions {
  /** `Transaction.ISOLATION_LEVELS.*`; the server's default (READ COMMITTED) when left out. */
  isolationLevel?: IsolationLevel;
  /** `BEGIN … READ ONLY`: a write inside fails with SQLSTATE 25006. */
  readOnly?: boolean;
  /**
   * Milliseconds for the whole transaction: then it is rolled back and the call rejects
   * with TimeoutError (nothing is committed). Statements inside get the same bound on the
   * server (`SET LOCAL statement_timeout`), so an in-flight statement cannot outlive it.
   */
  timeout?: number;
  /** Managed transactions only: re-run the whole callback on a serialization failure or deadlock (40001, 40P01). */
  retry?: RetryOptions;
  /**
   * The transaction to nest in (a SAVEPOINT inside it). Left out: the managed transaction
   * of the current async context, if any. `null`: a new top-level transaction.
   */
  transaction?: unknown;
}

const KEYS = ['isolationLevel', 'readOnly', 'timeout', 'retry', 'transaction'];
const LEVELS = new Set<string>(Object.values(ISOLATION_LEVELS));

/** Checks every option before BEGIN is sent; a typo is an error, never ignored. */
export function checkTransactionOptions(options: unknown): TransactionOptions {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) throw new UsageError('db.transaction(options, fn): options must be an object');
  const o = options as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!KEYS.includes(k)) throw new UsageError(`db.transaction: unknown option ${JSON.stringify(k)}; the options are ${KEYS.join(', ')}`);
  }
  if (o.isolationLevel !== undefined && !LEVELS.has(o.isolationLevel as string)) {
    throw new UsageError(`db.transaction: isolationLevel must be one of Transaction.ISOLATION_LEVELS (${[...LEVELS].join(', ')}), got ${JSON.stringify(o.isolationLevel)}`);
  }
  if (o.readOnly !== undefined && typeof o.readOnly !== 'boolean') throw new UsageError('db.transaction: readOnly must be true or false');
  if (o.timeout !== undefined && !(typeof o.timeout === 'number' && Number.isInteger(o.timeout) && o.timeout > 0)) {
    throw new UsageError(`db.transaction: timeout must be a positive whole number of milliseconds, got ${String(o.timeout)}`);
  }
  if (o.retry !== undefined) {
    const r = o.retry as Record<string, unknown>;
    if (r === null || typeof r !== 'object') throw new UsageError('db.transaction: retry must be { max, backoff? }');
    for (const k of Object.keys(r)) if (k !== 'max' && k !== 'backoff') throw new UsageError(`db.transaction: unknown retry option ${JSON.stringify(k)}; the options are max, backoff`);
    if (!(typeof r.max === 'number' && Number.isInteger(r.max) && r.max >= 1)) throw new UsageError('db.transaction: retry.max is the number of attempts in all, a whole number ≥ 1');
    if (r.backoff !== undefined && typeof r.backoff !== 'function' && !(typeof r.backoff === 'number' && r.backoff >= 0)) {
      throw new UsageError('db.transaction: retry.backoff must be milliseconds (≥ 0) or a function (attempt) => milliseconds');
    }
  }
  return o as TransactionOptions;
}

/** `BEGIN`, `BEGIN ISOLATION LEVEL SERIALIZABLE READ ONLY`, …: built from the closed sets above only. */
export function beginText(o: TransactionOptions): string {
  let text = 'BEGIN';
  if (o.isolationLevel !== undefined) text += ` ISOLATION LEVEL ${o.isolationLevel}`;
  if (o.readOnly === true) text += ' READ ONLY';
  return text;
}

/** The wait before attempt `attempt + 1` (attempt counts the failed ones, from 1). */
export function backoffDelay(retry: RetryOptions, attempt: number): number {
  if (typeof retry.backoff === 'function') return Math.max(0, Number(retry.backoff(attempt)) || 0);
  const base = retry.backoff ?? 10;
  return Math.min(base * 2 ** (attempt - 1), 5_000) * (0.5 + Math.random() / 2);
}
