import { UsageError } from '../errors';
import { associationsOf } from '../associations/registry';
import type { Association } from '../associations/types';
import { bindingOf } from '../instance/binding';
import type { AttributeDefinition, ModelDefinition } from '../metadata/definition';
import { MAX_IDENTIFIER_BYTES } from '../sql/quote';
import { checkCount, resolveSelection } from './selection';
import type { Selection } from './selection';
import { isPlainObject, kind } from './where';
import { Op } from './operators';

/** One include, resolved against its association and checked. Built per call; frozen by use only. */
export interface IncludeNode {
  readonly assoc: Association;
  readonly model: Function;
  readonly def: ModelDefinition;
  /** The property the instances are set on (the association alias). */
  readonly as: string;
  /** The SQL alias of its table: the alias path, `posts->comments` (or a short one past 63 bytes). */
  readonly alias: string;
  readonly where?: object;
  readonly required: boolean;
  /**
   * Not joined into the parent's rows: loaded by a query of its own, or, with `lateral`, by a
   * `LEFT JOIN LATERAL` aggregate in the parent's statement (one JSON value per parent row).
   */
  readonly separate: boolean;
  /** `strategy: 'lateral'`: the rows come as `json_agg` in the parent's statement (include-lateral.ts). */
  readonly lateral: boolean;
  /** What is read: the requested attributes plus the keys the loader needs. */
  readonly selection: Selection;
  readonly children: IncludeNode[];
  /** Order of a to-many include: its own `order`, then terms the top-level `order` routes here. */
  readonly order: unknown[];
  readonly limit?: number;
  /** belongsToMany: the junction's attributes attached to each target (none: not attached) and its conditions. */
  readonly through?: { readonly model: Function; readonly def: ModelDefinition; readonly alias: string; readonly selection?: Selection; readonly where?: object };
}

const KEYS = ['model', 'as', 'association', 'where', 'required', 'attributes', 'include', 'order', 'limit', 'separate', 'strategy', 'paranoid', 'through'];

/** How an include is loaded; README "Associations" has the measurements behind the defaults. */
type IncludeStrategy = 'separate' | 'lateral' | 'join';
const STRATEGIES: readonly IncludeStrategy[] = ['separate', 'lateral', 'join'];

/**
 * The strategy of an include that names none (and says nothing with `separate`), by
 * association kind: what measured fastest (README "Associations", benchmarks/strategies.ts).
 * Lateral is never a default: it is chosen, and its limits are the caller's to meet.
 */
const DEFAULT_STRATEGY: Readonly<Record<Association['kind'], IncludeStrategy>> = { hasMany: 'separate', belongsToMany: 'separate', hasOne: 'join', belongsTo: 'join' };

/** PostgreSQL's limit on function arguments: json_build_array takes at most this many columns. */
export const MAX_JSON_COLUMNS = 100;

/** Resolves `include` of a find on `source` into nodes; every mistake is a UsageError naming the include. */
export function includeTree(source: Function, include: unknown, what: string, parentAlias = '', counter = { n: 0 }): IncludeNode[] {
  const items = Array.isArray(include) ? include : [include];
  const out: IncludeNode[] = [];
  for (const item of items) {
    const node = resolveItem(source, item, what, parentAlias, counter);
    if (out.some((n) => n.as === node.as)) throw new UsageError(`${what}: the include "${node.as}" is given twice`);
    out.push(node);
  }
  return out;
}

function resolveItem(source: Function, item: unknown, what: string, parentAlias: string, counter: { n: number }): IncludeNode {
  let o: Record<string, unknown>;
  if (typeof item === 'function' || typeof item === 'string') o = typeof item === 'string' ? { as: item } : { model: item };
  else if (isPlainObject(item)) o = item as Record<string, unknown>;
  else throw new UsageError(`${what}: an include is a model, an association alias, or { model, as, … }; got ${kind(item)}`);
  for (const k of Object.keys(o)) if (!KEYS.includes(k)) throw new UsageError(`${what}: unknown include option ${JSON.stringify(k)}; the options are ${KEYS.join(', ')}`);
  const assoc = findAssociation(source, o, what);
  const def = bindingOf(assoc.target).definition;
  const here = `${what} include "${assoc.as}"`;
  const alias = aliasFor(parentAlias === '' ? assoc.as : `${parentAlias}->${assoc.as}`, counter);
  if (o.where !== undefined && !isPlainObject(o.where)) throw new UsageError(`${here}: where must be an object`);
  for (const k of ['required', 'separate', 'paranoid'] as const) if (o[k] !== undefined && typeof o[k] !== 'boolean') throw new UsageError(`${here}: ${k} must be true or false`);
  const strategy = strategyOf(assoc, o, here);
  const separate = strategy !== 'join';
  const lateral = strategy === 'lateral';
  if (o.limit !== undefined && !(assoc.isMultiple && separate)) throw new UsageError(`${here}: limit applies to a to-many include loaded separately (the default)`);
  if (o.order !== undefined && !assoc.isMultiple) throw new UsageError(`${here}: order applies to a to-many include; order parents by an included attribute with order: [[{ model, as: '${assoc.as}' }, 'attribute', 'ASC']]`);
  if (o.through !== undefined && assoc.kind !== 'belongsToMany') throw new UsageError(`${here}: through applies to a belongsToMany include`);
  const children = o.include === undefined ? [] : includeTree(assoc.target, o.include, what, alias, counter);
  // A lateral aggregate is one JSON value per parent row: rows multiplied under it would have no owner to fold into.
  const joined = lateral ? joinedToMany(children) : undefined;
  // attributes: [] (Sequelize's "join only"): nothing but the keys the loader needs.
  const asked = Array.isArray(o.attributes) && o.attributes.length === 0 ? { full: false, attrs: [], columns: '' } : resolveSelection(def, o.attributes, here);
  // An include's rows are instances of its model only: an aliased column there would be dropped, so it is refused.
  if ('extras' in asked && asked.extras !== undefined) throw new UsageError(`${here}: aliased attributes ([fn(…), 'alias'], ['name', 'alias']) are read on the top-level model only; move them to the find's attributes (col('${o.as ?? 'alias'}.attribute') names this include)`);
  const selection = withKeys(def, asked, [...keysNeeded(assoc, def), ...parentKeys(def, children)]);
  const through = assoc.kind === 'belongsToMany' ? throughOf(assoc, o.through, here, alias, counter) : undefined;
  if (joined !== undefined) throw new UsageError(`${here}: the to-many include "${joined.as}" under a lateral include cannot be joined (separate: false / strategy: 'join'); give it strategy: 'lateral' or 'separate'`);
  return {
    assoc, model: assoc.target, def, as: assoc.as, alias,
    where: paranoidWhere(def, o.where as object | undefined, o.paranoid as boolean | undefined),
    // Decided by the caller's where only: the paranoid condition never makes an include required.
    required: o.required === undefined ? o.where !== undefined : o.required === true,
    separate, lateral, selection, children,
    order: o.order === undefined ? [] : (Array.isArray(o.order) && !isSingleTerm(o.order) ? [...o.order] : [o.order]),
    limit: o.limit === undefined ? undefined : checkCount(o.limit, 'limit', here),
    through,
  };
}

/** A to-many include joined into these nodes' rows (directly or under joined to-one ones): it would multiply them. */
function joinedToMany(nodes: readonly IncludeNode[]): IncludeNode | undefined {
  for (const c of nodes) {
    if (c.separate) continue;
    if (c.assoc.isMultiple) return c;
    const deeper = joinedToMany(c.children);
    if (deeper !== undefined) return deeper;
  }
  return undefined;
}

/**
 * `strategy` when given (checked against `separate`), else Sequelize's `separate`: a to-many
 * include is not joined unless `separate: false`, a to-one include is joined unless
 * `separate: true`; an include that says neither takes DEFAULT_STRATEGY.
 */
function strategyOf(assoc: Association, o: Record<string, unknown>, here: string): IncludeStrategy {
  const s = o.strategy;
  if (s !== undefined) {
    if (!STRATEGIES.includes(s as IncludeStrategy)) throw new UsageError(`${here}: strategy must be one of ${STRATEGIES.map((x) => `'${x}'`).join(', ')}; got ${kind(s)}`);
    if (o.separate !== undefined && o.separate !== (s !== 'join')) throw new UsageError(`${here}: separate: ${String(o.separate)} contradicts strategy: '${String(s)}'; give one of them`);
    return s as IncludeStrategy;
  }
  if (o.separate !== undefined) return o.separate ? 'separate' : 'join';
  return DEFAULT_STRATEGY[assoc.kind];
}

/**
 * A paranoid target's soft-deleted rows are left out of the include (the condition goes where
 * the include's own where goes: the JOIN's ON, or the second query), unless `paranoid: false`.
 */
function paranoidWhere(def: ModelDefinition, where: object | undefined, paranoid: boolean | undefined): object | undefined {
  const d = def.deletedAt;
  if (d === undefined || paranoid === false) return where;
  const live = { [d.name]: null };
  return where === undefined ? live : { [Op.and]: [where, live] };
}

/** `['name', 'DESC']` is one order term; `[['name', 'DESC'], 'id']` is two. */
function isSingleTerm(order: unknown[]): boolean {
  return order.length === 2 && typeof order[0] === 'string' && typeof order[1] === 'string' && /^(asc|desc)/i.test(order[1]);
}

function findAssociation(source: Function, o: Record<string, unknown>, what: string): Association {
  const all = associationsOf(source);
  const as = o.as ?? o.association;
  const model = o.model;
  const sourceName = bindingOf(source).definition.modelName;
  if (as !== undefined) {
    if (typeof as !== 'string') throw new UsageError(`${what}: an include's as is a string, got ${kind(as)}`);
    const a = all.get(as);
    if (a === undefined) throw new UsageError(`${what}: ${sourceName} has no association "${as}"; its associations are: ${[...all.keys()].join(', ') || 'none'}`);
    if (model !== undefined && model !== a.target) throw new UsageError(`${what}: the association "${as}" of ${sourceName} leads to ${a.target.name}, not ${(model as Function)?.name ?? kind(model)}`);
    return a;
  }
  if (typeof model !== 'function') throw new UsageError(`${what}: an include needs a model or as`);
  const matches = [...all.values()].filter((a) => a.target === model);
  if (matches.length === 0) throw new UsageError(`${what}: ${model.name} is not associated to ${sourceName}`);
  if (matches.length > 1) throw new UsageError(`${what}: ${model.name} is associated to ${sourceName} several times (${matches.map((a) => a.as).join(', ')}); say which with as`);
  return matches[0];
}

/** The alias path when PostgreSQL can hold it; otherwise a short generated one. */
function aliasFor(path: string, counter: { n: number }): string {
  counter.n++;
  return Buffer.byteLength(path, 'utf8') <= MAX_IDENTIFIER_BYTES - 4 ? path : `_i${counter.n}`;
}

/** The attributes a loader matches rows by: the primary key (to tell an absent row), and the linking key. */
function keysNeeded(a: Association, def: ModelDefinition): AttributeDefinition[] {
  const out = [...def.primaryKeys];
  const link = a.kind === 'hasMany' || a.kind === 'hasOne' ? a.foreignKey : a.targetKey;
  if (def.byName[link]) out.push(def.byName[link]!);
  return out;
}

/**
 * The attributes of a level its includes are matched by (the primary key, and each
 * association's key on this side), so `attributes` that leave them out still load the
 * includes instead of silently finding none.
 */
export function parentKeys(def: ModelDefinition, nodes: readonly IncludeNode[]): AttributeDefinition[] {
  const out = [...def.primaryKeys];
  for (const n of nodes) {
    const a = def.byName[n.assoc.kind === 'belongsTo' ? n.assoc.foreignKey : n.assoc.sourceKey];
    if (a !== undefined && !out.includes(a)) out.push(a);
  }
  return out;
}

export function withKeys(def: ModelDefinition, s: Selection, keys: readonly AttributeDefinition[]): Selection {
  if (s.full || keys.every((k) => s.attrs.includes(k))) return s;
  const chosen = new Set([...s.attrs, ...keys]);
  return resolveSelection(def, def.attributes.filter((a) => chosen.has(a)).map((a) => a.name), def.modelName);
}

function throughOf(a: Association, t: unknown, here: string, alias: string, counter: { n: number }): IncludeNode['through'] {
  const model = a.through!;
  const def = bindingOf(model).definition;
  let o: { attributes?: unknown; where?: unknown } = {};
  if (t !== undefined) {
    if (!isPlainObject(t)) throw new UsageError(`${here}: through takes { attributes, where }`);
    o = t as typeof o;
    for (const k of Object.keys(o)) if (k !== 'attributes' && k !== 'where') throw new UsageError(`${here}: unknown through option ${JSON.stringify(k)}; the options are attributes, where`);
  }
  if (o.where !== undefined && !isPlainObject(o.where)) throw new UsageError(`${here}: through.where must be an object`);
  const none = Array.isArray(o.attributes) && o.attributes.length === 0;
  return { model, def, alias: aliasFor(`${alias}->${def.modelName}`, counter), selection: none ? undefined : resolveSelection(def, o.attributes, `${here} through`), where: o.where as object | undefined };
}
