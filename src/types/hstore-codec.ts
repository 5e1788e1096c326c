/**
 * HSTORE text codec. pg-hstore's escaping is written for SQL literals (it doubles `'`),
 * which corrupts bound parameters; this codec escapes exactly what hstore's own input
 * syntax needs (`"` and `\`) and parses hstore's output form.
 */
export function stringifyHstore(map: Record<string, string | null>): string {
  let out = '';
  for (const key of Object.keys(map)) {
    const value = map[key];
    if (out) out += ',';
    out += `"${escape(key)}"=>${value === null ? 'NULL' : `"${escape(value)}"`}`;
  }
  return out;
}

function escape(s: string): string {
  return s.replace(/["\\]/g, '\\$&');
}

export function parseHstore(text: string): Record<string, string | null> {
  const out: Record<string, string | null> = Object.create(null);
  let i = 0;
  const n = text.length;
  const readQuoted = (): string => {
    let s = '';
    i++; // opening quote
    while (i < n) {
      const c = text[i];
      if (c === '\\') { s += text[i + 1]; i += 2; continue; }
      if (c === '"') { i++; return s; }
      s += c;
      i++;
    }
    throw new SyntaxError('unterminated hstore string');
  };
  while (i < n) {
    while (text[i] === ' ' || text[i] === ',') i++;
    if (i >= n) break;
    const key = readQuoted();
    i += 2; // =>
    if (text[i] === '"') out[key] = readQuoted();
    else { out[key] = null; i += 4; }
  }
  return { ...out };
}
