/**
 * Parses PostgreSQL's ISO output of TIMESTAMPTZ / TIMESTAMP ('2026-11-24 20:51:32.123456+00',
 * offsets like +05:30 or +05:30:12, years past 9999 or before 100, ' BC', 'infinity').
 * A value without an offset (TIMESTAMP) is read as UTC. Sub-millisecond digits are
 * truncated (JS Dates hold milliseconds). Hot: it runs for every timestamp of every row
 * read, so it reads character codes instead of slicing strings.
 *
 * Anything else (another DateStyle, garbage) throws a RangeError that says so: every loop
 * is bounded by the text's length, and every digit and separator is checked.
 */
export function parseTimestamp(text: string): Date | number {
  const n = text.length;
  if (n < 19) {
    if (text === 'infinity') return Infinity;
    if (text === '-infinity') return -Infinity;
    return notIso(text);
  }
  let i = 0;
  let year = 0;
  for (let c = text.charCodeAt(0); c >= 48 && c <= 57; c = text.charCodeAt(++i)) year = year * 10 + c - 48;
  // At least four year digits, then YYYY-MM-DD HH:MM:SS with these separators.
  if (i < 4 || i + 15 > n || text.charCodeAt(i) !== 45 /* - */ || text.charCodeAt(i + 3) !== 45 || text.charCodeAt(i + 6) !== 32 /* space */ ||
      text.charCodeAt(i + 9) !== 58 /* : */ || text.charCodeAt(i + 12) !== 58) {
    return notIso(text);
  }
  const month = two(text, i + 1) - 1;
  const day = two(text, i + 4);
  i += 7;
  const hour = two(text, i);
  const minute = two(text, i + 3);
  const second = two(text, i + 6);
  i += 8;
  let ms = 0;
  if (text.charCodeAt(i) === 46 /* . */) {
    let scale = 100;
    for (let c = text.charCodeAt(++i); c >= 48 && c <= 57; c = text.charCodeAt(++i)) {
      ms += (c - 48) * scale;
      scale /= 10;
    }
    ms = Math.floor(ms);
  }
  let offsetSeconds = 0;
  const sign = text.charCodeAt(i);
  if (sign === 43 /* + */ || sign === 45 /* - */) {
    offsetSeconds = two(text, i + 1) * 3600;
    i += 3;
    if (text.charCodeAt(i) === 58 /* : */) {
      offsetSeconds += two(text, i + 1) * 60;
      i += 3;
      if (text.charCodeAt(i) === 58) {
        offsetSeconds += two(text, i + 1);
        i += 3;
      }
    }
    if (sign === 45) offsetSeconds = -offsetSeconds;
  }
  if (i !== n) {
    if (i + 3 === n && text.charCodeAt(i) === 32 && text.charCodeAt(i + 1) === 66 /* B */ && text.charCodeAt(i + 2) === 67 /* C */) year = 1 - year;
    else return notIso(text);
  }
  if (month > 11 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return notIso(text);
  // two() is NaN for a non-digit, and NaN reaches the Date: one check covers every field.
  let time: number;
  if (year >= 100) time = Date.UTC(year, month, day, hour, minute, second, ms) - offsetSeconds * 1000;
  else {
    // Date.UTC maps years 0–99 to 1900–1999; set the year explicitly.
    const d = new Date(Date.UTC(2000, month, day, hour, minute, second, ms) - offsetSeconds * 1000);
    time = d.setUTCFullYear(d.getUTCFullYear() - 2000 + year);
  }
  if (time !== time) return notIso(text);
  return new Date(time);
}

/** Two decimal digits at `i`, or NaN. */
function two(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : NaN;
}

function notIso(text: string): never {
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  throw new RangeError(
    `Cannot read ${JSON.stringify(shown)} as a timestamp: expected PostgreSQL's ISO output (YYYY-MM-DD HH:MM:SS[.ffffff][+HH[:MM]]). ` +
      'Inscribe sets DateStyle=ISO on its connections; a SET DateStyle in your own SQL changes it for that session.',
  );
}
