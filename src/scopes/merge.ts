import { Op } from '../query/operators';

type Options = Record<string, unknown>;

/**
 * Merges finder options as Sequelize merges scopes (with `whereMergeStrategy: 'and'`):
 * `where` objects are combined with AND (so two scopes on the same attribute both hold,
 * never one silently replacing the other), arrays (`attributes`, `order`) are joined
 * without duplicates, and any other option takes the later value.
 *
 * @example
 * mergeOptions({ where: { a: 1 }, limit: 5 }, { where: { a: 2 }, limit: 10 })
 * // → { where: { [Op.and]: [{ a: 1 }, { a: 2 }] }, limit: 10 }
 */
export function mergeOptions(base: Options | undefined, next: Options | undefined): Options {
  if (base === undefined) return { ...next };
  if (next === undefined) return { ...base };
  const out: Options = { ...base };
  for (const key of Object.keys(next)) {
    const a = out[key];
    const b = next[key];
    if (b === undefined) continue;
    if (key === 'where') out.where = andWhere(a, b);
    else if (Array.isArray(a) && Array.isArray(b)) out[key] = [...new Set([...a, ...b])];
    else out[key] = b;
  }
  return out;
}

/** `a AND b`, leaving out an absent or empty side. */
export function andWhere(a: unknown, b: unknown): unknown {
  if (isEmptyWhere(a)) return b;
  if (isEmptyWhere(b)) return a;
  return { [Op.and]: [a, b] };
}

function isEmptyWhere(w: unknown): boolean {
  return w === undefined || (w !== null && typeof w === 'object' && Object.keys(w).length === 0 && Object.getOwnPropertySymbols(w).length === 0);
}
