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
 * A generated name (index, constraint) cut to what PostgreSQL keeps (63 bytes), never
 * splitting a character. Only generated names are cut; names a user gives are checked.
 */
export function limitIdentifier(name: string): string {
  if (Buffer.byteLength(name, 'utf8') <= MAX_IDENTIFIER_BYTES) return name;
  let out = '';
  let bytes = 0;
  for (const ch of name) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (bytes + n > MAX_IDENTIFIER_BYTES) break;
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
