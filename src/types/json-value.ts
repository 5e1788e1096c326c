/**
 * Equality of JSON values as PostgreSQL stores them: key order does not matter (JSONB
 * reorders keys), `undefined` properties do not exist, Dates compare as their JSON text.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    if (a instanceof Date || b instanceof Date) return toJsonScalar(a) === toJsonScalar(b);
    return false;
  }
  if (a instanceof Date || b instanceof Date) return toJsonScalar(a) === toJsonScalar(b);
  const aIsArray = Array.isArray(a);
  if (aIsArray !== Array.isArray(b)) return false;
  if (aIsArray) {
    const x = a as unknown[], y = b as unknown[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!jsonEqual(x[i], y[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>, y = b as Record<string, unknown>;
  let count = 0;
  for (const key in x) {
    if (!Object.prototype.hasOwnProperty.call(x, key) || x[key] === undefined) continue;
    count++;
    if (!Object.prototype.hasOwnProperty.call(y, key) || !jsonEqual(x[key], y[key])) return false;
  }
  for (const key in y) if (Object.prototype.hasOwnProperty.call(y, key) && y[key] !== undefined) count--;
  return count === 0;
}

function toJsonScalar(v: unknown): unknown {
  return v instanceof Date ? v.toJSON() : v;
}
