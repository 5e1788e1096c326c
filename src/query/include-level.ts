import { UsageError } from '../errors';
import type { AttributeDefinition, ModelDefinition } from '../metadata/definition';
import { hydrateRows, hydrateSelectedRows } from '../instance/hydrate';
import { JUNCTION } from '../associations/registry';
import { quoteIdent } from '../sql/quote';
import { conjunction } from '../sql/conditions';
import type { IncludeNode } from './include-tree';
import { MAX_JSON_COLUMNS } from './include-tree';
import { compileLevelOrder } from './include-order';
import type { OrderScope } from './order';
import { existsFor, linkCondition, nodeConditions, throughJoin } from './include-where';
import { hydrateDeduplicated } from './include-dedupe';
import { qualified } from './qualified';
import type { Selection } from './selection';
import { compileLateral, hydrateLateral, jsonColumn } from './include-lateral';
import type { ParserTables } from '../types/parsers';

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
  /**
   * The rows of a lateral include: each row becomes `json_build_array(<columns as text>)`,
   * aggregated into one `json_agg` (ordered, limited); a belongsToMany's junction columns
   * follow the target's (`junction`).
   */
  readonly json?: boolean;
  readonly junction?: IncludeNode;
  /** Aliased columns of the top level (`lower("User"."name") AS "low"`), after everything else; read by the caller. */
  readonly tailColumns?: readonly string[];
  /** What the level's own order terms may also name (the top level: its aliases, expressions binding values). */
  readonly orderScope?: Omit<OrderScope, 'values'>;
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
  /** A lateral include: one JSON column (at `start`) holding its rows, compiled as a level of their own. */
  readonly lateral?: Lateral;
}

/** The rows of a lateral include, as a level: what its JSON elements are made of. */
export interface Lateral {
  readonly level: Level;
  readonly compiled: CompiledLevel;
}

export interface CompiledLevel {
  readonly text: string;
  /** The model of the level's own rows (part 0). */
  readonly rootDef: ModelDefinition;
  readonly parts: readonly Part[];
  /** Index of the first extra column. */
  readonly width: number;
  /** A to-many include is joined (`separate: false`): rows repeat parents and must be de-duplicated. */
  readonly multiplied: boolean;
  /** Index of the last extra column (the key rows are grouped by), when there are extra columns. */
  readonly groupAt?: number;
}

/** The select list of one part; as text for a JSON row (each value then goes through its column's parser, as a driver value would). */
function columnsOf(def: ModelDefinition, alias: string, attrs: readonly AttributeDefinition[], json?: boolean): string {
  const view = qualified(def, alias);
  return attrs.map((a) => (json ? jsonColumn(view.attributes[a.position].quotedColumn, a.type) : view.attributes[a.position].quotedColumn)).join(', ');
}

function part(node: IncludeNode | null, parent: number, start: number, def: ModelDefinition, s: Selection, junction?: boolean): Part {
  const pk = def.primaryKeys.length > 0 ? s.attrs.indexOf(def.primaryKeys[0]) : -1;
  return { node, parent, start, attrs: s.attrs, full: s.full, pk, junction };
}

export function compileLevel(level: Level, values: unknown[], what: string): CompiledLevel {
  const json = level.json === true;
  const columns = [columnsOf(level.def, level.alias, level.selection.attrs, json)];
  const parts: Part[] = [part(null, -1, 0, level.def, level.selection)];
  let width = level.selection.attrs.length;
  const jt = level.junction?.through;
  if (jt?.selection) {
    parts.push(part(level.junction!, 0, width, jt.def, jt.selection, true));
    columns.push(columnsOf(jt.def, jt.alias, jt.selection.attrs, true));
    width += jt.selection.attrs.length;
  }
  /** Lateral includes, compiled once the order terms routed to them are known. */
  const laterals: { node: IncludeNode; parentDef: ModelDefinition; parentAlias: string; join: number; part: number }[] = [];
  const joins: string[] = [];
  const conditions = [...level.conditions];
  /** Conditions that keep the top-level rows when LIMIT is applied in a subquery: EXISTS for required joined to-many includes. */
  const keep: string[] = [];
  const orders: string[] = [];
  let multiplied = false;
  const paged = level.limit !== undefined || level.offset !== undefined;
  const join = (nodes: readonly IncludeNode[], parentDef: ModelDefinition, parentAlias: string, parentPart: number, inner: boolean) => {
    for (const node of nodes) {
      if (node.separate) {
        // A required to-many include filters the rows that hold it.
        if (node.required && parentPart === 0) conditions.push(existsFor(node, parentDef, parentAlias, values, what));
        if (node.lateral) {
          laterals.push({ node, parentDef, parentAlias, join: joins.push('') - 1, part: parts.length });
          parts.push({ node, parent: parentPart, start: width, attrs: [], full: false, pk: -1 });
          columns.push(`${quoteIdent(node.alias)}."j"`);
          width++;
        }
        continue;
      }
      const innerHere = node.required && inner;
      if (node.assoc.isMultiple) {
        multiplied = true;
        // Only used when the parents are limited in a subquery: an unused EXISTS would leave its parameters untyped (42P18).
        if (innerHere && parentPart === 0 && paged) keep.push(existsFor(node, parentDef, parentAlias, values, what));
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
      columns.push(columnsOf(node.def, node.alias, node.selection.attrs, json));
      width += node.selection.attrs.length;
      const mine = parts.length - 1;
      if (node.through?.selection) {
        parts.push(part(node, mine, width, node.through.def, node.through.selection, true));
        columns.push(columnsOf(node.through.def, node.through.alias, node.through.selection.attrs, json));
        width += node.through.selection.attrs.length;
      }
      if (node.assoc.isMultiple && node.order.length > 0) orders.push(compileLevelOrder(node.def, node.alias, node.children, node.order, what).sql);
      join(node.children, node.def, node.alias, mine, innerHere);
    }
  };
  join(level.nodes, level.def, level.alias, 0, true);
  for (const c of level.extraColumns ?? []) columns.push(c);
  for (const c of level.tailColumns ?? []) columns.push(c);
  const order = compileLevelOrder(level.def, level.alias, level.nodes, level.order, what, level.orderScope && { ...level.orderScope, values });
  const orderBy = [order.sql, ...orders].filter((o) => o !== '').join(', ');
  // A count reads no included rows: its lateral includes are left out (their required-ness is an EXISTS already).
  for (const l of level.count === undefined ? laterals : []) {
    const lateral = compileLateral(l.node, l.parentDef, l.parentAlias, values, what);
    joins[l.join] = `LEFT JOIN LATERAL (${lateral.compiled.text}) AS ${quoteIdent(l.node.alias)} ON true`;
    parts[l.part] = { ...parts[l.part], lateral };
  }
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
  const joined = level.count === undefined ? joins : joins.filter((j) => j !== '');
  const body = `${from}${joined.length > 0 ? ` ${joined.join(' ')}` : ''}${where.length > 0 ? ` WHERE ${conjunction(where)}` : ''}`;
  let text: string;
  if (level.count !== undefined) {
    text = `SELECT ${level.count} FROM ${body}`;
  } else if (json) {
    if (width > MAX_JSON_COLUMNS) throw new UsageError(`${what}: the lateral include "${level.junction?.as ?? level.alias}" reads ${width} columns; PostgreSQL's json_build_array takes at most 100. Select fewer attributes, or use strategy: 'separate'`);
    text = jsonAggregate(columns.join(', '), body, orderBy, level.limit === undefined ? undefined : `$${values.push(level.limit)}`);
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
  return { text, rootDef: level.def, parts, width, multiplied, groupAt: extra > 0 ? width + extra - 1 : undefined };
}

/**
 * `SELECT json_agg(json_build_array(…) ORDER BY …) AS "j" FROM …`: every row of a lateral
 * include for one parent row, in order; with a limit, the rows are chosen in a subquery and
 * keep their rank.
 */
function jsonAggregate(list: string, body: string, orderBy: string, limit: string | undefined): string {
  const row = `json_build_array(${list})`;
  if (limit === undefined) return `SELECT json_agg(${row}${orderBy ? ` ORDER BY ${orderBy}` : ''}) AS "j" FROM ${body}`;
  if (!orderBy) return `SELECT json_agg("_r"."r") AS "j" FROM (SELECT ${row} AS "r" FROM ${body} LIMIT ${limit}) AS "_r"`;
  return `SELECT json_agg("_r"."r" ORDER BY "_r"."n") AS "j" FROM (SELECT ${row} AS "r", row_number() OVER (ORDER BY ${orderBy}) AS "n" FROM ${body} ORDER BY ${orderBy} LIMIT ${limit}) AS "_r"`;
}

/** Every part's instances (`instances[p][r]`), and what the level's lateral includes loaded, by part. */
export interface Loaded {
  readonly instances: (object | null)[][];
  readonly nested?: Map<number, Loaded>;
}

/**
 * Builds every part's instances from the rows: `out[p][r]` is part p's instance of row r
 * (null where a LEFT JOIN found nothing), and each joined instance is set on its parent's
 * instance. Each part is hydrated in one batch through the model's compiled hydrator; a
 * lateral part's rows (all parents' together) are decoded and hydrated as a level of their own.
 */
export function hydrateLevel(level: Level, compiled: CompiledLevel, rows: unknown[][], tables: ParserTables): Loaded {
  if (compiled.multiplied) return hydrateDeduplicated(level, compiled, rows, tables);
  const parts = compiled.parts;
  const n = rows.length;
  // Every part's columns are cut out of the rows first, the level's own last: its snapshot can
  // then be the row itself, shortened, instead of a copy (one array less per row). Not when
  // columns the caller reads afterwards follow (extra or aliased tail columns).
  const cuts = new Array<Cut>(parts.length);
  for (let p = parts.length - 1; p >= 0; p--) cuts[p] = cut(parts[p], rows, p === 0 && level.extraColumns === undefined && level.tailColumns === undefined);
  const out: (object | null)[][] = [];
  let nested: Map<number, Loaded> | undefined;
  for (let p = 0; p < parts.length; p++) {
    const pt = parts[p];
    const node = pt.node;
    const c = cuts[p];
    if (pt.lateral !== undefined) {
      (nested ??= new Map()).set(p, hydrateLateral(pt, out[pt.parent], c.slices, tables, false));
      out.push(out[pt.parent]);
      continue;
    }
    const def = node === null ? level.def : pt.junction ? node.through!.def : node.def;
    const model = (node === null ? level.model : pt.junction ? node.through!.model : node.model) as new () => object;
    const made: (object | null)[] = pt.full ? hydrateRows(def, model, c.slices) : hydrateSelectedRows(def, model, c.slices, pt.attrs);
    let mine = made;
    if (c.at !== undefined) {
      mine = new Array<object | null>(n).fill(null);
      for (let i = 0; i < c.at.length; i++) mine[c.at[i]] = made[i];
    }
    out.push(mine);
    if (node === null) continue;
    const parents = out[pt.parent];
    if (pt.junction) {
      const name = node.through!.def.modelName;
      for (let r = 0; r < n; r++) {
        const parent = parents[r] as Record<string | symbol, unknown> | null;
        if (parent === null || mine[r] === null) continue;
        parent[name] = mine[r];
        parent[JUNCTION] = name;
      }
      continue;
    }
    const as = node.as;
    for (let r = 0; r < n; r++) {
      const parent = parents[r] as Record<string, unknown> | null;
      if (parent !== null) parent[as] = mine[r];
    }
  }
  return { instances: out, nested };
}

/**
 * One part's columns of every row: `slices[i]` is the part's columns of row `at[i]` (of row
 * i when `at` is undefined: every row has one), or, for a lateral part, its JSON value per row.
 */
interface Cut {
  readonly slices: unknown[][];
  readonly at?: number[];
}

/** With `shorten` (the level's own part, cut last), a row becomes its own slice by dropping the later columns. */
function cut(pt: Part, rows: unknown[][], shorten: boolean): Cut {
  const n = rows.length;
  if (pt.lateral !== undefined) {
    const values = new Array<unknown>(n);
    for (let r = 0; r < n; r++) values[r] = rows[r][pt.start];
    return { slices: values as unknown[][] };
  }
  const start = pt.start;
  const end = start + pt.attrs.length;
  shorten = shorten && start === 0;
  if (pt.pk < 0) {
    const slices = shorten ? rows : new Array<unknown[]>(n);
    for (let r = 0; r < n; r++) {
      if (!shorten) slices[r] = rows[r].slice(start, end);
      else if (rows[r].length !== end) rows[r].length = end;
    }
    return { slices };
  }
  const key = start + pt.pk;
  const slices: unknown[][] = [];
  let at: number[] | undefined;
  for (let r = 0; r < n; r++) {
    const row = rows[r];
    if (row[key] === null) {
      // A LEFT JOIN found nothing: no instance for this row.
      if (at === undefined) {
        at = [];
        for (let i = 0; i < r; i++) at.push(i);
      }
      continue;
    }
    if (shorten && row.length !== end) row.length = end;
    slices.push(shorten ? row : row.slice(start, end));
    at?.push(r);
  }
  return { slices, at };
}
