import type { Model } from '../model';
import type { AttributeName, Attributes } from '../model-types';
import type { Op } from './operators';
import type { IncludeItem } from './include-options';
import type { LockStrength, TransactionOption } from '../transaction/options';

/** Operators on one attribute: `{ [Op.gt]: 5, [Op.lt]: 10 }`. */
export type WhereOperators<V> = {
  [Op.eq]?: V | null;
  [Op.ne]?: V | null;
  [Op.gt]?: V;
  [Op.gte]?: V;
  [Op.lt]?: V;
  [Op.lte]?: V;
  [Op.in]?: readonly V[];
  [Op.notIn]?: readonly V[];
  [Op.like]?: string;
  [Op.notLike]?: string;
  [Op.iLike]?: string;
  [Op.notILike]?: string;
  [Op.between]?: readonly [V, V];
  [Op.notBetween]?: readonly [V, V];
  [Op.is]?: null | boolean;
  /** null → IS NOT NULL; a boolean → IS NOT TRUE/FALSE; a value → IS DISTINCT FROM; operators → NOT (…). */
  [Op.not]?: null | boolean | V | WhereOperators<V>;
  /** `{ age: { [Op.or]: [{ [Op.lt]: 5 }, { [Op.gt]: 65 }] } }` */
  [Op.or]?: readonly (V | null | WhereOperators<V>)[];
  [Op.and]?: readonly (V | null | WhereOperators<V>)[];
};

/** `{ name: 'Ada', age: { [Op.gte]: 18 }, [Op.or]: [{ … }, { … }] }`. Only the model's attributes. */
export type WhereOptions<M = any> = {
  [K in keyof Attributes<M>]?: Attributes<M>[K] | null | WhereOperators<Attributes<M>[K]>;
} & {
  [Op.and]?: WhereOptions<M>[];
  [Op.or]?: WhereOptions<M>[];
  [Op.not]?: WhereOptions<M>;
} & {
  /** `'$posts.title$'`: an attribute of an include of the same find (top level of the where only). */
  [nested: `$${string}.${string}$`]: unknown;
};

export type OrderDirection = 'ASC' | 'DESC' | 'asc' | 'desc' | 'ASC NULLS FIRST' | 'ASC NULLS LAST' | 'DESC NULLS FIRST' | 'DESC NULLS LAST';
export type OrderOption<M = any> = AttributeName<M> | [AttributeName<M>, OrderDirection?] | readonly (AttributeName<M> | [AttributeName<M>, OrderDirection?] | IncludeOrderTerm)[];

/** `[{ model: Post, as: 'posts' }, 'title', 'DESC']`, `[Post, 'title']` or `['posts', 'title']`: order by an included attribute. */
export type IncludeOrderTerm = readonly [Function | { model?: Function; as?: string } | string, ...(Function | { model?: Function; as?: string } | string)[]];

export interface FindOptions<M = any> extends TransactionOption {
  where?: WhereOptions<M>;
  /** Read only these attributes (in definition order), or all but `exclude`. */
  attributes?: AttributeName<M>[] | { exclude: AttributeName<M>[] };
  order?: OrderOption<M>;
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
}

export interface CountOptions<M = any> extends TransactionOption {
  where?: WhereOptions<M>;
}

export interface UpdateOptions<M = any> extends TransactionOption {
  where: WhereOptions<M>;
  /** Update every row: required with an empty where, so no call wipes a table by accident. */
  all?: boolean;
  returning?: boolean;
  silent?: boolean;
}

export interface DestroyOptions<M = any> extends TransactionOption {
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

export interface StaticIncrementOptions<M = any> extends TransactionOption {
  where: WhereOptions<M>;
  by?: number | string | bigint;
  all?: boolean;
  silent?: boolean;
  returning?: boolean;
}

export interface FindOrCreateOptions<M = any> extends TransactionOption {
  where: WhereOptions<M>;
  defaults?: Partial<Attributes<M>>;
}

export interface BulkCreateOptions extends TransactionOption {
  /** Resolve to instances with the database's values (default true); false resolves to []. */
  returning?: boolean;
  /** Write only these attributes. */
  fields?: string[];
}

export interface UpsertOptions extends TransactionOption {
  /** Attributes that identify the row (default: the primary key). */
  conflictFields?: string[];
  /** Always true: upsert resolves to [instance, created]; false is refused. */
  returning?: true;
}

export type { Model };
