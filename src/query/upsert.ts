import { UsageError } from '../errors';
import type { AttributeDefinition } from '../metadata/definition';
import type { ModelBinding } from '../instance/binding';
import type { Executor } from '../driver/executor';
import { hydrateRows } from '../instance/hydrate';
import { checkKeys } from '../instance/values';
import { upsertText } from '../sql/upsert';
import { cacheText } from '../persistence/plan';
import { checkOptions } from './check-options';
import { checkFields } from './fields-option';
import { planRows } from './row-plan';
import { kind, unknownAttribute } from './where';
import type { UpsertOptions } from './options';

/**
 * `upsert(values, { conflictFields })`: one
 * `INSERT … ON CONFLICT (key) DO UPDATE SET <given columns> = EXCLUDED.… RETURNING …, (xmax = 0)`.
 * The row to match is named by `conflictFields` (default: the primary key), which the
 * values must give. An existing row gets only the columns the caller gave, plus
 * `updatedAt`; its `createdAt` is never touched. Resolves to `[instance, created]`.
 */
export async function upsert(b: ModelBinding, ex: Executor, model: Function, values: object, options?: UpsertOptions): Promise<[unknown, boolean | null]> {
  const def = b.definition;
  const what = `${def.modelName}.upsert`;
  const o = checkOptions(options, ['conflictFields', 'returning', 'fields'], what);
  // Accepted in every Sequelize form; upsert resolves to [instance, created] whatever it says (PostgreSQL RETURNING costs nothing more).
  if (o.returning !== undefined && typeof o.returning !== 'boolean' && !Array.isArray(o.returning)) throw new UsageError(`${what}: returning must be true, false or an array of attribute names`);
  // `fields`, as in Sequelize: an existing row gets only these of the given columns (the insert still writes every value).
  const fields = checkFields(def, o.fields, what);
  const keys = checkKeys(def, values, what);
  const conflict = conflictAttributes(b, o.conflictFields, what);
  const given = values as Record<string, unknown>;
  for (const a of conflict) {
    if (given[a.name] === undefined || given[a.name] === null) {
      throw new UsageError(`${what}: the values must give ${a.name}, which identifies the row (conflictFields: ${conflict.map((c) => c.name).join(', ')})`);
    }
  }
  const plan = planRows(def, model, [values], undefined, what);
  const updates: string[] = [];
  for (const a of plan.attrs) {
    if (conflict.includes(a) || a.timestamp === 'createdAt') continue;
    if ((keys.includes(a.name) && (fields === undefined || fields.includes(a.name))) || a.timestamp === 'updatedAt') updates.push(a.quotedColumn);
  }
  const params = plan.columns.map((c) => c[0]);
  const key = `upsert ${plan.attrs.map((a) => a.position).join(',')}|${conflict.map((a) => a.position).join(',')}|${updates.join(',')}`;
  const text = b.sql.get(key) ?? cacheText(b, key, upsertText(def.qualifiedTable, plan.attrs.map((a) => a.quotedColumn), conflict.map((a) => a.quotedColumn), updates, def.selectList));
  const result = await ex.run<unknown[]>({ text, values: params, prepare: true }, 'array', def);
  const row = result.rows[0];
  const inserted = row.pop() === true;
  return [hydrateRows(def, model as new () => unknown, [row])[0], inserted];
}

function conflictAttributes(b: ModelBinding, fields: unknown, what: string): AttributeDefinition[] {
  const def = b.definition;
  if (fields === undefined) {
    if (def.primaryKeys.length === 0) throw new UsageError(`${what}: ${def.modelName} has no primary key; pass conflictFields`);
    return [...def.primaryKeys];
  }
  if (!Array.isArray(fields) || fields.length === 0) throw new UsageError(`${what}: conflictFields takes a non-empty array of attribute names, got ${kind(fields)}`);
  return fields.map((f) => {
    if (typeof f !== 'string') throw new UsageError(`${what}: conflictFields are attribute names, got ${kind(f)}`);
    const a = def.byName[f];
    if (a === undefined) throw unknownAttribute({ def, what }, f, 'conflictFields');
    return a;
  });
}
