import type { Model } from '../model';
import type { AttributeName, Attributes } from '../model-types';
import type { CallOptions, FinderCallOptions } from '../driver/call-options';
import type { WhereOptions } from './where-options';
import type { LockStrength } from '../transaction/options';

export type { WhereOptions, WhereOperators, AttributeCondition, LogicalWhere } from './where-options';
import type { IncludeItem } from './include-options';
import type { SqlExpression } from './expressions';

export type OrderDirection = 'ASC' | 'DESC' | 'asc' | 'desc' | 'ASC NULLS FIRST' | 'ASC NULLS LAST' | 'DESC NULLS FIRST' | 'DESC NULLS LAST';
export type OrderOption<M = any> = AttributeName<M> | [AttributeName<M>, OrderDirection?] | readonly (AttributeName<M> | [AttributeName<M>, OrderDirection?] | IncludeOrderTerm)[];

/** `[{ model: Post, as: 'posts' }, 'title', 'DESC']`, `[Post, 'title']` or `['posts', 'title']`: order by an included attribute. */
export type IncludeOrderTerm = readonly [Function | { model?: Function; as?: string } | string, ...(Function | { model?: Function; as?: string } | string)[]];

/** One entry of `attributes`: a name, `[name, 'alias']`, or `[fn(…)/col()/literal(), 'alias']`. */
export type AttributeSelector<M = any> = AttributeName<M> | readonly [AttributeName<M> | SqlExpression, string];

/** `attributes`: a list, or `{ include, exclude }` (all attributes but `exclude`, plus `include`). */
export type FindAttributes<M = any> = AttributeSelector<M>[] | { include?: AttributeSelector<M>[]; exclude?: AttributeName<M>[] };

export interface FindOptions<M = any> extends FinderCallOptions {
  where?: WhereOptions<M>;
  /** Read only these attributes (in definition order), all but `exclude`, plus aliased ones (`[fn('COUNT', col('id')), 'n']`). */
  attributes?: FindAttributes<M>;
  /** `GROUP BY`: attribute names, selected aliases, or fn()/col()/literal(). */
  group?: AttributeName<M> | SqlExpression | readonly (AttributeName<M> | SqlExpression | string)[];
  /** A condition on the groups; keys may also be selected aliases (`{ n: { [Op.gt]: 1 } }`). */
  having?: WhereOptions<M> | SqlExpression | Record<string, unknown>;
  /** With raw: dotted keys (`'author.name'`) become nested objects. */
  nest?: boolean;
  /** Accepted for Sequelize compatibility (findOne returns one row anyway). */
  plain?: boolean;
  order?: OrderOption<M> | SqlExpression | readonly (SqlExpression | readonly [SqlExpression, OrderDirection?] | [string, OrderDirection?])[];
  limit?: number;
  offset?: number;
  /** Plain objects instead of instances. */
  raw?: boolean;
  /** Associated rows to load with these: models, aliases, or include options, nested to any depth. See IncludeOptions. */
  include?: IncludeItem | IncludeItem[];
  /** Throw EmptyResultError (or this error) instead of returning null (findOne, findByPk). */
  rejectOnEmpty?: boolean | Error;
  /**
   * Lock the rows read until the transaction ends: `true` or `'UPDATE'` → `FOR UPDATE`,
   * `'SHARE'`, `'NO KEY UPDATE'`, `'KEY SHARE'` (`Transaction.LOCK.*`). Needs a transaction.
   */
  lock?: boolean | LockStrength;
  /** With lock: skip rows another transaction has locked (`SKIP LOCKED`). */
  skipLocked?: boolean;
  /** With lock: fail at once (SQLSTATE 55P03) instead of waiting for a locked row (`NOWAIT`). */
  noWait?: boolean;
  /** `false`: a paranoid model's soft-deleted rows are read too. */
  paranoid?: boolean;
  /** `false`: no beforeFind/afterFind hooks. */
  hooks?: boolean;
}

export interface CountOptions<M = any> extends FinderCallOptions {
  where?: WhereOptions<M>;
  /** Count distinct values of `col` (or of the primary key). */
  distinct?: boolean;
  /** The attribute counted (`count("col")`, NULLs not counted); default `*`. */
  col?: AttributeName<M>;
  /** Count per group: resolves to `[{ kind: 'a', count: 3 }, …]` as in Sequelize. */
  group?: AttributeName<M> | readonly AttributeName<M>[];
  /** Count the top-level rows that the includes' conditions keep (each row once). */
  include?: IncludeItem | IncludeItem[];
  /** Accepted as in Sequelize (the count reads no attributes). */
  attributes?: unknown;
  /** `false`: a paranoid model's soft-deleted rows are counted too. */
  paranoid?: boolean;
  hooks?: boolean;
}

/** Hook and validation options of the bulk writes. */
export interface BulkLifecycleOptions {
  /** `false`: no hooks at all. */
  hooks?: boolean;
  /** Also run the per-instance hooks (beforeCreate/Update/Destroy …) for every row. */
  individualHooks?: boolean;
}

export interface UpdateOptions<M = any> extends CallOptions, BulkLifecycleOptions {
  /** `false` skips the model's validators. */
  validate?: boolean;
  /** `false`: soft-deleted rows of a paranoid model are updated too. */
  paranoid?: boolean;
  where: WhereOptions<M>;
  /** Update every row: required with an empty where, so no call wipes a table by accident. */
  all?: boolean;
  returning?: boolean;
  silent?: boolean;
}

export interface DestroyOptions<M = any> extends CallOptions, BulkLifecycleOptions {
  /** A paranoid model's rows are deleted for real instead of marked. */
  force?: boolean;
  where?: WhereOptions<M>;
  /** Delete every row: required with an empty where (`{ where: {}, all: true }`). */
  all?: boolean;
  /** TRUNCATE the table instead (explicit, never implied); resolves to 0, as PostgreSQL does not count. */
  truncate?: boolean;
  /** With truncate: also reset the table's sequences. */
  restartIdentity?: boolean;
  /** With truncate: also truncate tables that reference this one. */
  cascade?: boolean;
}

export interface StaticIncrementOptions<M = any> extends CallOptions {
  where: WhereOptions<M>;
  /** The amount, or an expression (`literal('2')`, `col('step')`) as Sequelize allows. */
  by?: number | string | bigint | SqlExpression;
  all?: boolean;
  silent?: boolean;
  returning?: boolean;
}

export interface FindOrCreateOptions<M = any> extends CallOptions {
  where: WhereOptions<M>;
  defaults?: Partial<Attributes<M>>;
}

export interface BulkCreateOptions extends CallOptions, BulkLifecycleOptions {
  /** `false` skips the model's validators (they run by default; Sequelize's default is off). */
  validate?: boolean;
  /** Resolve to instances with the database's values (default true); false resolves to []. */
  returning?: boolean;
  /** Write only these attributes. */
  fields?: string[];
}

export interface UpsertOptions extends CallOptions {
  validate?: boolean;
  hooks?: boolean;
  /** Attributes that identify the row (default: the primary key). */
  conflictFields?: string[];
  /** Always true: upsert resolves to [instance, created]; false is refused. */
  returning?: true;
}

export type { Model };
