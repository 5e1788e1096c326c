/**
 * COPY's binary format (`COPY … FROM STDIN WITH (FORMAT binary)`): a header, then per row a
 * field count and each field as a length and the bytes of the type's binary input (its
 * `recv` function), then a trailer. No escaping exists in this format, and the server does
 * no text parsing, which is most of COPY's cost for timestamps and numbers.
 */
export class CopyWriter {
  buf: Buffer;
  pos = 0;

  constructor(size = 1 << 16) {
    this.buf = Buffer.allocUnsafe(size);
  }

  /** Room for `n` more bytes. */
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const grown = Buffer.allocUnsafe(size);
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
  }

  int16(v: number): void {
    this.ensure(2);
    this.pos = this.buf.writeInt16BE(v, this.pos);
  }

  /** A field: its length, then its bytes follow. */
  length(n: number): void {
    this.ensure(4 + n);
    this.pos = this.buf.writeInt32BE(n, this.pos);
  }

  null(): void {
    this.ensure(4);
    this.pos = this.buf.writeInt32BE(-1, this.pos);
  }

  /** A text field (text, varchar, json, enum): its UTF-8 bytes. */
  text(s: string, prefix = -1): void {
    const extra = prefix < 0 ? 0 : 1;
    const len = s.length;
    this.ensure(4 + extra + len * 3);
    const buf = this.buf;
    const at = this.pos;
    let p = at + 4;
    if (prefix >= 0) buf[p++] = prefix;
    let n = 0;
    // Short ASCII text (most names, emails, codes) is copied byte by byte: cheaper than a call into the encoder.
    if (len < 64) {
      while (n < len) {
        const c = s.charCodeAt(n);
        if (c > 0x7f) break;
        buf[p + n++] = c;
      }
    }
    if (n < len) n = buf.write(s, p, 'utf8');
    buf.writeInt32BE(n + extra, at);
    this.pos = p + n;
  }

  bytes(b: Uint8Array): void {
    this.length(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** The bytes written so far, in a Buffer of their own; the writer starts again. */
  take(): Buffer {
    const out = Buffer.from(this.buf.subarray(0, this.pos));
    this.pos = 0;
    return out;
  }
}

/** `PGCOPY\n\377\r\n\0`, no flags, no header extension. */
export const COPY_BINARY_HEADER = Buffer.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]);
/** The field count -1 that ends the data. */
export const COPY_BINARY_TRAILER = Buffer.from([0xff, 0xff]);

/** Microseconds between the Unix epoch and PostgreSQL's (2000-01-01). */
const PG_EPOCH_MS = 946_684_800_000;
const DAY_MS = 86_400_000;
/** Exactly what `Date#toISOString` writes (what DateType.toParam makes of a Date in years 1–9999; other years go as text). */
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** What DateType.toParam makes of a Date in other years (timestampText): the year spelled out, ' BC' before year 1. */
const FAR_UTC = /^(\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{3})\+00( BC)?$/;

/** timestamptz: microseconds since 2000-01-01 UTC; false for text it does not read exactly as the server would. */
export function writeTimestamp(w: CopyWriter, param: unknown): boolean {
  let ms: number;
  if (param instanceof Date) ms = param.getTime();
  else if (typeof param === 'string' && ISO_UTC.test(param)) ms = Date.parse(param);
  else if (typeof param === 'string' && FAR_UTC.test(param)) ms = farTime(FAR_UTC.exec(param)!);
  else return false; // 'infinity', or text with its own zone or precision: COPY's text format reads it as the server does
  if (Number.isNaN(ms)) return false;
  w.length(8);
  w.pos = w.buf.writeBigInt64BE(BigInt(ms - PG_EPOCH_MS) * 1000n, w.pos);
  return true;
}

/** The time of a FAR_UTC match, NaN for a field out of range (the text path lets the server say so). */
function farTime(m: RegExpExecArray): number {
  const year = m[8] === undefined ? Number(m[1]) : 1 - Number(m[1]);
  const month = Number(m[2]) - 1, day = Number(m[3]);
  const d = new Date(0);
  // setUTCFullYear: Date.UTC would read years 0–99 as 1900–1999.
  d.setUTCFullYear(year, month, day);
  const t = d.setUTCHours(Number(m[4]), Number(m[5]), Number(m[6]), Number(m[7]));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month && d.getUTCDate() === day && Number(m[4]) < 24 && Number(m[5]) < 60 && Number(m[6]) < 60 ? t : NaN;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** date: days since 2000-01-01; the infinities as PostgreSQL stores them. */
export function writeDate(w: CopyWriter, param: unknown): boolean {
  if (param === 'infinity' || param === '-infinity') {
    w.length(4);
    w.pos = w.buf.writeInt32BE(param === 'infinity' ? 0x7fffffff : -0x80000000, w.pos);
    return true;
  }
  const m = typeof param === 'string' ? DAY.exec(param) : null;
  if (m === null) return false;
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  // setUTCFullYear, not Date.UTC, which reads years 0-99 as 1900-1999.
  const check = new Date(0);
  const t = check.setUTCFullYear(y, mo - 1, d);
  // 2021-02-30 would roll over to March; the server refuses it. Text lets the server say so.
  if (y < 1 || check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return false;
  w.length(4);
  w.pos = w.buf.writeInt32BE(Math.round((t - PG_EPOCH_MS) / DAY_MS), w.pos);
  return true;
}
