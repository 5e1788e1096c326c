import { UsageError } from '../errors';
import type { ModelBinding } from '../instance/binding';
import type { Executor } from '../driver/executor';
import { hydrateRows } from '../instance/hydrate';
import { incrementPlan } from '../persistence/increment';
import { toParam } from '../persistence/params';
import { assign, assignIncrement, updateWhereText } from '../sql/update-where';
import { stampOf } from '../persistence/plan';
import { checkOptions } from './check-options';
import { compileFilter } from './filter';
import type { StaticIncrementOptions } from './options';

const INCREMENT_OPTIONS = ['where', 'by', 'all', 'silent', 'returning'];

/**
 * `Model.increment(fields, { where, by })` (and decrement, `sign` -1): one atomic
 * `UPDATE … SET "a" = "a" + $1 … WHERE …`, so concurrent increments never lose an update.
 * Returns `[affectedCount]`, or `[affectedCount, instances]` with `returning: true`.
 */
export async function incrementWhere(b: ModelBinding, ex: Executor, model: Function, fields: unknown, options: StaticIncrementOptions, sign: 1 | -1): Promise<[number, unknown[]]> {
  const def = b.definition;
  const what = `${def.modelName}.${sign === 1 ? 'increment' : 'decrement'}`;
  const o = checkOptions(options, INCREMENT_OPTIONS, what, true);
  const { attrs, amounts, exprs } = incrementPlan(def, fields, { by: o.by }, sign);
  const params = amounts.slice();
  let n = 0;
  // A value is `+ $n` (bound negated for decrement); an expression (literal/col) stands in the text, signed.
  const assignments = attrs.map((a, i) => exprs?.[i] === undefined ? assignIncrement(a.quotedColumn, `$${++n}`) : `${a.quotedColumn} = ${a.quotedColumn} ${sign === -1 ? '-' : '+'} ${exprs[i]}`);
  const stamp = stampOf(def, attrs, o.silent);
  if (stamp !== undefined) {
    params.push(toParam(def, stamp, new Date()));
    assignments.push(assign(stamp.quotedColumn, `$${params.length}`));
  }
  if (o.returning !== undefined && typeof o.returning !== 'boolean') throw new UsageError(`${what}: returning must be true or false`);
  const where = compileFilter(def, o, params, what);
  const returning = o.returning === true ? def.selectList : undefined;
  const result = await ex.run<unknown[]>({ text: updateWhereText(def.qualifiedTable, assignments, where, returning), values: params, prepare: true }, 'array', def);
  if (o.returning === true) return [result.rowCount, hydrateRows(def, model as new () => unknown, result.rows)];
  return [result.rowCount] as unknown as [number, unknown[]];
}
