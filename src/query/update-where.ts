import { UsageError } from '../errors';
import type { AttributeDefinition } from '../metadata/definition';
import type { ModelBinding } from '../instance/binding';
import type { Executor } from '../driver/executor';
import { hydrateRows } from '../instance/hydrate';
import { checkKeys } from '../instance/values';
import { toParams } from '../persistence/params';
import { assign, updateWhereText } from '../sql/update-where';
import { ArrayType } from '../types';
import { stampOf } from '../persistence/plan';
import { checkOptions } from './check-options';
import { compileFilter } from './filter';
import type { UpdateOptions } from './options';

const UPDATE_OPTIONS = ['where', 'all', 'returning', 'silent'];

/**
 * `Model.update(values, { where })`: one `UPDATE … SET … WHERE …`. Values are checked
 * (unknown keys, undefined, NOT NULL, types) before anything is sent; `updatedAt` is set
 * unless `silent`. Returns `[affectedCount]`, or `[affectedCount, instances]` with
 * `returning: true`.
 */
export async function updateWhere(b: ModelBinding, ex: Executor, model: Function, values: object, options: UpdateOptions): Promise<[number, unknown[]]> {
  const def = b.definition;
  const what = `${def.modelName}.update`;
  const o = checkOptions(options, UPDATE_OPTIONS, what, true);
  for (const k of ['returning', 'silent'] as const) {
    if (o[k] !== undefined && typeof o[k] !== 'boolean') throw new UsageError(`${what}: ${k} must be true or false`);
  }
  const keys = checkKeys(def, values, what);
  if (keys.length === 0) throw new UsageError(`${what}: no values to set`);
  const v = values as Record<string, unknown>;
  const attrs: AttributeDefinition[] = [];
  const given: unknown[] = [];
  for (const k of keys) {
    if (v[k] === undefined) throw new UsageError(`${what}({ ${k}: undefined }): assign null to clear a value, or leave the key out`);
    attrs.push(def.byName[k]!);
    given.push(v[k]);
  }
  const stamp = stampOf(def, attrs, o.silent);
  if (stamp !== undefined) {
    attrs.push(stamp);
    given.push(new Date());
  }
  const params: unknown[] = [];
  toParams(def, attrs, given, params);
  const assignments = attrs.map((a, i) => assign(a.quotedColumn, placeholderFor(a, i + 1)));
  const where = compileFilter(def, o, params, what);
  const returning = o.returning === true ? def.selectList : undefined;
  const result = await ex.run<unknown[]>({ text: updateWhereText(def.qualifiedTable, assignments, where, returning), values: params, prepare: true }, 'array', def);
  if (o.returning === true) return [result.rowCount, hydrateRows(def, model as new () => unknown, result.rows)];
  return [result.rowCount] as unknown as [number, unknown[]];
}

/** `$n`; ARRAY values are bound as their array-literal text and cast back to the column type. */
function placeholderFor(a: AttributeDefinition, n: number): string {
  return a.type instanceof ArrayType ? `$${n}::text::${a.type.toSql()}` : `$${n}`;
}
