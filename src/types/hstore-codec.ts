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

/**
 * Parses hstore's output form (`"a"=>"1", "b"=>NULL`). Anything else throws a RangeError
 * naming what was expected, instead of guessing; every loop stops at the end of the text.
 */
export function parseHstore(text: string): Record<string, string | null> {
  const out: Record<string, string | null> = Object.create(null);
  let i = 0;
  const n = text.length;
  const readQuoted = (): string => {
    if (text[i] !== '"') badHstore(text, 'expected a double-quoted key or value');
    let s = '';
    i++; // opening quote
    while (i < n) {
      const c = text[i];
      if (c === '\\') {
        if (i + 1 >= n) break;
        s += text[i + 1];
        i += 2;
        continue;
      }
      if (c === '"') { i++; return s; }
      s += c;
      i++;
    }
    return badHstore(text, 'unterminated string');
  };
  for (;;) {
    while (text[i] === ' ') i++;
    if (i >= n) break;
    const key = readQuoted();
    while (text[i] === ' ') i++;
    if (text[i] !== '=' || text[i + 1] !== '>') badHstore(text, 'expected "=>" after a key');
    i += 2;
    while (text[i] === ' ') i++;
    if (text[i] === '"') out[key] = readQuoted();
    else if (text.startsWith('NULL', i)) { out[key] = null; i += 4; }
    else badHstore(text, 'expected a double-quoted value or NULL after "=>"');
    while (text[i] === ' ') i++;
    if (i >= n) break;
    if (text[i] !== ',') badHstore(text, 'expected "," between pairs');
    i++;
  }
  return { ...out };
}

function badHstore(text: string, reason: string): never {
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  throw new RangeError(`Cannot read ${JSON.stringify(shown)} as an hstore value: ${reason}`);
}
