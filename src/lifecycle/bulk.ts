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
 * with `individualHooks`, beforeCreate per row → the INSERT (or COPY) → afterCreate per
 * row → afterBulkCreate. Validators run unless `validate: false` (Sequelize's default is
 * off; see README "Differences from Sequelize").
 *
 * An iterable of rows (a streamed load) runs the same steps per batch, as each batch is
 * read; its after-hooks get the batch's built instances (a streamed load reads nothing back).
 */
export async function bulkCreate(b: ModelBinding, ex: Executor, model: Function, rows: object[] | Iterable<object>, options: Options | undefined): Promise<unknown[] | number> {
  const def = b.definition;
  const what = `${def.modelName}.bulkCreate`;
  const hooks = hooksOf(b, options);
  const individual = flag(options, 'individualHooks', what) === true && hooks !== undefined;
  // With individualHooks each row runs its validate hooks too, as a save would.
  const validate = flag(options, 'validate', what) !== false && (def.validates || individual);
  const rest = withoutLifecycle(options, LIFECYCLE_KEYS.bulkCreate);
  if (hooks === undefined && !validate) return finders.bulkCreate(b, ex, model, rows, rest);
  const opts = hookOptions(b, ex, options);
  const steps = new BulkSteps(b, model as Buildable, hooks, individual, validate, opts);
  if (!Array.isArray(rows)) return finders.bulkCreate(b, ex, model, rows, rest, { before: (batch, offset) => steps.before(batch, offset), after: (_created, prepared) => steps.afterBatch(prepared) });
  const plain = await steps.before(rows, 0, rows.length > 1);
  const created = await finders.bulkCreate(b, ex, model, plain, rest) as unknown[];
  // A load that reads nothing back (COPY, returning: false) hands the after-hooks the built
  // instances, as a streamed load does: afterCreate runs once per row either way.
  await (created.length === 0 ? steps.afterBatch(plain) : steps.after(created));
  return created;
}

/** The lifecycle around rows being created in bulk: a whole array at once, or a streamed load batch by batch. */
class BulkSteps {
  /** The built instances of the batch being written (a streamed load's after-hooks get them). */
  private readonly built = new WeakMap<unknown[], Record<string, unknown>[]>();

  constructor(
    private readonly b: ModelBinding,
    private readonly model: Buildable,
    private readonly hooks: ReturnType<typeof hooksOf>,
    private readonly individual: boolean,
    private readonly validate: boolean,
    private readonly opts: Options,
  ) {}

  /** Builds the rows, runs beforeBulkCreate, the validators and beforeCreate; resolves to the values to write. */
  async before(rows: readonly unknown[], offset: number, many = true): Promise<unknown[]> {
    const { b, hooks, opts } = this;
    const instances = rows.map((r, i) => buildRow(this.model, r as object, offset + i, many));
    await runHooks(hooks, b.model, 'beforeBulkCreate', instances, opts);
    if (this.validate) {
      const items: ValidationErrorItem[] = [];
      for (let r = 0; r < instances.length; r++) {
        try {
          await validateWithHooks(b, this.individual ? hooks : undefined, instances[r], undefined, true, opts, false);
        } catch (err) {
          if (!(err instanceof ValidationError)) throw err;
          for (const e of err.errors) items.push(many ? { ...e, message: `${rowPrefix(offset + r)}${e.message}` } : e);
        }
      }
      if (items.length > 0) throw validationError(items);
    }
    if (this.individual) for (const inst of instances) await runHooks(hooks, b.model, 'beforeCreate', inst, opts);
    const plain = instances.map((inst) => plainValues(b.definition, inst));
    this.built.set(plain, instances);
    return plain;
  }

  /** afterCreate per instance (individualHooks), then afterBulkCreate. */
  async after(created: unknown[]): Promise<void> {
    const { b, hooks, opts } = this;
    if (this.individual) for (const inst of created) await runHooks(hooks, b.model, 'afterCreate', inst, opts);
    await runHooks(hooks, b.model, 'afterBulkCreate', created, opts);
  }

  /** The BatchLifecycle protocol, for a streamed load: after-hooks get the batch's built instances. */
  afterBatch(rows: unknown[]): Promise<void> {
    return this.after(this.built.get(rows) ?? []);
  }
}

/** `Model.build(row)`, its error saying which row. */
function buildRow(model: Buildable, row: object, r: number, many: boolean): Record<string, unknown> {
  try {
    return model.build(row);
  } catch (err) {
    if (many && err instanceof Error) err.message = `row ${r}: ${err.message}`;
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
