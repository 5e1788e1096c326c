/**
 * Condition fragments for WHERE clauses. They take quoted column expressions and
 * placeholders (`$n`, optionally with a cast) that the caller has already bound; the only
 * words they add are SQL keywords from the closed sets below, never caller text.
 */

/** The binary comparisons a where may use. */
export type Comparison = '=' | '<>' | '>' | '>=' | '<' | '<=' | 'LIKE' | 'NOT LIKE' | 'ILIKE' | 'NOT ILIKE' | 'IS DISTINCT FROM'
  | '~' | '~*' | '!~' | '!~*' | '@>' | '<@' | '&&' | '@@' | '-|-' | '<<' | '>>' | '&>' | '&<';

/** `"age" > $1` */
export function compare(column: string, op: Comparison, placeholder: string): string {
  return `${column} ${op} ${placeholder}`;
}

/** `"deletedAt" IS NULL` / `IS NOT NULL` */
export function isNull(column: string, negate: boolean): string {
  return negate ? `${column} IS NOT NULL` : `${column} IS NULL`;
}

/** `"active" IS TRUE` / `IS NOT FALSE` … */
export function isBoolean(column: string, value: boolean, negate: boolean): string {
  return `${column} IS ${negate ? 'NOT ' : ''}${value ? 'TRUE' : 'FALSE'}`;
}

/** `"id" = ANY($1::INTEGER[])` / `"id" <> ALL($1::INTEGER[])`: one parameter for any list length. */
export function anyOf(column: string, arrayPlaceholder: string, negate: boolean): string {
  return negate ? `${column} <> ALL(${arrayPlaceholder})` : `${column} = ANY(${arrayPlaceholder})`;
}

/** `"tags" IN ($1, $2)`; an empty list is FALSE (or TRUE for NOT IN), as in set logic. */
export function inList(column: string, placeholders: readonly string[], negate: boolean): string {
  if (placeholders.length === 0) return negate ? 'TRUE' : 'FALSE';
  return `${column} ${negate ? 'NOT IN' : 'IN'} (${placeholders.join(', ')})`;
}

/** `"age" BETWEEN $1 AND $2` / `NOT BETWEEN` */
export function between(column: string, low: string, high: string, negate: boolean): string {
  return `${column} ${negate ? 'NOT BETWEEN' : 'BETWEEN'} ${low} AND ${high}`;
}

/** Conditions joined with AND, parenthesised when there is more than one (safe to nest). */
export function andGroup(parts: readonly string[]): string {
  return parts.length === 1 ? parts[0] : `(${parts.join(' AND ')})`;
}

/** Conditions joined with OR, always parenthesised when there is more than one. */
export function orGroup(parts: readonly string[]): string {
  return parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`;
}

/** `NOT (condition)` */
export function not(part: string): string {
  return `NOT (${part})`;
}

/** The top-level conjunction of a WHERE clause (no outer parentheses). */
export function conjunction(parts: readonly string[]): string {
  return parts.join(' AND ');
}
