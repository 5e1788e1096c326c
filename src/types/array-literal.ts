/**
 * Parses PostgreSQL's text form of an array (`{1,2,NULL}`, `{"a b","c\"d"}`, nested
 * `{{1,2},{3,4}}`), applying `element` to each non-null item.
 */
export function parseArrayLiteral(text: string, element: (s: string) => unknown): unknown[] {
  let i = 0;
  // Arrays with explicit bounds start with "[1:2]={...}".
  if (text[0] === '[') i = text.indexOf('=') + 1;
  const parse = (): unknown[] => {
    const out: unknown[] = [];
    i++; // '{'
    if (text[i] === '}') { i++; return out; }
    for (;;) {
      const c = text[i];
      if (c === '{') out.push(parse());
      else if (c === '"') {
        let s = '';
        i++;
        while (text[i] !== '"') {
          if (text[i] === '\\') i++;
          s += text[i++];
        }
        i++;
        out.push(element(s));
      } else {
        let j = i;
        while (text[j] !== ',' && text[j] !== '}') j++;
        const raw = text.slice(i, j);
        i = j;
        out.push(raw === 'NULL' ? null : element(raw));
      }
      if (text[i] === ',') { i++; continue; }
      i++; // '}'
      return out;
    }
  };
  return parse();
}

/**
 * Writes PostgreSQL's text form of an array from element parameters (what each element
 * type's `toParam` returned). Arrays are bound as this text rather than as JS arrays, so
 * both drivers send the same thing whatever the element type (PGlite has no serializer for
 * arrays of enums, whose OIDs are not fixed).
 */
export function toArrayLiteral(list: readonly unknown[]): string {
  let out = '{';
  for (let i = 0; i < list.length; i++) {
    if (i > 0) out += ',';
    const v = list[i];
    if (v === null || v === undefined) out += 'NULL';
    else if (Array.isArray(v)) out += toArrayLiteral(v);
    else out += quoteElement(elementText(v));
  }
  return out + '}';
}

function elementText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (v instanceof Date) return v.toISOString();
  if (Buffer.isBuffer(v)) return `\\x${v.toString('hex')}`;
  return String(v);
}

function quoteElement(s: string): string {
  return `"${s.replace(/[\\"]/g, '\\$&')}"`;
}
