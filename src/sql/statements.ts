/**
 * Builders for the statements the persistence layer sends. They take quoted identifiers
 * (never raw names) and return text with `$n` placeholders; values travel separately.
 */

/** `INSERT INTO t ("a", "b") VALUES ($1, $2) RETURNING …` (or DEFAULT VALUES). */
export function insertText(table: string, columns: readonly string[], returning: string): string {
  if (columns.length === 0) return `INSERT INTO ${table} DEFAULT VALUES RETURNING ${returning}`;
  let placeholders = '';
  for (let i = 1; i <= columns.length; i++) placeholders += i === 1 ? '$1' : `, $${i}`;
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders}) RETURNING ${returning}`;
}

/** `UPDATE t SET "a" = $1, "b" = $2 WHERE "id" = $3 RETURNING "a", "b"` (no RETURNING when `returning` is empty). */
export function updateByKeyText(table: string, columns: readonly string[], keys: readonly string[], returning: string): string {
  const set = columns.map((c, i) => `${c} = $${i + 1}`).join(', ');
  return `UPDATE ${table} SET ${set} WHERE ${keyCondition(keys, columns.length)}${returning ? ` RETURNING ${returning}` : ''}`;
}

/**
 * `UPDATE t SET "age" = "age" + $1, "updatedAt" = $2 WHERE "id" = $3 RETURNING …`: one
 * atomic statement, so concurrent increments never lose an update.
 */
export function incrementByKeyText(table: string, increments: readonly string[], sets: readonly string[], keys: readonly string[], returning: string, exprs?: readonly (string | undefined)[], sign?: 1 | -1, extraCondition?: string): string {
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; i < increments.length; i++) {
    const c = increments[i];
    // An expression amount (literal/col) stands in the text, signed as the call is; a value is `+ $n` (decrement binds it negated).
    const e = exprs?.[i];
    parts.push(e === undefined ? `${c} = ${c} + $${++n}` : `${c} = ${c} ${sign === -1 ? '-' : '+'} ${e}`);
  }
  for (const c of sets) parts.push(`${c} = $${++n}`);
  const extra = extraCondition ? ` AND (${extraCondition})` : '';
  return `UPDATE ${table} SET ${parts.join(', ')} WHERE ${keyCondition(keys, n)}${extra} RETURNING ${returning}`;
}

export function selectByKeyText(table: string, selectList: string, keys: readonly string[]): string {
  return `SELECT ${selectList} FROM ${table} WHERE ${keyCondition(keys, 0)}`;
}

export function deleteByKeyText(table: string, keys: readonly string[]): string {
  return `DELETE FROM ${table} WHERE ${keyCondition(keys, 0)}`;
}

/** `"id" = $n` (AND-ed for composite keys), numbering after `offset` earlier parameters. */
export function keyCondition(keys: readonly string[], offset: number): string {
  return keys.map((k, i) => `${k} = $${offset + i + 1}`).join(' AND ');
}
