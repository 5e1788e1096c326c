import { createHash } from 'node:crypto';

/** PostgreSQL truncates identifiers longer than this many bytes (NAMEDATALEN - 1). */
export const MAX_IDENTIFIER_BYTES = 63;

/**
 * The one function that quotes identifiers: `"name"`, with embedded quotes doubled.
 * Names PostgreSQL would silently truncate or cannot hold are refused.
 */
export function quoteIdent(name: string): string {
  checkIdentifier(name);
  return `"${name.replace(/"/g, '""')}"`;
}

/** `"schema"."table"`, or `"table"` without a schema. */
export function quoteTable(table: string, schema?: string): string {
  return schema ? `${quoteIdent(schema)}.${quoteIdent(table)}` : quoteIdent(table);
}

export function checkIdentifier(name: string): void {
  if (typeof name !== 'string' || name.length === 0) throw new TypeError('An identifier must be a non-empty string');
  if (name.includes('\u0000')) throw new TypeError(`The identifier ${JSON.stringify(name)} contains a NUL character`);
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes > MAX_IDENTIFIER_BYTES) {
    throw new RangeError(`The identifier ${JSON.stringify(name)} is ${bytes} bytes long; PostgreSQL would silently cut it to ${MAX_IDENTIFIER_BYTES}. Use a shorter name (tableName, field or index name).`);
  }
}

/**
 * A generated name (constraint, index, enum type): `<base>_<suffix>`, or, when that is
 * longer than the 63 bytes PostgreSQL keeps, the base cut (by UTF-8 bytes, never splitting
 * a character) followed by `_<8 hex digits of a hash of the full name>_<suffix>`. Cutting
 * alone made distinct names equal (`<63-byte table>_pkey` became the table's own name;
 * `…_key` and `…_fkey` of one column became one name), and sync failed late; the hash
 * keeps them apart and is the same on every run, so sync finds the names it created.
 * Only generated names are changed; names a user gives are checked (checkIdentifier).
 */
export function limitIdentifier(base: string, suffix: string): string {
  const full = suffix === '' ? base : `${base}_${suffix}`;
  if (Buffer.byteLength(full, 'utf8') <= MAX_IDENTIFIER_BYTES) return full;
  const hash = createHash('sha256').update(full, 'utf8').digest('hex').slice(0, 8);
  const tail = suffix === '' ? `_${hash}` : `_${hash}_${suffix}`;
  return cutToBytes(base, MAX_IDENTIFIER_BYTES - Buffer.byteLength(tail, 'utf8')) + tail;
}

function cutToBytes(s: string, max: number): string {
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (bytes + n > max) break;
    out += ch;
    bytes += n;
  }
  return out;
}

/**
 * A string literal for DDL, where bound parameters are not allowed (column DEFAULTs,
 * COMMENT ON). The E'' form escapes `\` and `'` the same way whatever the server's
 * standard_conforming_strings setting is.
 */
export function quoteLiteral(value: string): string {
  if (value.includes('\u0000')) throw new TypeError('A SQL literal cannot contain a NUL character');
  return `E'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}
