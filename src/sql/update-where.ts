/**
 * Set-based UPDATE texts: `assignments` are `"col" = <expression>` fragments with `$n`
 * placeholders, built by the caller from quoted columns.
 */

/** `UPDATE "Users" SET "name" = $1, "updatedAt" = $2 WHERE … [RETURNING …]` */
export function updateWhereText(table: string, assignments: readonly string[], where: string, returning?: string): string {
  let text = `UPDATE ${table} SET ${assignments.join(', ')}`;
  if (where) text += ` WHERE ${where}`;
  if (returning) text += ` RETURNING ${returning}`;
  return text;
}

/** `"col" = $n` */
export function assign(column: string, placeholder: string): string {
  return `${column} = ${placeholder}`;
}

/** `"col" = "col" + $n`: atomic, so concurrent increments never lose an update. */
export function assignIncrement(column: string, placeholder: string): string {
  return `${column} = ${column} + ${placeholder}`;
}
