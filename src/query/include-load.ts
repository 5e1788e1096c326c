import type { Executor } from '../driver/executor';
import { JUNCTION } from '../associations/registry';
import { hydrateRows, hydrateSelectedRows } from '../instance/hydrate';
import { quoteIdent } from '../sql/quote';
import { bindArray } from './bind';
import type { IncludeNode } from './include-tree';
import { compileLevel, hydrateLevel } from './include-level';
import type { Level, Loaded, Part } from './include-level';
import { hasLateral, readColumnTypes } from './include-lateral';
import { nodeConditions, throughJoin } from './include-where';
import { qualified } from './qualified';

type Instance = Record<string | symbol, unknown>;

/**
 * Loads every separately loaded include under the parts of one level, level by level
 * (a query per include, never per parent): `loadLevel` hands each include the
 * instances it hangs from.
 */
export async function loadChildren(ex: Executor, levelNodes: readonly IncludeNode[], loaded: Loaded, parts: readonly Part[], what: string): Promise<void> {
  const instances = loaded.instances;
  for (let p = 0; p < parts.length; p++) {
    const pt = parts[p];
    if (pt.junction) continue;
    if (pt.lateral !== undefined) {
      // The lateral's rows were hydrated as a level of their own: includes under them load from there.
      await loadChildren(ex, pt.node!.children, loaded.nested!.get(p)!, pt.lateral.compiled.parts, what);
      continue;
    }
    const nodes = pt.node === null ? levelNodes : pt.node!.children;
    for (const node of nodes) {
      if (!node.separate || node.lateral) continue;
      // Rows of a joined to-many include repeat their parents: each instance once.
      const parents = [...new Set(instances[p].filter((x) => x !== null))] as Instance[];
      if (parents.length > 0) await loadSeparate(ex, node, parents, what);
    }
  }
}

/**
 * One include by a second query: `WHERE <key> = ANY($1)` over the distinct keys of all
 * its parents, then the rows are grouped back onto the parents. To-many includes never
 * multiply parent rows this way, and `limit` on the include is per parent (row_number()).
 */
async function loadSeparate(ex: Executor, node: IncludeNode, parents: Instance[], what: string): Promise<void> {
  const a = node.assoc;
  const parentKey = a.kind === 'belongsTo' ? a.foreignKey : a.sourceKey;
  const keys = distinct(parents, parentKey);
  if (keys.length === 0) return assign(node, parents, new Map());
  const values: unknown[] = [];
  const view = qualified(node.def, node.alias);
  const conditions: string[] = [];
  let from: string | undefined;
  let extraColumns: string[] | undefined;
  let groupBy: string;
  if (a.kind === 'belongsToMany') {
    const t = node.through!;
    const tview = qualified(t.def, t.alias);
    const fk = tview.byName[a.foreignKey]!;
    from = `${t.def.qualifiedTable} AS ${quoteIdent(t.alias)} ${throughJoin(node)}`;
    conditions.push(`${fk.quotedColumn} = ANY(${bindArray(t.def, fk, keys, values)})`);
    extraColumns = [...(t.selection ? t.selection.attrs.map((x) => tview.attributes[x.position].quotedColumn) : []), fk.quotedColumn];
    groupBy = fk.quotedColumn;
  } else {
    const column = view.byName[a.kind === 'belongsTo' ? a.targetKey : a.foreignKey]!;
    conditions.push(`${column.quotedColumn} = ANY(${bindArray(node.def, column, keys, values)})`);
    groupBy = column.quotedColumn;
  }
  const own = nodeConditions(node, values, what);
  if (own !== '') conditions.push(own);
  let perParent: Level['perParent'];
  if (node.limit !== undefined) {
    values.push(node.limit);
    perParent = { partitionBy: groupBy, limit: `$${values.length}` };
  }
  const level: Level = { def: node.def, model: node.model, alias: node.alias, selection: node.selection, nodes: node.children, conditions, order: node.order.length > 0 ? node.order : undefined, from, extraColumns, perParent };
  const compiled = compileLevel(level, values, what);
  if (hasLateral(compiled)) await readColumnTypes(ex, compiled);
  const result = await ex.run<unknown[]>({ text: compiled.text, values, prepare: true }, 'array', node.def);
  const rows = result.rows;
  const loaded = hydrateLevel(level, compiled, rows, ex.parsers);
  const own0 = loaded.instances[0] as Instance[];
  const groups = new Map<unknown, Instance[]>();
  if (a.kind === 'belongsToMany') {
    const t = node.through!;
    const keyAt = compiled.width + (t.selection ? t.selection.attrs.length : 0);
    if (t.selection) attachJunction(node, rows, compiled.width, own0);
    // Rows repeat an instance when a to-many include under it is joined: each once.
    const seen = compiled.multiplied ? new Set<Instance>() : undefined;
    for (let r = 0; r < rows.length; r++) {
      if (seen !== undefined) {
        if (seen.has(own0[r])) continue;
        seen.add(own0[r]);
      }
      push(groups, rows[r][keyAt], own0[r]);
    }
  } else {
    const k = a.kind === 'belongsTo' ? a.targetKey : a.foreignKey;
    const seen = compiled.multiplied ? new Set<Instance>() : undefined;
    for (let r = 0; r < own0.length; r++) {
      if (seen !== undefined) {
        if (seen.has(own0[r])) continue;
        seen.add(own0[r]);
      }
      push(groups, own0[r][k], own0[r]);
    }
  }
  assign(node, parents, groups);
  await loadChildren(ex, node.children, loaded, compiled.parts, what);
}

/** The junction row of each target, set on it under the junction model's name (`tag.PostTag`). */
function attachJunction(node: IncludeNode, rows: unknown[][], start: number, targets: Instance[]): void {
  const t = node.through!;
  const s = t.selection!;
  const slices = rows.map((row) => row.slice(start, start + s.attrs.length));
  const model = t.model as new () => object;
  const made = s.full ? hydrateRows(t.def, model, slices) : hydrateSelectedRows(t.def, model, slices, s.attrs);
  const name = t.def.modelName;
  for (let r = 0; r < targets.length; r++) {
    targets[r][name] = made[r];
    targets[r][JUNCTION] = name;
  }
}

function distinct(parents: Instance[], key: string): unknown[] {
  const seen = new Set<unknown>();
  for (const p of parents) {
    const v = p[key];
    if (v !== null && v !== undefined) seen.add(v);
  }
  return [...seen];
}

function push(groups: Map<unknown, Instance[]>, key: unknown, inst: Instance): void {
  const g = groups.get(key);
  if (g === undefined) groups.set(key, [inst]);
  else g.push(inst);
}

/** Sets the include on every parent: a list (empty when none) for to-many, the instance or null for to-one. */
function assign(node: IncludeNode, parents: Instance[], groups: Map<unknown, Instance[]>): void {
  const a = node.assoc;
  const key = a.kind === 'belongsTo' ? a.foreignKey : a.sourceKey;
  const as = node.as;
  const taken = new Set<Instance[]>();
  for (const p of parents) {
    const g = groups.get(p[key]);
    if (!a.isMultiple) p[as] = g?.[0] ?? null;
    else if (g === undefined) p[as] = [];
    // The lists are built for this call: the first parent takes its list, another parent with the same key a copy.
    else if (taken.has(g)) p[as] = g.slice();
    else {
      taken.add(g);
      p[as] = g;
    }
  }
}
