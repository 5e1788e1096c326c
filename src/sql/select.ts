/**
 * SELECT and count texts. Every argument is already SQL built by Inscribe: quoted
 * identifiers, a condition with `$n` placeholders, an ORDER BY list from a closed set of
 * directions, and placeholders for LIMIT/OFFSET (their values are bound, never spliced).
 */
export interface SelectParts {
  /** `"id", "name"` */
  readonly columns: string;
  /** `"schema"."table"` */
  readonly table: string;
  /** A condition, or '' for none. */
  readonly where?: string;
  /** `"kind", "age"`: the GROUP BY list, or '' for none. */
  readonly group?: string;
  /** A condition on the groups, or '' for none. */
  readonly having?: string;
  /** `"name" ASC, "id" DESC`, or '' for none. */
  readonly order?: string;
  /** `$n` for LIMIT, when there is one. */
  readonly limit?: string;
  /** `$n` for OFFSET, when there is one. */
  readonly offset?: string;
  /** A row-lock clause from a closed set: `FOR UPDATE`, `FOR SHARE SKIP LOCKED`, … */
  readonly lock?: string;
}

/** `SELECT "id", "name" FROM "Users" WHERE … ORDER BY … LIMIT $n OFFSET $m` */
export function selectText(parts: SelectParts): string {
  let text = `SELECT ${parts.columns} FROM ${parts.table}`;
  if (parts.where) text += ` WHERE ${parts.where}`;
  if (parts.group) text += ` GROUP BY ${parts.group}`;
  if (parts.having) text += ` HAVING ${parts.having}`;
  if (parts.order) text += ` ORDER BY ${parts.order}`;
  if (parts.limit) text += ` LIMIT ${parts.limit}`;
  if (parts.offset) text += ` OFFSET ${parts.offset}`;
  if (parts.lock) text += ` ${parts.lock}`;
  return text;
}

/** `SELECT count(*) FROM "Users" WHERE …` */
export function countText(table: string, where: string): string {
  return where ? `SELECT count(*) FROM ${table} WHERE ${where}` : `SELECT count(*) FROM ${table}`;
}
