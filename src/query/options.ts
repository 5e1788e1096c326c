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
  /**
   * Nothing found: throw EmptyResultError (`true`), this Error, or a new instance of this
   * Error class, instead of resolving to null (findOne, findByPk) or [] (findAll). The model
   * option `rejectOnEmpty` is the default.
   */
  rejectOnEmpty?: boolean | Error | (new () => Error);
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

/** `findByPk(key, options)`: a finder's options without `where`, plus `batch`. */
export interface FindByPkOptions<M = any> extends Omit<FindOptions<M>, 'where'> {
  /**
   * `false`: send this call's own statement. By default, findByPk calls made in the same
   * tick outside a transaction are sent together as one `WHERE "id" = ANY($1)` (see the
   * Database option `batchFindByPk`).
   */
  batch?: boolean;
}

/**
 * `findEach` / `stream`: findAll's options (no rejectOnEmpty), plus `batchSize`. `include`
 * takes to-one associations (joined into the same rows) and lateral to-many ones (inside each row).
 */
export interface FindEachOptions<M = any> extends Omit<FindOptions<M>, 'rejectOnEmpty'> {
  /** Rows read per round trip (default 1000): at most one batch of instances is held at a time. */
  batchSize?: number;
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
  /** Write only these of the values' attributes (the others are checked, then left out), as in Sequelize. */
  fields?: string[];
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
  /**
   * Resolve to instances with the database's values (default true for an array of rows);
   * a list of attributes reads back only those (plus the primary key); false resolves to
   * `[]`. An iterable of rows resolves to the number of rows written instead.
   */
  returning?: boolean | string[];
  /** Write only these attributes. */
  fields?: string[];
  /** `ON CONFLICT DO NOTHING`: rows that would violate a unique constraint are skipped (and not returned). */
  ignoreDuplicates?: boolean;
  /**
   * `ON CONFLICT (key) DO UPDATE SET a = EXCLUDED.a, …` for these attributes (`createdAt` is
   * never updated). The key is `conflictAttributes`, else the model's one unique constraint,
   * else the primary key.
   */
  updateOnDuplicate?: string[];
  /** With updateOnDuplicate: the attributes of the unique constraint that identifies a row. */
  conflictAttributes?: string[];
  /** Keep a row's own `updatedAt` (and never set it on updateOnDuplicate) instead of stamping it. */
  silent?: boolean;
  /**
   * `true`: load with `COPY … FROM STDIN` (no RETURNING: resolves to `[]`, or to the count
   * for an iterable); `false`: always INSERT. Default: COPY for loads of 5,000 rows or more
   * (or of more than one batch) that need nothing only INSERT gives (returning,
   * ignoreDuplicates, updateOnDuplicate).
   */
  copy?: boolean;
  /** Rows per statement (and per COPY batch); default 10,000. */
  batchSize?: number;
  /** Called after each batch is written, with the rows done so far and the total when known (an array's length). */
  onProgress?: (done: number, total?: number) => void;
}

export interface UpsertOptions extends CallOptions {
  validate?: boolean;
  hooks?: boolean;
  /** Attributes that identify the row (default: the primary key). */
  conflictFields?: string[];
  /** Accepted in every form (as Sequelize's); upsert always resolves to [instance, created]. */
  returning?: boolean | string[];
  /** On conflict, update only these of the given attributes (the insert writes every value). */
  fields?: string[];
}

export type { Model };
