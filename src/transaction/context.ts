import { AsyncLocalStorage } from 'node:async_hooks';
import type { Transaction } from './transaction';

/**
 * The managed transaction of the current async context: `db.transaction(fn)` runs `fn`
 * (and everything it awaits or schedules) with its transaction here, so model calls inside
 * join it without a `transaction` option. One store serves every Database; a transaction
 * of another Database is ignored by the models of this one.
 */
export const currentTransaction = new AsyncLocalStorage<Transaction>();
