import { ValidationError } from '../errors';
import type { ValidationErrorItem } from '../errors';
import type { ModelBinding } from '../instance/binding';
import type { Executor } from '../driver/executor';
import { plainValues } from '../instance/values';
import { runHooks } from '../hooks/run';
import { hookOptions, hooksOf, validateWithHooks } from '../persistence/lifecycle';
import * as finders from '../query/finders';
import { rowPrefix, validationError } from '../persistence/params';
import { LIFECYCLE_KEYS, flag, withoutLifecycle } from './options';

type Options = Record<string, unknown>;
type Buildable = Function & { build(values: object): Record<string, unknown> };

/**
 * `bulkCreate` with validators and hooks: build every row → beforeBulkCreate(instances) →
 * each row's validators (all refusals of all rows in one ValidationError, nothing sent) →
 * with `individualHooks`, beforeCreate per row → one INSERT → afterCreate per row →
 * afterBulkCreate. Validators run unless `validate: false` (Sequelize's default is off;
 * see README "Differences from Sequelize").
 */
export async function bulkCreate(b: ModelBinding, ex: Executor, model: Function, rows: object[], options: Options | undefined): Promise<unknown[]> {
  const def = b.definition;
  const what = `${def.modelName}.bulkCreate`;
  const hooks = hooksOf(b, options);
  const individual = flag(options, 'individualHooks', what) === true && hooks !== undefined;
  // With individualHooks each row runs its validate hooks too, as a save would.
  const validate = flag(options, 'validate', what) !== false && (def.validates || individual);
  const rest = withoutLifecycle(options, LIFECYCLE_KEYS.bulkCreate);
  if (hooks === undefined && !validate) return finders.bulkCreate(b, ex, model, rows, rest);
  if (!Array.isArray(rows)) return finders.bulkCreate(b, ex, model, rows, rest);
  const opts = hookOptions(b, ex, options);
  const instances = rows.map((r, i) => buildRow(model as Buildable, r, i, rows.length));
  await runHooks(hooks, b.model, 'beforeBulkCreate', instances, opts);
  if (validate) {
    const items: ValidationErrorItem[] = [];
    for (let r = 0; r < instances.length; r++) {
      try {
        await validateWithHooks(b, individual ? hooks : undefined, instances[r], undefined, true, opts, false);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        for (const e of err.errors) items.push(instances.length > 1 ? { ...e, message: `${rowPrefix(r)}${e.message}` } : e);
      }
    }
    if (items.length > 0) throw validationError(items);
  }
  if (individual) for (const inst of instances) await runHooks(hooks, b.model, 'beforeCreate', inst, opts);
  const created = await finders.bulkCreate(b, ex, model, instances.map((inst) => plainValues(def, inst)), rest);
  if (individual) for (const inst of created) await runHooks(hooks, b.model, 'afterCreate', inst, opts);
  await runHooks(hooks, b.model, 'afterBulkCreate', created, opts);
  return created;
}

/** `Model.build(row)`, its error saying which row. */
function buildRow(model: Buildable, row: object, r: number, n: number): Record<string, unknown> {
  try {
    return model.build(row);
  } catch (err) {
    if (n > 1 && err instanceof Error) err.message = `row ${r}: ${err.message}`;
    throw err;
  }
}

/**
 * `upsert` with validators and hooks: the values' validators (only the attributes given),
 * beforeUpsert(values) → the statement → afterUpsert([instance, created]).
 */
export async function upsert(b: ModelBinding, ex: Executor, model: Function, values: object, options: Options | undefined): Promise<[unknown, boolean | null]> {
  const def = b.definition;
  const what = `${def.modelName}.upsert`;
  const hooks = hooksOf(b, options);
  const validate = flag(options, 'validate', what) !== false && def.validates;
  const rest = withoutLifecycle(options, LIFECYCLE_KEYS.upsert);
  if (hooks === undefined && !validate) return finders.upsert(b, ex, model, values, rest);
  const opts = hookOptions(b, ex, options);
  if (validate) {
    const inst = (model as Buildable).build(values);
    await validateWithHooks(b, hooks, inst, new Set(Object.keys(values)), false, opts, false);
  }
  await runHooks(hooks, b.model, 'beforeUpsert', values, opts);
  const result = await finders.upsert(b, ex, model, values, rest);
  await runHooks(hooks, b.model, 'afterUpsert', result, opts);
  return result;
}
