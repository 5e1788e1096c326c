import { UsageError } from '../errors';
import type { Executor } from '../driver/executor';
import type { ModelBinding } from '../instance/binding';
import { compileLevel, hydrateLevel } from './include-level';
import type { Level } from './include-level';
import { loadChildren } from './include-load';
import { includeTree, parentKeys, withKeys } from './include-tree';
import { topConditions } from './include-where';
import { findGroupedWithIncludes } from './include-group';
import { checkCount, resolveSelection } from './selection';

/**
 * `findAll`/`findOne` with `include`. The top-level rows and their to-one includes come
 * from one statement (LEFT/INNER JOIN: one row per parent); each to-many include is one
 * more statement per include level (`WHERE key = ANY($1)`), so parent rows are never
 * multiplied and `limit`/`offset` count parents. With `separate: false` a to-many include
 * is joined instead, the rows de-duplicated (and the parents limited in a subquery). Required to-many includes and
 * `'$alias.attribute$'` conditions become EXISTS. See README "Associations".
 *
 * @example
 * await User.findAll({ include: [{ model: Post, as: 'posts', where: { draft: false } }], limit: 10 });
 * // SELECT "User"."id", … FROM "Users" AS "User" WHERE EXISTS (SELECT 1 FROM "Posts" AS "posts" WHERE "posts"."authorId" = "User"."id" AND "posts"."draft" = $1) LIMIT $2
 * // SELECT "posts"."id", … FROM "Posts" AS "posts" WHERE "posts"."authorId" = ANY($1::INTEGER[]) AND "posts"."draft" = $2
 */
export async function findWithIncludes(b: ModelBinding, ex: Executor, model: Function, o: Record<string, any>, what: string, forceLimit: number | undefined, lock: string | undefined): Promise<object[]> {
  const def = b.definition;
  if (o.group !== undefined) return findGroupedWithIncludes(b, ex, model, o, what, forceLimit, lock) as Promise<object[]>;
  if (o.raw === true) throw new UsageError(`${what}: raw: true cannot be combined with include (included rows are instances); drop raw, or call get({ plain: true }) on the results`);
  const nodes = includeTree(model, o.include, what);
  const alias = def.modelName;
  const values: unknown[] = [];
  const selected = resolveSelection(def, o.attributes, what, values);
  if (selected.extras !== undefined) throw new UsageError(`${what}: aliased attributes ([fn(…), 'alias'], ['name', 'alias']) with include need group (the include then only joins); without group, read them in a find without include`);
  if (o.having !== undefined) throw new UsageError(`${what}: having needs group`);
  const { conditions, aliasConditions } = topConditions(def, alias, nodes, o.where, values, what);
  const limit = forceLimit ?? (o.limit === undefined ? undefined : checkCount(o.limit, 'limit', what));
  const offset = o.offset === undefined ? undefined : checkCount(o.offset, 'offset', what);
  const selection = withKeys(def, selected, parentKeys(def, nodes));
  const level: Level = { def, model, alias, selection, nodes, conditions, aliasConditions, order: o.order, limit, offset, lock };
  const compiled = compileLevel(level, values, what);
  const text = compiled.text;
  const result = await ex.run<unknown[]>({ text, values, prepare: true }, 'array', def);
  const instances = hydrateLevel(level, compiled, result.rows);
  await loadChildren(ex, nodes, instances, compiled.parts, what);
  return compiled.multiplied ? [...new Set(instances[0])] as object[] : instances[0] as object[];
}
