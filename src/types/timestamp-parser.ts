/**
 * Parses PostgreSQL's ISO output of TIMESTAMPTZ / TIMESTAMP ('2026-11-24 20:51:32.123456+00',
 * offsets like +05:30 or +05:30:12, years past 9999 or before 100, ' BC', 'infinity').
 * TIMESTAMP without zone is read as UTC. Sub-millisecond digits are truncated (JS Dates
 * hold milliseconds). Hot: it runs for every timestamp of every row read, so it reads
 * character codes instead of slicing strings.
 */
export function parseTimestamp(text: string): Date | number {
  const n = text.length;
  if (n < 19) {
    if (text === 'infinity') return Infinity;
    if (text === '-infinity') return -Infinity;
  }
  let i = 0;
  let year = 0;
  for (let c = text.charCodeAt(0); c !== 45 /* - */; c = text.charCodeAt(++i)) year = year * 10 + c - 48;
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
      if (text.charCodeAt(i) === 58) offsetSeconds += two(text, i + 1);
    }
    if (sign === 45) offsetSeconds = -offsetSeconds;
  }
  if (text.charCodeAt(n - 1) === 67 /* C */ && text.endsWith(' BC')) year = 1 - year;
  if (year >= 100) return new Date(Date.UTC(year, month, day, hour, minute, second, ms) - offsetSeconds * 1000);
  // Date.UTC maps years 0–99 to 1900–1999; set the year explicitly.
  const date = new Date(Date.UTC(2000, month, day, hour, minute, second, ms) - offsetSeconds * 1000);
  date.setUTCFullYear(date.getUTCFullYear() - 2000 + year);
  return date;
}

function two(s: string, i: number): number {
  return (s.charCodeAt(i) - 48) * 10 + s.charCodeAt(i + 1) - 48;
}
