import type { ModelBinding } from '../instance/binding';
import type { AttributeDefinition, ModelDefinition } from '../metadata/definition';
import type { Executor } from '../driver/executor';
import { hydrateRows, hydrateSelectedRows } from '../instance/hydrate';
import { onConflictText, unnestInsertText } from '../sql/insert-many';
import type { UnnestColumn } from '../sql/insert-many';
import { cacheText } from '../persistence/plan';
import { boundAsText } from './bind';
import type { RowPlan } from './row-plan';
import type { BulkPlanOptions } from './bulk-options';

/**
 * One batch as one statement:
 * `INSERT INTO t (cols) SELECT … FROM unnest($1::A[], $2::B[], …) AS u(…) [ON CONFLICT …] RETURNING …`.
 * One array parameter per column keeps the text the same for any number of rows (and the
 * parameter count at the column count, far from PostgreSQL's 65,535), so it is cached per
 * column set. Resolves to the rows read back (instances) and the number of rows written.
 */
export async function insertBatch(b: ModelBinding, ex: Executor, model: Function, plan: RowPlan, rowCount: number, o: BulkPlanOptions): Promise<{ created: unknown[]; count: number }> {
  const def = b.definition;
  // ARRAY values are already array-literal text (ArrayType.toParam), bound as text[] and cast back.
  // A column every row shares (the timestamps) is bound once rather than as an array.
  const values: unknown[] = plan.attrs.length === 0 ? [rowCount] : plan.columns.map((col, j) => (plan.constant[j] ? col[0] : col));
  if (plan.attrs.length > 0 && plan.constant.every(Boolean)) values.push(rowCount);
  const returning = o.returning;
  const all = returning !== false && returning.length === def.attributes.length;
  const key = `bulk${returning === false ? '-' : all ? '+' : `+${returning.map((a) => a.position).join('.')}`}${o.conflict === undefined ? '' : `|${o.conflict.target?.join(',') ?? ''}|${o.conflict.set?.join(',') ?? ''}`}|${plan.attrs.map((a, j) => (plan.constant[j] ? `=${a.position}` : a.position)).join(',')}`;
  const text = b.sql.get(key) ?? cacheText(b, key, bulkText(def, plan.attrs, plan.constant, returning === false ? undefined : all ? def.selectList : returning.map((a) => a.quotedColumn).join(', '), o));
  const result = await ex.run<unknown[]>({ text, values, prepare: true }, 'array', def);
  if (returning === false) return { created: [], count: result.rowCount };
  const created = all ? hydrateRows(def, model as new () => unknown, result.rows) : hydrateSelectedRows(def, model as new () => unknown, result.rows, returning);
  return { created, count: result.rowCount };
}

function bulkText(def: ModelDefinition, attrs: readonly AttributeDefinition[], constant: readonly boolean[], returning: string | undefined, o: BulkPlanOptions): string {
  const columns: UnnestColumn[] = attrs.map((a, j) => ({
    column: a.quotedColumn,
    arrayType: a.type.arraySql(),
    cast: boundAsText(a.type) ? a.type.toSql() : undefined,
    constantType: constant[j] ? a.type.toSql() : undefined,
  }));
  return unnestInsertText(def.qualifiedTable, columns, returning, o.conflict === undefined ? '' : onConflictText(o.conflict));
}
