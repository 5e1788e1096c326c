import { UsageError } from '../errors';
import type { Executor } from '../driver/executor';
import type { ModelBinding } from '../instance/binding';
import { compileLevel, hydrateLevel } from './include-level';
import type { CompiledLevel, Level, Loaded } from './include-level';
import type { ParserTables } from '../types/parsers';
import type { Selection } from './selection';
import { loadChildren } from './include-load';
import { hasLateral, readColumnTypes } from './include-lateral';
import { includeTree, parentKeys, withKeys } from './include-tree';
import type { IncludeNode } from './include-tree';
import { includeColumn, topConditions } from './include-where';
import { qualified } from './qualified';
import { quoteIdent } from '../sql/quote';
import { extraObjects } from './raw-rows';
import { setExtras } from '../instance/extras';
import { isPlainObject } from './where';
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
  if (o.group !== undefined) return findGroupedWithIncludes(b, ex, model, o, what, forceLimit, lock) as Promise<object[]>;
  const compiled = compileIncludes(b, model, o, what, forceLimit, lock);
  if (hasLateral(compiled.compiled)) await readColumnTypes(ex, compiled.compiled);
  const result = await ex.run<unknown[]>({ text: compiled.compiled.text, values: compiled.values, prepare: true }, 'array', b.definition);
  const loaded = hydrateIncluded(compiled, result.rows, ex.parsers);
  await loadChildren(ex, compiled.nodes, loaded, compiled.compiled.parts, what);
  const top = loaded.instances[0];
  return compiled.compiled.multiplied ? [...new Set(top)] as object[] : top as object[];
}

/** A find with includes, compiled: its top-level statement and what hydrating its rows needs (findEach reads it through a cursor). */
export interface CompiledIncludes {
  readonly level: Level;
  readonly compiled: CompiledLevel;
  readonly values: unknown[];
  readonly nodes: IncludeNode[];
  /** Aliased top-level columns (`[fn(…), 'n']`), read after the level's own. */
  readonly tail?: Selection;
}

/** The top-level statement of a find with includes (no group: see include-group.ts). */
export function compileIncludes(b: ModelBinding, model: Function, o: Record<string, any>, what: string, forceLimit: number | undefined, lock: string | undefined): CompiledIncludes {
  const def = b.definition;
  if (o.raw === true) throw new UsageError(`${what}: raw: true cannot be combined with include (included rows are instances); drop raw, or call get({ plain: true }) on the results`);
  const nodes = includeTree(model, o.include, what);
  const alias = def.modelName;
  const values: unknown[] = [];
  // Aliased columns are compiled on the aliased table (and may name joined includes: col('author.name')).
  const { names, aliased } = splitAliased(def, o.attributes);
  const columnOf = (a: string, attr: string) => includeColumn(nodes, a, attr);
  const tail = aliased === undefined ? undefined : resolveSelection(qualified(def, alias), aliased, what, values, { columnOf });
  const selected = resolveSelection(def, names, what);
  if (o.having !== undefined) throw new UsageError(`${what}: having needs group`);
  const { conditions, aliasConditions } = topConditions(def, alias, nodes, o.where, values, what);
  const limit = forceLimit ?? (o.limit === undefined ? undefined : checkCount(o.limit, 'limit', what));
  const offset = o.offset === undefined ? undefined : checkCount(o.offset, 'offset', what);
  const selection = withKeys(def, selected, parentKeys(def, nodes));
  const tailColumns = tail?.extras?.map((e) => `${tail.aliases!.get(e.alias)} AS ${quoteIdent(e.alias)}`);
  const level: Level = { def, model, alias, selection, nodes, conditions, aliasConditions, tailColumns, order: o.order, orderScope: { aliases: tail?.aliases, columnOf }, limit, offset, lock };
  return { level, compiled: compileLevel(level, values, what), values, nodes, tail };
}

/** The rows of a compiled find with includes as instances, the aliased columns set on the top-level ones. */
export function hydrateIncluded(c: CompiledIncludes, rows: unknown[][], tables: ParserTables): Loaded {
  const loaded = hydrateLevel(c.level, c.compiled, rows, tables);
  if (c.tail?.extras !== undefined) {
    const extras = extraObjects(rows, c.compiled.width, c.tail.extras);
    const top = loaded.instances[0];
    for (let r = 0; r < extras.length; r++) if (top[r] !== null) setExtras(top[r]!, extras[r]);
  }
  return loaded;
}

/**
 * `attributes` split into what the level reads as instances (names, or { include, exclude }
 * of names) and the aliased entries (`[fn(…), 'n']`, `['name', 'label']`), which become
 * aliased columns. With only aliased entries, the instances read their keys.
 */
function splitAliased(def: { primaryKeys: readonly { name: string }[] }, attributes: unknown): { names: unknown; aliased?: unknown[] } {
  if (Array.isArray(attributes)) {
    const aliased = attributes.filter((a) => Array.isArray(a));
    if (aliased.length === 0) return { names: attributes };
    const names = attributes.filter((a) => !Array.isArray(a));
    return { names: names.length > 0 ? names : def.primaryKeys.map((k) => k.name), aliased };
  }
  if (isPlainObject(attributes) && Array.isArray((attributes as { include?: unknown }).include)) {
    const o = attributes as { include: unknown[]; exclude?: unknown };
    const aliased = o.include.filter((a) => Array.isArray(a));
    if (aliased.length === 0) return { names: attributes };
    return { names: { ...o, include: o.include.filter((a) => !Array.isArray(a)) }, aliased };
  }
  return { names: attributes };
}
