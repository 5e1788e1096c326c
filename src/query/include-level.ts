import { UsageError } from '../errors';
import type { AttributeDefinition, ModelDefinition } from '../metadata/definition';
import { hydrateRows, hydrateSelectedRows } from '../instance/hydrate';
import { quoteIdent } from '../sql/quote';
import { conjunction } from '../sql/conditions';
import type { IncludeNode } from './include-tree';
import { compileLevelOrder } from './include-order';
import { existsFor, linkCondition, nodeConditions, throughJoin } from './include-where';
import { hydrateDeduplicated } from './include-dedupe';
import { qualified } from './qualified';
import type { Selection } from './selection';

/**
 * One query level of a find with includes: a model's rows, its to-one includes joined in
 * (LEFT JOIN, or INNER JOIN when required), its required to-many includes as EXISTS.
 * The top-level find is one level; every separately loaded include is another.
 */
export interface Level {
  readonly def: ModelDefinition;
  readonly model: Function;
  readonly alias: string;
  readonly selection: Selection;
  readonly nodes: readonly IncludeNode[];
  /** The level's own conditions, already compiled (with `$n` numbering into the shared values). */
  readonly conditions: readonly string[];
  /** Some condition names a joined include's alias (a `'$author.name$'` key). */
  readonly aliasConditions?: boolean;
  readonly order?: unknown;
  /** LIMIT and OFFSET values: they always count this level's own rows. */
  readonly limit?: number;
  readonly offset?: number;
  readonly lock?: string;
  /** FROM clause when it is not the model's table alone (a junction joined to its target). */
  readonly from?: string;
  /** Columns after the joined includes' (a junction's, then the parent key rows are grouped by). */
  readonly extraColumns?: readonly string[];
  /** A per-parent limit: at most `$n` rows per value of this expression. */
  readonly perParent?: { readonly partitionBy: string; readonly limit: string };
  /** Aliased columns of the top level (`lower("User"."name") AS "low"`), after everything else; read by the caller. */
  readonly tailColumns?: readonly string[];
  /** Count instead of reading: the select list is this expression (`count(DISTINCT "User"."id")`); no order, no page. */
  readonly count?: string;
}

/** Where one model's columns sit in a result row, and whose instances they become. */
export interface Part {
  readonly node: IncludeNode | null;
  /** The part whose instance this one is set on (-1 for the level's own rows). */
  readonly parent: number;
  readonly start: number;
  readonly attrs: readonly AttributeDefinition[];
  readonly full: boolean;
  /** Index in the part of a primary-key column: NULL there means no included row (LEFT JOIN). */
  readonly pk: number;
  /** The junction row of a joined belongsToMany include (set on the target part's instance). */
  readonly junction?: boolean;
}

export interface CompiledLevel {
  readonly text: string;
  readonly parts: readonly Part[];
  /** Index of the first extra column. */
  readonly width: number;
  /** A to-many include is joined (`separate: false`): rows repeat parents and must be de-duplicated. */
  readonly multiplied: boolean;
  /** Index of the last extra column (the key rows are grouped by), when there are extra columns. */
  readonly groupAt?: number;
}

function columnsOf(def: ModelDefinition, alias: string, attrs: readonly AttributeDefinition[]): string {
  const view = qualified(def, alias);
  return attrs.map((a) => view.attributes[a.position].quotedColumn).join(', ');
}

function part(node: IncludeNode | null, parent: number, start: number, def: ModelDefinition, s: Selection, junction?: boolean): Part {
  const pk = def.primaryKeys.length > 0 ? s.attrs.indexOf(def.primaryKeys[0]) : -1;
  return { node, parent, start, attrs: s.attrs, full: s.full, pk, junction };
}

export function compileLevel(level: Level, values: unknown[], what: string): CompiledLevel {
  const columns = [columnsOf(level.def, level.alias, level.selection.attrs)];
  const parts: Part[] = [part(null, -1, 0, level.def, level.selection)];
  let width = level.selection.attrs.length;
  const joins: string[] = [];
  const conditions = [...level.conditions];
  /** Conditions that keep the top-level rows when LIMIT is applied in a subquery: EXISTS for required joined to-many includes. */
  const keep: string[] = [];
  const orders: string[] = [];
  let multiplied = false;
  const join = (nodes: readonly IncludeNode[], parentDef: ModelDefinition, parentAlias: string, parentPart: number, inner: boolean) => {
    for (const node of nodes) {
      if (node.separate) {
        // A required to-many include filters the rows that hold it.
        if (node.required && parentPart === 0) conditions.push(existsFor(node, parentDef, parentAlias, values, what));
        continue;
      }
      const innerHere = node.required && inner;
      if (node.assoc.isMultiple) {
        multiplied = true;
        if (innerHere && parentPart === 0) keep.push(existsFor(node, parentDef, parentAlias, values, what));
      }
      const on = [linkCondition(node, parentDef, parentAlias)];
      const own = nodeConditions(node, values, what);
      if (own !== '') on.push(own);
      // A required include under this one: separately loaded, or joined under an outer join
      // (where INNER would drop the top-level row), it decides whether this row is joined at all.
      for (const c of node.children) if (c.required && (c.separate || !innerHere)) on.push(existsFor(c, node.def, node.alias, values, what));
      const table = node.through
        ? `(${node.through.def.qualifiedTable} AS ${quoteIdent(node.through.alias)} ${throughJoin(node)})`
        : `${node.def.qualifiedTable} AS ${quoteIdent(node.alias)}`;
      joins.push(`${innerHere ? 'INNER' : 'LEFT OUTER'} JOIN ${table} ON ${conjunction(on)}`);
      parts.push(part(node, parentPart, width, node.def, node.selection));
      columns.push(columnsOf(node.def, node.alias, node.selection.attrs));
      width += node.selection.attrs.length;
      const mine = parts.length - 1;
      if (node.through?.selection) {
        parts.push(part(node, mine, width, node.through.def, node.through.selection, true));
        columns.push(columnsOf(node.through.def, node.through.alias, node.through.selection.attrs));
        width += node.through.selection.attrs.length;
      }
      if (node.assoc.isMultiple && node.order.length > 0) orders.push(compileLevelOrder(node.def, node.alias, node.children, node.order, what).sql);
      join(node.children, node.def, node.alias, mine, innerHere);
    }
  };
  join(level.nodes, level.def, level.alias, 0, true);
  for (const c of level.extraColumns ?? []) columns.push(c);
  for (const c of level.tailColumns ?? []) columns.push(c);
  const order = compileLevelOrder(level.def, level.alias, level.nodes, level.order, what);
  const orderBy = [order.sql, ...orders].filter((o) => o !== '').join(', ');
  const paged = level.limit !== undefined || level.offset !== undefined;
  const page = () => {
    let t = '';
    if (level.limit !== undefined) t += ` LIMIT $${values.push(level.limit)}`;
    if (level.offset !== undefined) t += ` OFFSET $${values.push(level.offset)}`;
    return t;
  };
  const table = level.from ?? `${level.def.qualifiedTable} AS ${quoteIdent(level.alias)}`;
  let from = table;
  let where = conditions;
  if (multiplied && paged) {
    // LIMIT counts top-level rows: they are chosen in a subquery, then joined.
    if (level.aliasConditions || !order.ownOnly || level.lock) throw new UsageError(`${what}: limit/offset with a joined to-many include (separate: false) cannot be combined with '$alias.attribute$' conditions, order by an included attribute, or lock; load the to-many include separately (the default)`);
    const inner = [...conditions, ...keep];
    from = `(SELECT ${quoteIdent(level.alias)}.* FROM ${table}${inner.length > 0 ? ` WHERE ${conjunction(inner)}` : ''}${order.sql ? ` ORDER BY ${order.sql}` : ''}${page()}) AS ${quoteIdent(level.alias)}`;
    where = [];
  }
  const body = `${from}${joins.length > 0 ? ` ${joins.join(' ')}` : ''}${where.length > 0 ? ` WHERE ${conjunction(where)}` : ''}`;
  let text: string;
  if (level.count !== undefined) {
    text = `SELECT ${level.count} FROM ${body}`;
  } else if (level.perParent) {
    const p = level.perParent;
    text = `SELECT * FROM (SELECT ${columns.join(', ')}, row_number() OVER (PARTITION BY ${p.partitionBy}${orderBy ? ` ORDER BY ${orderBy}` : ''}) AS "_rank" FROM ${body}) AS "_ranked" WHERE "_rank" <= ${p.limit} ORDER BY "_rank"`;
  } else {
    text = `SELECT ${columns.join(', ')} FROM ${body}`;
    if (orderBy) text += ` ORDER BY ${orderBy}`;
    if (paged && !multiplied) text += page();
    if (level.lock) text += ` ${level.lock.replace(/^(FOR (?:NO KEY |KEY )?(?:UPDATE|SHARE))/, `$1 OF ${quoteIdent(level.alias)}`)}`;
  }
  const extra = level.extraColumns?.length ?? 0;
  return { text, parts, width, multiplied, groupAt: extra > 0 ? width + extra - 1 : undefined };
}

/**
 * Builds every part's instances from the rows: `out[p][r]` is part p's instance of row r
 * (null where a LEFT JOIN found nothing), and each joined instance is set on its parent's
 * instance. Each part is hydrated in one batch through the model's compiled hydrator.
 */
export function hydrateLevel(level: Level, compiled: CompiledLevel, rows: unknown[][]): (object | null)[][] {
  if (compiled.multiplied) return hydrateDeduplicated(level, compiled, rows);
  const out: (object | null)[][] = [];
  const n = rows.length;
  for (let p = 0; p < compiled.parts.length; p++) {
    const pt = compiled.parts[p];
    const node = pt.node;
    const def = node === null ? level.def : node.def;
    const model = (node === null ? level.model : node.model) as new () => object;
    const end = pt.start + pt.attrs.length;
    const alone = p === 0 && compiled.parts.length === 1 && compiled.width === end && level.extraColumns === undefined && level.tailColumns === undefined && level.perParent === undefined;
    const slices: unknown[][] = [];
    const at: number[] = [];
    for (let r = 0; r < n; r++) {
      const row = rows[r];
      if (pt.pk >= 0 && row[pt.start + pt.pk] === null) continue;
      slices.push(alone ? row : row.slice(pt.start, end));
      at.push(r);
    }
    const made = pt.full ? hydrateRows(def, model, slices) : hydrateSelectedRows(def, model, slices, pt.attrs);
    const mine = new Array<object | null>(n).fill(null);
    for (let i = 0; i < at.length; i++) mine[at[i]] = made[i];
    out.push(mine);
    if (node !== null) {
      const parents = out[pt.parent];
      const as = node.as;
      for (let r = 0; r < n; r++) {
        const parent = parents[r] as Record<string, unknown> | null;
        if (parent !== null) parent[as] = mine[r];
      }
    }
  }
  return out;
}
