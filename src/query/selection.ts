import { UsageError } from '../errors';
import type { AttributeDefinition, ModelDefinition } from '../metadata/definition';
import { quoteIdent } from '../sql/quote';
import { isExpression } from './expressions';
import { compileExpression } from './expression-sql';
import type { SqlScope } from './expression-sql';
import { isPlainObject, kind, unknownAttribute } from './where';

/** A column read under an alias: `COUNT("id") AS "n"`, or a renamed attribute `"name" AS "label"`. */
export interface ExtraColumn {
  readonly alias: string;
  /** The attribute when the column is a renamed attribute: its value is read through the attribute's type. */
  readonly attr?: AttributeDefinition;
}

/** Which attributes a find reads: all (`full`), or a subset in definition order, then any aliased columns. */
export interface Selection {
  readonly full: boolean;
  readonly attrs: readonly AttributeDefinition[];
  /** The quoted column list, in definition order, then the aliased columns. */
  readonly columns: string;
  /** Aliased columns after `attrs` (`[fn('COUNT', col('id')), 'n']`, `['name', 'label']`), in the order given. */
  readonly extras?: readonly ExtraColumn[];
  /** Alias → its SQL, for `having` and `order` by alias. */
  readonly aliases?: ReadonlyMap<string, string>;
}

/**
 * Resolves `attributes`, as Sequelize takes them:
 * - `['a', 'b']`: those attributes (read in definition order);
 * - `['a', ['b', 'label'], [fn('COUNT', col('id')), 'n']]`: also renamed attributes and expressions under an alias;
 * - `{ exclude: ['a'] }`, `{ include: [[fn(…), 'n']] }`, or both: all attributes but `exclude`, plus `include`.
 * Every name must be one of the model's attributes (UnknownAttributeError otherwise).
 * Values inside expressions are bound onto `values` (so call this before compiling the where).
 */
export function resolveSelection(def: ModelDefinition, attributes: unknown, what: string, values?: unknown[], scope?: Pick<SqlScope, 'columnOf'>): Selection {
  if (attributes === undefined) return { full: true, attrs: def.attributes, columns: def.selectList };
  const chosen = new Set<AttributeDefinition>();
  const extras: { alias: string; sql: string; attr?: AttributeDefinition }[] = [];
  const bound = values ?? [];
  const add = (item: unknown) => {
    if (Array.isArray(item)) extras.push(aliased(def, item, what, bound, scope));
    else chosen.add(attributeNamed(def, item, what));
  };
  if (Array.isArray(attributes)) {
    if (attributes.length === 0) throw new UsageError(`${what}: attributes is empty; name at least one attribute (or leave it out for all)`);
    attributes.forEach(add);
  } else if (isPlainObject(attributes)) {
    const o = attributes as { include?: unknown; exclude?: unknown };
    const unknown = Object.keys(o).filter((k) => k !== 'include' && k !== 'exclude');
    if (unknown.length > 0 || (o.include === undefined && o.exclude === undefined)) throw new UsageError(`${what}: attributes as an object takes { include: [...], exclude: [...] }; got ${kind(attributes)}`);
    if (o.exclude !== undefined && !Array.isArray(o.exclude)) throw new UsageError(`${what}: attributes.exclude must be an array of attribute names`);
    if (o.include !== undefined && !Array.isArray(o.include)) throw new UsageError(`${what}: attributes.include must be an array`);
    const excluded = new Set(((o.exclude ?? []) as unknown[]).map((n) => attributeNamed(def, n, what)));
    for (const a of def.attributes) if (!excluded.has(a)) chosen.add(a);
    ((o.include ?? []) as unknown[]).forEach(add);
    if (chosen.size === 0 && extras.length === 0) throw new UsageError(`${what}: attributes.exclude leaves no attribute to read`);
  } else throw new UsageError(`${what}: attributes takes an array of attribute names or { include, exclude }; got ${kind(attributes)}`);
  if (values === undefined && bound.length > 0) throw new UsageError(`${what}: values inside attributes are not supported here`);
  const attrs = chosen.size === def.attributes.length ? def.attributes : def.attributes.filter((a) => chosen.has(a));
  const full = attrs.length === def.attributes.length;
  let columns = full ? def.selectList : attrs.map((a) => a.quotedColumn).join(', ');
  if (extras.length === 0) return { full, attrs, columns };
  const list = extras.map((e) => `${e.sql} AS ${quoteIdent(e.alias)}`).join(', ');
  columns = columns === '' ? list : `${columns}, ${list}`;
  return { full, attrs, columns, extras: extras.map((e) => ({ alias: e.alias, attr: e.attr })), aliases: new Map(extras.map((e) => [e.alias, e.sql])) };
}

/** `['name', 'label']` or `[fn(…), 'n']`. */
function aliased(def: ModelDefinition, item: unknown[], what: string, values: unknown[], scope?: Pick<SqlScope, 'columnOf'>): { alias: string; sql: string; attr?: AttributeDefinition } {
  const [source, alias] = item;
  if (item.length !== 2 || typeof alias !== 'string' || alias.length === 0) throw new UsageError(`${what}: an aliased attribute is [attribute or fn()/col()/literal(), 'alias']; got ${kind(item)}`);
  if (def.byName[alias] !== undefined && source !== alias) throw new UsageError(`${what}: the alias ${JSON.stringify(alias)} is already an attribute of ${def.modelName}`);
  if (isExpression(source)) return { alias, sql: compileExpression({ def, what, values, columnOf: scope?.columnOf }, source) };
  const a = attributeNamed(def, source, what);
  return { alias, sql: a.quotedColumn, attr: a };
}

function attributeNamed(def: ModelDefinition, name: unknown, what: string): AttributeDefinition {
  if (typeof name !== 'string') throw new UsageError(`${what}: attributes are attribute names, [name, 'alias'] or [fn(…), 'alias']; got ${kind(name)}`);
  const a = def.byName[name];
  if (a === undefined) throw unknownAttribute({ def, what }, name, 'attributes');
  return a;
}

/** A LIMIT or OFFSET value: a non-negative safe integer (it is bound, never spliced). */
export function checkCount(value: unknown, option: 'limit' | 'offset', what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new UsageError(`${what}: ${option} must be a non-negative integer, got ${kind(value)}`);
  }
  return value;
}
