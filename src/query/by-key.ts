import type { ModelDefinition } from '../metadata/definition';
import type { ModelBinding } from '../instance/binding';
import type { Executor } from '../driver/executor';
import { selectText } from '../sql/select';
import { keyCondition } from '../sql/statements';
import { cacheText } from '../persistence/plan';
import { empty, materialise } from './find-result';
import type { Selection } from './selection';

/**
 * One `SELECT … WHERE "id" = $1` (`values` holds the key's parameters, one per key
 * column), materialised: an instance, a plain object with `raw`, or empty().
 */
export async function findOneByKey(b: ModelBinding, ex: Executor, model: Function, selection: Selection, lock: string | undefined, values: unknown[], options: { rejectOnEmpty?: unknown }, raw: boolean | 'nest', what: string): Promise<unknown> {
  const def = b.definition;
  const cacheKey = selection.full ? (lock === undefined ? 'findByPk' : `findByPk ${lock}`) : undefined;
  const text = (cacheKey && b.sql.get(cacheKey)) || byKeyText(def, selection, lock, cacheKey, b);
  const result = await ex.run<unknown[]>({ text, values, prepare: true }, 'array', def);
  if (result.rows.length === 0) return empty(options, `${what}: no ${def.modelName} with that key`);
  return materialise(def, model, result.rows, selection, raw)[0];
}

/** The SELECT by primary key, cached when it reads every attribute. */
function byKeyText(def: ModelDefinition, selection: Selection, lock: string | undefined, cacheKey: string | undefined, b: ModelBinding): string {
  const text = selectText({ columns: selection.columns, table: def.qualifiedTable, where: keyCondition(def.primaryKeys.map((a) => a.quotedColumn), 0), lock });
  return cacheKey === undefined ? text : cacheText(b, cacheKey, text);
}
