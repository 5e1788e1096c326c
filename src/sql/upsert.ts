/**
 * `INSERT INTO t ("a", "b") VALUES ($1, $2) ON CONFLICT ("a") DO UPDATE SET "b" = EXCLUDED."b"
 * RETURNING …, (xmax = 0)`: the last column tells an inserted row (true) from an updated one.
 * With nothing to update, the first conflict column is set to itself so the existing row is
 * still returned.
 */
export function upsertText(table: string, columns: readonly string[], conflict: readonly string[], updates: readonly string[], returning: string): string {
  let placeholders = '';
  for (let i = 1; i <= columns.length; i++) placeholders += i === 1 ? '$1' : `, $${i}`;
  const set = (updates.length > 0 ? updates : conflict.slice(0, 1)).map((c) => `${c} = EXCLUDED.${c}`).join(', ');
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders}) ON CONFLICT (${conflict.join(', ')}) DO UPDATE SET ${set} RETURNING ${returning}, (xmax = 0)`;
}
