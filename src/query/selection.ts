import { UsageError } from '../errors';
import type { AttributeDefinition, ModelDefinition } from '../metadata/definition';
import { isPlainObject, kind, unknownAttribute } from './where';

/** Which attributes a find reads: all (`full`), or a subset in definition order. */
export interface Selection {
  readonly full: boolean;
  readonly attrs: readonly AttributeDefinition[];
  /** The quoted column list, in definition order. */
  readonly columns: string;
}

/**
 * Resolves `attributes`: an array of attribute names, or `{ exclude: [...] }`. Columns are
 * read in definition order whatever order the names were given in; every name must be
 * one of the model's attributes (UnknownAttributeError otherwise).
 */
export function resolveSelection(def: ModelDefinition, attributes: unknown, what: string): Selection {
  if (attributes === undefined) return { full: true, attrs: def.attributes, columns: def.selectList };
  let chosen: Set<AttributeDefinition>;
  if (Array.isArray(attributes)) {
    if (attributes.length === 0) throw new UsageError(`${what}: attributes is empty; name at least one attribute (or leave it out for all)`);
    chosen = new Set(attributes.map((n) => attributeNamed(def, n, what)));
  } else if (isPlainObject(attributes) && Object.keys(attributes).length === 1 && Array.isArray((attributes as { exclude?: unknown }).exclude)) {
    const excluded = new Set((attributes as { exclude: unknown[] }).exclude.map((n) => attributeNamed(def, n, what)));
    chosen = new Set(def.attributes.filter((a) => !excluded.has(a)));
    if (chosen.size === 0) throw new UsageError(`${what}: attributes.exclude leaves no attribute to read`);
  } else throw new UsageError(`${what}: attributes takes an array of attribute names or { exclude: [names] }; got ${kind(attributes)}`);
  const attrs = def.attributes.filter((a) => chosen.has(a));
  if (attrs.length === def.attributes.length) return { full: true, attrs: def.attributes, columns: def.selectList };
  return { full: false, attrs, columns: attrs.map((a) => a.quotedColumn).join(', ') };
}

function attributeNamed(def: ModelDefinition, name: unknown, what: string): AttributeDefinition {
  if (typeof name !== 'string') throw new UsageError(`${what}: attributes are named with strings (aliases and SQL functions are not supported); got ${kind(name)}`);
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
