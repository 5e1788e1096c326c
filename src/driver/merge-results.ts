import type { DriverResult, FieldInfo } from './driver';

/** One statement's result as pg (rowCount) or PGlite (affectedRows) reports it. */
export interface StatementResult {
  rows: unknown[];
  rowCount?: number | null;
  affectedRows?: number;
  fields: readonly FieldInfo[];
}

/**
 * A text of several statements without bound values (`db.query('UPDATE …; SELECT …')`)
 * answers with one result per statement. As in Sequelize v6, the rows of every statement
 * are returned in order (statements without rows add none); rowCount is the sum.
 */
export function mergeResults(results: readonly StatementResult[]): DriverResult<any> {
  const rows: unknown[] = [];
  const fields: FieldInfo[] = [];
  let rowCount = 0;
  for (const r of results) {
    for (const row of r.rows) rows.push(row);
    for (const f of r.fields) fields.push(f);
    rowCount += r.rowCount ?? (r.affectedRows || r.rows.length);
  }
  return { rows, rowCount, fields };
}
