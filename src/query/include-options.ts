import type { OrderOption, WhereOptions } from './options';

/**
 * One entry of `include`: a model class, an association alias, or the options object.
 *
 * @example
 * await User.findAll({ include: [{ model: Post, as: 'posts', where: { draft: false }, required: false, include: [Tag] }] });
 */
export type IncludeItem = Function | string | IncludeOptions;

export interface IncludeOptions {
  /** The target model (found among the source's associations; give `as` when several point at it). */
  model?: Function;
  /** The association alias (`posts`); also accepted as `association`. */
  as?: string;
  association?: string;
  /** Conditions on the included rows. Makes the include required unless `required: false`. */
  where?: WhereOptions;
  /** true: only parents that have a matching included row (INNER JOIN, or EXISTS for a to-many include). */
  required?: boolean;
  attributes?: string[] | { exclude: string[] };
  include?: IncludeItem | IncludeItem[];
  /** Order of the included rows (a to-many include). */
  order?: OrderOption;
  /** At most this many included rows per parent (a to-many include). */
  limit?: number;
  /**
   * A to-many include is loaded by a second query per level unless `separate: false`, which
   * joins it into the parent's statement and de-duplicates the rows (README "Associations"
   * has the measurements). A to-one include is joined unless `separate: true`.
   */
  separate?: boolean;
  /**
   * How the include is loaded: `'separate'` (a second query per include level, `WHERE key =
   * ANY($1)`; `separate: true`), `'lateral'` (one statement: `LEFT JOIN LATERAL (SELECT
   * json_agg(…))`, one JSON value per parent row, decoded with each column's parser) or
   * `'join'` (joined into the parent's rows, de-duplicated; `separate: false`). Defaults:
   * `'join'` for to-one includes, `'separate'` for to-many ones (README "Associations" has
   * the measurements). Must agree with `separate` when both are given.
   */
  strategy?: 'separate' | 'lateral' | 'join';
  /**
   * A paranoid target's soft-deleted rows are left out of the include (a to-one include
   * comes back null, a to-many one without them); `false` includes them.
   */
  paranoid?: boolean;
  /** belongsToMany: the junction columns attached as `target.<JunctionModel>` and conditions on the junction. */
  through?: { attributes?: string[]; where?: WhereOptions };
}
