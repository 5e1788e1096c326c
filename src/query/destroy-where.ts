import { UsageError } from '../errors';
import type { ModelBinding } from '../instance/binding';
import type { Executor } from '../driver/executor';
import { deleteWhereText, truncateText } from '../sql/delete-where';
import { checkOptions } from './check-options';
import { compileFilter } from './filter';
import type { DestroyOptions } from './options';

const DESTROY_OPTIONS = ['where', 'all', 'truncate', 'restartIdentity', 'cascade'];

/**
 * `Model.destroy({ where })`: `DELETE … WHERE …`, resolving to the number of rows deleted.
 * Every row goes only on an explicit request: `{ where: {}, all: true }` (a DELETE, counted)
 * or `{ truncate: true }` (TRUNCATE, which PostgreSQL does not count: resolves to 0).
 */
export async function destroyWhere(b: ModelBinding, ex: Executor, options: DestroyOptions): Promise<number> {
  const def = b.definition;
  const what = `${def.modelName}.destroy`;
  const o = checkOptions(options, DESTROY_OPTIONS, what, true);
  for (const k of ['truncate', 'restartIdentity', 'cascade'] as const) {
    if (o[k] !== undefined && typeof o[k] !== 'boolean') throw new UsageError(`${what}: ${k} must be true or false`);
  }
  if (o.truncate === true) {
    if (o.where !== undefined || o.all !== undefined) throw new UsageError(`${what}: truncate removes every row; it cannot take where or all`);
    await ex.run({ text: truncateText(def.qualifiedTable, o.restartIdentity === true, o.cascade === true), values: [] }, 'array', def);
    return 0;
  }
  if (o.restartIdentity !== undefined || o.cascade !== undefined) throw new UsageError(`${what}: restartIdentity and cascade go with truncate: true`);
  const values: unknown[] = [];
  const where = compileFilter(def, o, values, what);
  const result = await ex.run({ text: deleteWhereText(def.qualifiedTable, where), values, prepare: true }, 'array', def);
  return result.rowCount;
}
