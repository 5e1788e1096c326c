import { parseArrayLiteral } from './array-literal';
import { parseHstore } from './hstore-codec';

/** What the catalog says about a type whose OID is not fixed (extension types, enums). */
export interface CatalogType {
  typname: string;
  /** 'A' for arrays. */
  typcategory: string;
  /** The element type's name, for arrays. */
  elemname: string | null;
}

/** OIDs at or above this are created at run time (extensions, enums), so they differ per database. */
export const FIRST_DYNAMIC_OID = 16384;

/** The catalog query that describes dynamic types, by OID. */
export const CATALOG_TYPES_SQL =
  'SELECT t.oid::int AS oid, t.typname::text AS typname, t.typcategory::text AS typcategory, e.typname::text AS elemname ' +
  'FROM pg_type t LEFT JOIN pg_type e ON e.oid = t.typelem AND t.typcategory = \'A\' WHERE t.oid = ANY($1::oid[])';

const identity = (s: string): string => s;

/**
 * A parser for a dynamic type: HSTORE becomes an object, arrays of enums, CITEXT or
 * HSTORE become arrays; anything else stays text (undefined: no parser needed).
 */
export function parserForCatalogType(t: CatalogType): ((text: string) => unknown) | undefined {
  if (t.typname === 'hstore') return parseHstore;
  if (t.typcategory === 'A') {
    const element = t.elemname === 'hstore' ? parseHstore : identity;
    return (s: string) => parseArrayLiteral(s, element);
  }
  return undefined;
}
