import { UsageError } from '../errors';
import type { Executor } from '../driver/executor';
import type { ModelBinding } from '../instance/binding';
import { compileLevel, hydrateLevel } from './include-level';
import type { CompiledLevel, Level } from './include-level';
import { loadChildren } from './include-load';
import { hasLateral, readColumnTypes } from './include-lateral';
import { includeTree, parentKeys, withKeys } from './include-tree';
import type { IncludeNode } from './include-tree';
import { nestedCondition, splitNested } from './include-where';
import { qualified } from './qualified';
import { checkCount, resolveSelection } from './selection';
import { compileWhere } from './where';

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
  const { level, compiled, values, nodes } = compileIncludes(b, model, o, what, forceLimit, lock);
  if (hasLateral(compiled)) await readColumnTypes(ex, compiled);
  const result = await ex.run<unknown[]>({ text: compiled.text, values, prepare: true }, 'array', b.definition);
  const loaded = hydrateLevel(level, compiled, result.rows, ex.parsers);
  await loadChildren(ex, nodes, loaded, compiled.parts, what);
  const top = loaded.instances[0];
  return compiled.multiplied ? [...new Set(top)] as object[] : top as object[];
}

/** The top-level statement of a find with includes, and what hydrating its rows needs (findEach reads it through a cursor). */
export function compileIncludes(b: ModelBinding, model: Function, o: Record<string, any>, what: string, forceLimit: number | undefined, lock: string | undefined): { level: Level; compiled: CompiledLevel; values: unknown[]; nodes: IncludeNode[] } {
  const def = b.definition;
  if (o.raw === true) throw new UsageError(`${what}: raw: true cannot be combined with include (included rows are instances); drop raw, or call get({ plain: true }) on the results`);
  const nodes = includeTree(model, o.include, what);
  const alias = def.modelName;
  const values: unknown[] = [];
  const { own, nested } = splitNested(o.where);
  const conditions: string[] = [];
  const w = compileWhere(qualified(def, alias), own, values, what);
  if (w !== '') conditions.push(w);
  for (const entry of nested) conditions.push(nestedCondition(nodes, def, alias, entry, values, what));
  const limit = forceLimit ?? (o.limit === undefined ? undefined : checkCount(o.limit, 'limit', what));
  const offset = o.offset === undefined ? undefined : checkCount(o.offset, 'offset', what);
  const selection = withKeys(def, resolveSelection(def, o.attributes, what), parentKeys(def, nodes));
  const level: Level = { def, model, alias, selection, nodes, conditions, aliasConditions: nested.length > 0, order: o.order, limit, offset, lock };
  return { level, compiled: compileLevel(level, values, what), values, nodes };
}
