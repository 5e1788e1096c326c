import type { Transaction } from '../transaction/transaction';

/**
 * What every call that reaches the database may carry. Finder, write and persistence
 * options all extend these, so a field every call takes (the transaction a call runs in)
 * is declared once, here.
 */
export interface CallOptions {
  /**
   * Run inside this transaction. Left out: the managed transaction of the current async
   * context, if any (inside `db.transaction(async () => …)`). `null`: outside any transaction.
   */
  transaction?: Transaction | null;
  /** This call's statements go to this function instead of the Database's `logging`; `false`: not logged. */
  logging?: false | LoggingFunction;
  /** Accepted for Sequelize code: the duration is always passed to `logging`. */
  benchmark?: boolean;
}

/**
 * Finder options shared by every read (findAll, findOne, findByPk, count, …); row locks
 * belong here.
 */
export interface FinderCallOptions extends CallOptions {
  /** With read replicas: read from the primary. */
  useMaster?: boolean;
}

/**
 * Receives each statement's text and how long it took, in milliseconds. Messages that are
 * not statements (warnings, pool notices) arrive with `ms` 0.
 *
 * @example
 * new Database(url, { logging: (sql, ms) => console.log(`${ms.toFixed(1)} ms  ${sql}`) });
 */
export type LoggingFunction = (sql: string, ms: number) => void;
