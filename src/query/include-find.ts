import { UsageError } from '../errors';
import type { Executor } from '../driver/executor';
import type { ModelBinding } from '../instance/binding';
import { compileLevel, hydrateLevel } from './include-level';
import type { Level } from './include-level';
import { loadChildren } from './include-load';
import { includeTree } from './include-tree';
import { nestedCondition, splitNested } from './include-where';
import { qualified } from './qualified';
import { checkCount, resolveSelection } from './selection';
import { compileWhere } from './where';

/**
 * `findAll`/`findOne` with `include`. The top-level rows and their to-one includes come
 * from one statement (LEFT/INNER JOIN: one row per parent); each to-many include is one
 * more statement per include level (`WHERE key = ANY($1)`), so parent rows are never
 * multiplied and `limit`/`offset` count parents. Required to-many includes and
 * `'$alias.attribute$'` conditions become EXISTS. See README "Associations".
 *
 * @example
 * await User.findAll({ include: [{ model: Post, as: 'posts', where: { draft: false } }], limit: 10 });
 * // SELECT "User"."id", … FROM "Users" AS "User" WHERE EXISTS (SELECT 1 FROM "Posts" AS "posts" WHERE "posts"."authorId" = "User"."id" AND "posts"."draft" = $1) LIMIT $2
 * // SELECT "posts"."id", … FROM "Posts" AS "posts" WHERE "posts"."authorId" = ANY($1::INTEGER[]) AND "posts"."draft" = $2
 */
export async function findWithIncludes(b: ModelBinding, ex: Executor, model: Function, o: Record<string, any>, what: string, forceLimit: number | undefined, lock: string | undefined): Promise<object[]> {
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
  let limit: string | undefined;
  let offset: string | undefined;
  const limitValue = forceLimit ?? (o.limit === undefined ? undefined : checkCount(o.limit, 'limit', what));
  const selection = resolveSelection(def, o.attributes, what);
  const level: Level = { def, model, alias, selection, nodes, conditions, order: o.order, lock };
  const compiled = compileLevel(level, values, what);
  // LIMIT/OFFSET are bound after every condition, as they close the statement.
  let text = compiled.text;
  if (limitValue !== undefined) {
    values.push(limitValue);
    limit = `$${values.length}`;
  }
  if (o.offset !== undefined) {
    values.push(checkCount(o.offset, 'offset', what));
    offset = `$${values.length}`;
  }
  text = withLimit(text, limit, offset, lock !== undefined);
  const result = await ex.run<unknown[]>({ text, values, prepare: true }, 'array', def);
  const instances = hydrateLevel(level, compiled, result.rows);
  await loadChildren(ex, nodes, instances, compiled.parts.map((p) => p.node), what);
  return instances[0] as object[];
}

/** Inserts LIMIT/OFFSET before a trailing lock clause. */
function withLimit(text: string, limit: string | undefined, offset: string | undefined, locked: boolean): string {
  const tail = `${limit ? ` LIMIT ${limit}` : ''}${offset ? ` OFFSET ${offset}` : ''}`;
  if (tail === '') return text;
  if (!locked) return text + tail;
  const at = text.lastIndexOf(' FOR ');
  return text.slice(0, at) + tail + text.slice(at);
}
