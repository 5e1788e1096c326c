import { bindingOf, readerOf } from '../instance/binding';
import type { ModelBinding } from '../instance/binding';
import { LIFECYCLE_KEYS, paranoidWhere, scoped, withoutLifecycle } from '../lifecycle/options';
import type { Attributes, AttributeName, ModelStatic, WithImplicit } from '../model-types';
import { aggregate } from './aggregate';
import type { CountOptions, FindOptions } from './options';
import type { WhereOptions } from './where-options';

/**
 * The aggregate statics (`max`, `min`, `sum`, `aggregate`, `findAndCountAll`), kept out of
 * model.ts. The model's active scope and the paranoid clause apply, as in Sequelize.
 */

type Options = Record<string, unknown>;

/** Options of max/min/sum/aggregate. */
export interface AggregateOptions<M = any> extends Pick<FindOptions<M>, 'transaction' | 'useMaster' | 'paranoid'> {
  where?: WhereOptions<M>;
  /** `sum(DISTINCT "x")`. */
  distinct?: boolean;
  /** Accepted as in Sequelize (one value is returned anyway). */
  plain?: boolean;
}

function run(b: ModelBinding, field: unknown, fnName: unknown, options: unknown): Promise<unknown> {
  const ex = readerOf(b, options as Options);
  const what = `${b.definition.modelName}.${String(fnName)}`;
  const o = withoutLifecycle(paranoidWhere(b, scoped(b, options as Options, true), what), LIFECYCLE_KEYS.find)!;
  delete o.transaction;
  delete o.useMaster;
  return aggregate(b, ex, field, fnName, o);
}

/** Count options from find options: what a count does not take is left out (as Sequelize does). */
const NOT_COUNTED = ['attributes', 'order', 'limit', 'offset', 'raw', 'nest', 'plain', 'lock', 'skipLocked', 'noWait', 'rejectOnEmpty', 'having'];

const statics = {
  max(this: Function, field: string, options?: AggregateOptions): Promise<unknown> {
    return run(bindingOf(this), field, 'max', options);
  },
  min(this: Function, field: string, options?: AggregateOptions): Promise<unknown> {
    return run(bindingOf(this), field, 'min', options);
  },
  sum(this: Function, field: string, options?: AggregateOptions): Promise<unknown> {
    return run(bindingOf(this), field, 'sum', options);
  },
  aggregate(this: Function, field: string, fnName: string, options?: AggregateOptions): Promise<unknown> {
    return run(bindingOf(this), field, fnName, options);
  },
  async findAndCountAll(this: Function, options?: FindOptions): Promise<{ count: unknown; rows: unknown[] }> {
    const model = this as unknown as { count(o: unknown): Promise<unknown>; findAll(o: unknown): Promise<unknown[]> };
    const countOptions: Options = { ...(options as Options) };
    for (const k of NOT_COUNTED) delete countOptions[k];
    const count = await model.count(countOptions);
    const rows = await model.findAll(options);
    return { count, rows };
  },
};

export function installAggregateStatics(base: Function): void {
  for (const [name, value] of Object.entries(statics)) Object.defineProperty(base, name, { configurable: true, writable: true, value });
}

declare module '../model' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Model {
    /**
     * The largest value of an attribute (its own type: a number, a Date, a DECIMAL string), null when no row matches.
     * @example await User.max('age', { where: { active: true } }) // SELECT max("age") AS "max" FROM "Users" WHERE "active" = $1
     */
    function max<M extends Model, K extends AttributeName<M>>(this: ModelStatic<M>, field: K, options?: AggregateOptions<M>): Promise<Attributes<M>[K] | null>;
    /** The smallest value of an attribute, null when no row matches. @example await User.min('age') */
    function min<M extends Model, K extends AttributeName<M>>(this: ModelStatic<M>, field: K, options?: AggregateOptions<M>): Promise<Attributes<M>[K] | null>;
    /**
     * The sum of an attribute: a number for INTEGER/FLOAT attributes, an exact string for BIGINT/DECIMAL; null when no row matches.
     * @example await Order.sum('total', { where: { paid: true } })
     */
    function sum<M extends Model, K extends AttributeName<M>>(this: ModelStatic<M>, field: K, options?: AggregateOptions<M>): Promise<Attributes<M>[K] | null>;
    /**
     * `SELECT fn("field")`: `aggregate('age', 'avg')`, `aggregate('kind', 'count', { distinct: true })`.
     * The function name must look like an identifier.
     */
    function aggregate<M extends Model>(this: ModelStatic<M>, field: AttributeName<M> | '*', fnName: string, options?: AggregateOptions<M>): Promise<unknown>;
    /**
     * `findAll` and `count` of the same where (and include): `{ count, rows }`. The count
     * ignores limit, offset, order and attributes; with include it counts each top-level row once.
     * @example const { count, rows } = await User.findAndCountAll({ where: { active: true }, limit: 10 });
     */
    function findAndCountAll<M extends Model>(this: ModelStatic<M>, options: FindOptions<M> & { raw: true }): Promise<{ count: number; rows: Attributes<M>[] }>;
    function findAndCountAll<M extends Model>(this: ModelStatic<M>, options: FindOptions<M> & { group: unknown }): Promise<{ count: (Record<string, unknown> & { count: number })[]; rows: WithImplicit<M>[] }>;
    function findAndCountAll<M extends Model>(this: ModelStatic<M>, options?: FindOptions<M>): Promise<{ count: number; rows: WithImplicit<M>[] }>;
  }
}

export type { CountOptions };
