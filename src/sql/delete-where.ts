/** `DELETE FROM "Users" WHERE …`; with no condition it deletes every row (callers guard that). */
export function deleteWhereText(table: string, where: string): string {
  return where ? `DELETE FROM ${table} WHERE ${where}` : `DELETE FROM ${table}`;
}

/** `TRUNCATE TABLE "Users" [RESTART IDENTITY] [CASCADE]` */
export function truncateText(table: string, restartIdentity: boolean, cascade: boolean): string {
  return `TRUNCATE TABLE ${table}${restartIdentity ? ' RESTART IDENTITY' : ''}${cascade ? ' CASCADE' : ''}`;
}
