import { UsageError } from '../errors';

const STRENGTHS: Record<string, string> = { UPDATE: 'FOR UPDATE', SHARE: 'FOR SHARE', 'NO KEY UPDATE': 'FOR NO KEY UPDATE', 'KEY SHARE': 'FOR KEY SHARE' };

/**
 * The row-lock clause of a finder's `lock`, `skipLocked` and `noWait` options, from a closed
 * set (never user text), or undefined without a lock. A lock outside a transaction would be
 * released as the statement ends, so it is refused rather than silently useless.
 */
export function lockClause(options: { lock?: unknown; skipLocked?: unknown; noWait?: unknown }, inTransaction: boolean, what: string): string | undefined {
  const { lock, skipLocked, noWait } = options;
  if (skipLocked !== undefined && typeof skipLocked !== 'boolean') throw new UsageError(`${what}: skipLocked must be true or false`);
  if (noWait !== undefined && typeof noWait !== 'boolean') throw new UsageError(`${what}: noWait must be true or false`);
  if (lock === undefined || lock === false) {
    if (skipLocked === true || noWait === true) throw new UsageError(`${what}: skipLocked and noWait go with a lock; add lock: true (FOR UPDATE) or a Transaction.LOCK strength`);
    return undefined;
  }
  const clause = lock === true ? STRENGTHS.UPDATE : typeof lock === 'string' ? STRENGTHS[lock] : undefined;
  if (clause === undefined) throw new UsageError(`${what}: lock must be true or one of Transaction.LOCK (${Object.keys(STRENGTHS).join(', ')}), got ${JSON.stringify(lock)}`);
  if (skipLocked === true && noWait === true) throw new UsageError(`${what}: skipLocked and noWait cannot be used together: one skips locked rows, the other fails on them`);
  if (!inTransaction) throw new UsageError(`${what}: lock needs a transaction: outside one, the row lock ends with the statement. Run it inside db.transaction(async () => …) or pass { transaction: t }`);
  return skipLocked === true ? `${clause} SKIP LOCKED` : noWait === true ? `${clause} NOWAIT` : clause;
}
