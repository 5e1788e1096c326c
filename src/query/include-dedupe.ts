import { JUNCTION } from '../associations/registry';
import { hydrateRows, hydrateSelectedRows } from '../instance/hydrate';
import type { CompiledLevel, Level, Loaded } from './include-level';
import { hydrateLateral } from './include-lateral';
import type { ParserTables } from '../types/parsers';

type Instance = Record<string | symbol, unknown>;

/**
 * `hydrateLevel` for rows that repeat their parents (a to-many include joined with
 * `separate: false`). Each part's instance is identified by its parent's instance and its
 * primary key, so a row seen again reuses the instance: a parent once, each child once
 * per parent, in the order rows first show them. New rows of a part are still hydrated in
 * one batch. `out[p][r]` is the instance of part p in row r.
 */
export function hydrateDeduplicated(level: Level, compiled: CompiledLevel, rows: unknown[][], tables: ParserTables): Loaded {
  const n = rows.length;
  const out: (object | null)[][] = [];
  let nested: Map<number, Loaded> | undefined;
  for (let p = 0; p < compiled.parts.length; p++) {
    const pt = compiled.parts[p];
    const node = pt.node;
    if (pt.lateral !== undefined) {
      // Rows repeat the instance the lateral hangs from: its aggregate is read from the first.
      const values = new Array<unknown>(n);
      for (let r = 0; r < n; r++) values[r] = rows[r][pt.start];
      (nested ??= new Map()).set(p, hydrateLateral(pt, out[pt.parent], values, tables, true));
      out.push(out[pt.parent]);
      continue;
    }
    const def = node === null ? level.def : pt.junction ? node.through!.def : node.def;
    const model = (node === null ? level.model : pt.junction ? node.through!.model : node.model) as new () => object;
    const parents = pt.parent >= 0 ? out[pt.parent] : undefined;
    const end = pt.start + pt.attrs.length;
    // A hasMany/hasOne row of a top-level row has no other parent: its key alone identifies it.
    const global = pt.parent === 0 && !pt.junction && node !== null && (node.assoc.kind === 'hasMany' || node.assoc.kind === 'hasOne');
    const seen = new Map<unknown, Map<unknown, number>>();
    const slices: unknown[][] = [];
    const slot = new Array<number>(n).fill(-1);
    const fresh = new Array<boolean>(n).fill(false);
    for (let r = 0; r < n; r++) {
      const row = rows[r];
      const owner = parents === undefined ? null : parents[r];
      if (parents !== undefined && owner === null) continue;
      let key = pt.pk >= 0 ? row[pt.start + pt.pk] : r;
      if (key === null) continue;
      // A junction's target appears once per parent it is linked to: one instance per link.
      if (p === 0 && compiled.groupAt !== undefined) key = `${String(row[compiled.groupAt])}\u0000${String(key)}`;
      const scope = global ? null : owner;
      let byKey = seen.get(scope);
      if (byKey === undefined) seen.set(scope, (byKey = new Map()));
      // A junction row belongs to one target instance: one per owner.
      const k = pt.junction ? 0 : key;
      let i = byKey.get(k);
      if (i === undefined) {
        i = slices.length;
        byKey.set(k, i);
        slices.push(row.slice(pt.start, end));
        fresh[r] = true;
      }
      slot[r] = i;
    }
    const made = pt.full ? hydrateRows(def, model, slices) : hydrateSelectedRows(def, model, slices, pt.attrs);
    const mine = new Array<object | null>(n).fill(null);
    for (let r = 0; r < n; r++) if (slot[r] >= 0) mine[r] = made[slot[r]] as object;
    out.push(mine);
    if (node !== null) attach(node.as, node.assoc.isMultiple, pt.junction === true, node.through?.def.modelName, parents!, mine, fresh);
  }
  return { instances: out, nested };
}

/**
 * Sets each instance on its owner once: a list for to-many (empty when none; an instance is
 * pushed on the row that created it), the junction row on its target.
 */
function attach(as: string, multiple: boolean, junction: boolean, junctionName: string | undefined, owners: (object | null)[], mine: (object | null)[], fresh: readonly boolean[]): void {
  const done = new Set<object>();
  for (let r = 0; r < owners.length; r++) {
    const owner = owners[r] as Instance | null;
    if (owner === null) continue;
    const child = mine[r];
    if (junction) {
      if (child !== null && !done.has(owner)) {
        owner[junctionName!] = child;
        owner[JUNCTION] = junctionName;
        done.add(owner);
      }
      continue;
    }
    if (!multiple) {
      owner[as] = child;
      continue;
    }
    if (!done.has(owner)) {
      owner[as] = [];
      done.add(owner);
    }
    if (child !== null && fresh[r]) (owner[as] as object[]).push(child);
  }
}
