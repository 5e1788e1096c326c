export { Transaction } from './transaction';
export type { TransactionHost } from './transaction';
export { currentTransaction } from './context';
export { ISOLATION_LEVELS, LOCK, beginText, backoffDelay, checkTransactionOptions } from './options';
export type { IsolationLevel, LockStrength, RetryOptions, TransactionOptions } from './options';
