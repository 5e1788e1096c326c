import { UsageError } from '../errors';
import type { ModelBinding } from '../instance/binding';
import type { AttributeDefinition, ModelDefinition } from '../metadata/definition';
import type { Executor } from '../driver/executor';
import { hydrateRows } from '../instance/hydrate';
import { unnestInsertText } from '../sql/insert-many';
import type { UnnestColumn } from '../sql/insert-many';
import { cacheText } from '../persistence/plan';
import { boundAsText } from './bind';
import { checkOptions } from './check-options';
import { planRows } from './row-plan';
import type { BulkCreateOptions } from './options';

/**
 * `bulkCreate(rows, { returning, fields })`: every row is built and checked first (see
 * planRows), then one statement inserts them all, or none:
 * `INSERT INTO t (cols) SELECT … FROM unnest($1::A[], $2::B[], …) AS u(…) RETURNING …`.
 * One array parameter per column keeps the text the same for any number of rows, so it is
 * cached per column set. Resolves to the inserted instances (the database's values), or to
 * `[]` with `returning: false`.
 */
export async function bulkCreate(b: ModelBinding, ex: Executor, model: Function, rows: object[], options?: BulkCreateOptions): Promise<unknown[]> {
  const def = b.definition;
  const what = `${def.modelName}.bulkCreate`;
  const o = checkOptions(options, ['returning', 'fields'], what);
  if (o.returning !== undefined && typeof o.returning !== 'boolean') throw new UsageError(`${what}: returning must be true or false`);
  if (!Array.isArray(rows)) throw new UsageError(`${what} takes an array of rows`);
  const returning = o.returning !== false;
  const plan = planRows(def, model, rows, o.fields, what);
  if (rows.length === 0) return [];
  // ARRAY values are already array-literal text (ArrayType.toParam), bound as text[] and cast back.
  // A column every row shares (the timestamps) is bound once rather than as an array.
  const values: unknown[] = plan.attrs.length === 0 ? [rows.length] : plan.columns.map((col, j) => (plan.constant[j] ? col[0] : col));
  if (plan.attrs.length > 0 && plan.constant.every(Boolean)) values.push(rows.length);
  const key = `bulk${returning ? '+' : '-'}${plan.attrs.map((a, j) => (plan.constant[j] ? `=${a.position}` : a.position)).join(',')}`;
  const text = b.sql.get(key) ?? cacheText(b, key, bulkText(def, plan.attrs, plan.constant, returning));
  const result = await ex.run<unknown[]>({ text, values, prepare: true }, 'array', def);
  return returning ? hydrateRows(def, model as new () => unknown, result.rows) : [];
}

function bulkText(def: ModelDefinition, attrs: readonly AttributeDefinition[], constant: readonly boolean[], returning: boolean): string {
  const columns: UnnestColumn[] = attrs.map((a, j) => ({
    column: a.quotedColumn,
    arrayType: a.type.arraySql(),
    cast: boundAsText(a.type) ? a.type.toSql() : undefined,
    constantType: constant[j] ? a.type.toSql() : undefined,
  }));
  return unnestInsertText(def.qualifiedTable, columns, returning ? def.selectList : undefined);
}
