import { UsageError } from '../errors';
import type { ModelDefinition } from '../metadata/definition';
import type { Executor } from '../driver/executor';
import type { ModelBinding } from '../instance/binding';
import { quoteIdent } from '../sql/quote';
import { conjunction } from '../sql/conditions';
import { rawFlag } from './find';
import { materialise } from './find-result';
import { compileGroup, compileHaving } from './grouping';
import type { IncludeNode } from './include-tree';
import { includeTree } from './include-tree';
import { existsFor, includeColumn, linkCondition, nodeConditions, throughJoin, topConditions } from './include-where';
import { compileOrder } from './order';
import { qualified } from './qualified';
import { checkCount, resolveSelection } from './selection';

/**
 * A find with `group` and `include`: Sequelize's "aggregate over an association" idiom.
 *
 * @example
 * await User.findAll({ attributes: ['id', 'name', [fn('COUNT', col('posts.id')), 'postCount']],
 *   include: [{ model: Post, as: 'posts', attributes: [] }], group: ['User.id'] });
 * // SELECT "User"."id", "User"."name", COUNT("posts"."id") AS "postCount" FROM "Users" AS "User"
 * //   LEFT OUTER JOIN "Posts" AS "posts" ON "posts"."authorId" = "User"."id" GROUP BY "User"."id"
 *
 * Every include (to-many too) is joined and only joins: its attributes are not read and no
 * included instances are set (what it contributes is in the aggregates). The rows are the
 * top-level model's, one per group, with the aliased values (`get('postCount')`).
 */
export async function findGroupedWithIncludes(b: ModelBinding, ex: Executor, model: Function, o: Record<string, any>, what: string, forceLimit: number | undefined, lock: string | undefined): Promise<unknown[]> {
  const def = b.definition;
  if (lock !== undefined) throw new UsageError(`${what}: lock cannot be combined with group`);
  const raw = rawFlag(o, what);
  const alias = def.modelName;
  const nodes = includeTree(model, o.include, what);
  const view = qualified(def, alias);
  const columnOf = (a: string, attr: string) => includeColumn(nodes, a, attr, true);
  const values: unknown[] = [];
  const selection = resolveSelection(view, o.attributes, what, values, { columnOf });
  const joins: string[] = [];
  joinAll(nodes, def, alias, true, joins, values, what);
  const { conditions } = topConditions(def, alias, nodes, o.where, values, what, true);
  const group = compileGroup(view, o.group, what, values, selection.aliases, columnOf);
  const having = compileHaving(view, o.having, what, values, selection.aliases, columnOf);
  const order = compileOrder(view, o.order, what, { values, aliases: selection.aliases, columnOf });
  let text = `SELECT ${selection.columns} FROM ${def.qualifiedTable} AS ${quoteIdent(alias)}`;
  if (joins.length > 0) text += ` ${joins.join(' ')}`;
  if (conditions.length > 0) text += ` WHERE ${conjunction(conditions)}`;
  text += ` GROUP BY ${group}`;
  if (having) text += ` HAVING ${having}`;
  if (order) text += ` ORDER BY ${order}`;
  const limit = forceLimit ?? (o.limit === undefined ? undefined : checkCount(o.limit, 'limit', what));
  if (limit !== undefined) text += ` LIMIT $${values.push(limit)}`;
  if (o.offset !== undefined) text += ` OFFSET $${values.push(checkCount(o.offset, 'offset', what))}`;
  const result = await ex.run<unknown[]>({ text, values, prepare: true }, 'array', def);
  return materialise(def, model as new () => unknown, result.rows, selection, raw);
}

/** `LEFT OUTER JOIN … ON <link> AND <where>` for every include, to any depth (INNER when required under inner joins). */
function joinAll(nodes: readonly IncludeNode[], parentDef: ModelDefinition, parentAlias: string, inner: boolean, joins: string[], values: unknown[], what: string): void {
  for (const node of nodes) {
    const innerHere = node.required && inner;
    const on = [linkCondition(node, parentDef, parentAlias)];
    const own = nodeConditions(node, values, what);
    if (own !== '') on.push(own);
    // A required include under an outer join decides whether this row is joined (INNER there would drop the parent).
    for (const c of node.children) if (c.required && !innerHere) on.push(existsFor(c, node.def, node.alias, values, what));
    const table = node.through
      ? `(${node.through.def.qualifiedTable} AS ${quoteIdent(node.through.alias)} ${throughJoin(node)})`
      : `${node.def.qualifiedTable} AS ${quoteIdent(node.alias)}`;
    joins.push(`${innerHere ? 'INNER' : 'LEFT OUTER'} JOIN ${table} ON ${conjunction(on)}`);
    joinAll(node.children, node.def, node.alias, innerHere, joins, values, what);
  }
}
