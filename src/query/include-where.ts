import { UsageError } from '../errors';
import type { ModelDefinition } from '../metadata/definition';
import { quoteIdent } from '../sql/quote';
import { conjunction } from '../sql/conditions';
import type { IncludeNode } from './include-tree';
import { qualified } from './qualified';
import { compileWhere } from './where';

/** `"posts"."authorId" = "User"."id"`: how an included row links to its parent row. */
export function linkCondition(node: IncludeNode, parentDef: ModelDefinition, parentAlias: string): string {
  const a = node.assoc;
  const parent = qualified(parentDef, parentAlias);
  if (a.kind === 'belongsTo') return `${qualified(node.def, node.alias).byName[a.targetKey]!.quotedColumn} = ${parent.byName[a.foreignKey]!.quotedColumn}`;
  if (a.kind === 'belongsToMany') return `${qualified(node.through!.def, node.through!.alias).byName[a.foreignKey]!.quotedColumn} = ${parent.byName[a.sourceKey]!.quotedColumn}`;
  return `${qualified(node.def, node.alias).byName[a.foreignKey]!.quotedColumn} = ${parent.byName[a.sourceKey]!.quotedColumn}`;
}

/** `INNER JOIN "Tags" AS "tags" ON "tags"."id" = "tags->PostTag"."TagId"`: a junction's target. */
export function throughJoin(node: IncludeNode): string {
  const a = node.assoc;
  const t = node.through!;
  return `INNER JOIN ${node.def.qualifiedTable} AS ${quoteIdent(node.alias)} ON ${qualified(node.def, node.alias).byName[a.targetKey]!.quotedColumn} = ${qualified(t.def, t.alias).byName[a.otherKey!]!.quotedColumn}`;
}

/** The include's own conditions (and its junction's), on its alias; '' for none. */
export function nodeConditions(node: IncludeNode, values: unknown[], what: string): string {
  const parts: string[] = [];
  const w = compileWhere(qualified(node.def, node.alias), node.where, values, `${what} include "${node.as}"`);
  if (w !== '') parts.push(w);
  if (node.through?.where !== undefined) {
    const tw = compileWhere(qualified(node.through.def, node.through.alias), node.through.where, values, `${what} include "${node.as}" through`);
    if (tw !== '') parts.push(tw);
  }
  return conjunction(parts);
}

/**
 * `EXISTS (SELECT 1 FROM … WHERE <link> AND <where> AND <its required includes>)`: a parent
 * row qualifies only when the required include has a matching row. A semi-join never
 * multiplies parent rows, so `limit` still counts parents.
 */
export function existsFor(node: IncludeNode, parentDef: ModelDefinition, parentAlias: string, values: unknown[], what: string): string {
  const parts = [linkCondition(node, parentDef, parentAlias)];
  const own = nodeConditions(node, values, what);
  if (own !== '') parts.push(own);
  for (const c of node.children) if (c.required) parts.push(existsFor(c, node.def, node.alias, values, what));
  return `EXISTS (SELECT 1 FROM ${fromOf(node)} WHERE ${conjunction(parts)})`;
}

/** The include's table under its alias; a junction joined to its target for belongsToMany. */
function fromOf(node: IncludeNode): string {
  return node.through
    ? `${node.through.def.qualifiedTable} AS ${quoteIdent(node.through.alias)} ${throughJoin(node)}`
    : `${node.def.qualifiedTable} AS ${quoteIdent(node.alias)}`;
}

/** `'$posts.author.name$'` → the include path and the attribute. */
function parseNested(key: string, value: unknown): { path: string[]; attribute: string; value: unknown; key: string } {
  const parts = key.slice(1, -1).split('.');
  if (parts.length < 2 || parts.some((p) => p === '')) throw new UsageError(`${JSON.stringify(key)} is not a nested attribute; write '$alias.attribute$'`);
  return { path: parts.slice(0, -1), attribute: parts[parts.length - 1], value, key };
}

/**
 * `col('author.name')` in a find with includes: the joined include's column (`"author"."name"`),
 * found by its `as` or its alias; undefined for a name that is not a joined include.
 */
export function includeColumn(nodes: readonly IncludeNode[], alias: string, attribute: string, joinedAll = false): string | undefined {
  for (const n of nodes) {
    if (n.separate && !joinedAll) continue;
    if (n.as === alias || n.alias === alias) return qualified(n.def, n.alias).byName[attribute]?.quotedColumn;
    const deeper = includeColumn(n.children, alias, attribute, joinedAll);
    if (deeper !== undefined) return deeper;
  }
  return undefined;
}

/**
 * The top-level where of a find with includes: `'$alias.attribute$'` keys anywhere in it
 * (also inside Op.or / Op.and) and `col('alias.attribute')` resolve against the includes.
 */
export function topConditions(def: ModelDefinition, alias: string, nodes: readonly IncludeNode[], where: unknown, values: unknown[], what: string, joinedAll = false): { conditions: string[]; aliasConditions: boolean } {
  let aliasConditions = false;
  const nested = (key: string, value: unknown) => {
    aliasConditions = true;
    return nestedCondition(nodes, def, alias, parseNested(key, value), values, what);
  };
  const w = compileWhere(qualified(def, alias), where, values, what, { nested, columnOf: (a, attr) => includeColumn(nodes, a, attr, joinedAll) });
  return { conditions: w === '' ? [] : [w], aliasConditions };
}

/**
 * The condition of one `'$a.b.attribute$'` key: on the joined alias when every step is
 * joined (a to-one include), or an EXISTS over the first to-many step when that step is
 * the last one. The parents are filtered; the included rows are not (see README).
 */
export function nestedCondition(nodes: readonly IncludeNode[], rootDef: ModelDefinition, rootAlias: string, entry: { path: string[]; attribute: string; value: unknown; key: string }, values: unknown[], what: string): string {
  let level = nodes;
  let parentDef = rootDef;
  let parentAlias = rootAlias;
  for (let i = 0; i < entry.path.length; i++) {
    const node = level.find((n) => n.as === entry.path[i]);
    if (node === undefined) throw new UsageError(`${what}: where ${JSON.stringify(entry.key)} names "${entry.path[i]}", which is not an include of this find`);
    const last = i === entry.path.length - 1;
    if (node.separate) {
      if (!last) throw new UsageError(`${what}: where ${JSON.stringify(entry.key)} goes through the to-many include "${node.as}" to another include; only the last step may be to-many`);
      const cond = compileWhere(qualified(node.def, node.alias), { [entry.attribute]: entry.value }, values, what);
      return `EXISTS (SELECT 1 FROM ${fromOf(node)} WHERE ${linkCondition(node, parentDef, parentAlias)} AND ${cond})`;
    }
    if (last) return compileWhere(qualified(node.def, node.alias), { [entry.attribute]: entry.value }, values, what);
    level = node.children;
    parentDef = node.def;
    parentAlias = node.alias;
  }
  throw new UsageError(`${what}: where ${JSON.stringify(entry.key)} is not a nested attribute`);
}
