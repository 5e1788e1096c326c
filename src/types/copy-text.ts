import { TypeCheck } from './data-type';
import { timestampText } from './date-text';

/** The characters COPY's text format gives a meaning to (and NUL, which no text can hold). */
const SPECIAL = /[\\\n\r\t\u0000]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * One field of `COPY … FROM STDIN` in text format, from a value a type's `toParam` returned:
 * the text PostgreSQL's input function reads for that type (the very text a bound parameter
 * carries on the INSERT path), then COPY's own escapes for backslash, newline, carriage
 * return and tab. Null is `\N`. The server parses it with the column type's input function,
 * exactly as it parses a bound parameter, so both paths store the same value.
 */
export function copyTextField(param: unknown): string {
  if (param === null || param === undefined) return '\\N';
  let text: string;
  switch (typeof param) {
    case 'string': text = param; break;
    case 'number': return String(param); // NaN, Infinity and -Infinity are spelled as float8in reads them
    case 'boolean': return param ? 't' : 'f';
    case 'bigint': return String(param);
    default:
      // bytea's hex form; its backslash is escaped like any other.
      if (Buffer.isBuffer(param)) return `\\\\x${param.toString('hex')}`;
      if (param instanceof Date) text = timestampText(param); // what DateType.toParam sends on the INSERT path
      else throw new TypeError(`copyTextField: no text form for ${Object.prototype.toString.call(param)}`);
  }
  if (!SPECIAL.test(text)) return text;
  // Text types refuse NUL in toParam already; this keeps any other path from sending one.
  if (text.indexOf('\u0000') !== -1) throw new TypeCheck('contains a NUL character (\\u0000), which PostgreSQL cannot store in text');
  return text.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c]);
}
