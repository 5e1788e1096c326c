import { timestampText } from './date-text';

/** PostgreSQL's MAXDIM: no array has more dimensions. */
const MAX_DIMENSIONS = 6;

/**
 * Parses PostgreSQL's text form of an array (`{1,2,NULL}`, `{"a b","c\"d"}`, nested
 * `{{1,2},{3,4}}`, `[0:1]={1,2}`), applying `element` to each non-null item. Input of
 * another shape throws a RangeError naming what was expected: every loop stops at the
 * end of the text.
 */
export function parseArrayLiteral(text: string, element: (s: string) => unknown): unknown[] {
  const n = text.length;
  let i = 0;
  // Arrays with explicit bounds start with "[1:2]={...}".
  if (text[0] === '[') {
    i = text.indexOf('=') + 1;
    if (i === 0) badArray(text, 'bounds without "="');
  }
  const parse = (depth: number): unknown[] => {
    if (text[i] !== '{') badArray(text, 'expected "{"');
    if (depth > MAX_DIMENSIONS) badArray(text, `more than ${MAX_DIMENSIONS} dimensions`);
    const out: unknown[] = [];
    i++;
    if (text[i] === '}') { i++; return out; }
    for (;;) {
      if (i >= n) badArray(text, 'unterminated');
      const c = text[i];
      if (c === '{') out.push(parse(depth + 1));
      else if (c === '"') {
        let s = '';
        i++;
        for (;;) {
          if (i >= n) badArray(text, 'unterminated quoted element');
          const q = text[i];
          if (q === '"') break;
          if (q === '\\' && ++i >= n) badArray(text, 'unterminated quoted element');
          s += text[i++];
        }
        i++;
        out.push(element(s));
      } else {
        let j = i;
        while (j < n && text[j] !== ',' && text[j] !== '}') j++;
        if (j === i) badArray(text, 'empty element');
        const raw = text.slice(i, j);
        i = j;
        out.push(raw === 'NULL' ? null : element(raw));
      }
      if (text[i] === ',') { i++; continue; }
      if (text[i] === '}') { i++; return out; }
      badArray(text, i >= n ? 'unterminated' : 'expected "," or "}"');
    }
  };
  const out = parse(1);
  if (i !== n) badArray(text, 'text after the closing "}"');
  return out;
}

function badArray(text: string, reason: string): never {
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  throw new RangeError(`Cannot read ${JSON.stringify(shown)} as a PostgreSQL array literal: ${reason}`);
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
  if (v instanceof Date) return timestampText(v);
  if (Buffer.isBuffer(v)) return `\\x${v.toString('hex')}`;
  return String(v);
}

function quoteElement(s: string): string {
  return `"${s.replace(/[\\"]/g, '\\$&')}"`;
}
