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
