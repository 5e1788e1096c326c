/**
 * Parses PostgreSQL's ISO output of TIMESTAMPTZ / TIMESTAMP ('2026-11-24 20:51:32.123456+00',
 * offsets like +05:30 or +05:30:12, years past 9999 or before 100, ' BC', 'infinity').
 * TIMESTAMP without zone is read as UTC. Sub-millisecond digits are truncated (JS Dates
 * hold milliseconds).
 */
export function parseTimestamp(text: string): Date | number {
  if (text === 'infinity') return Infinity;
  if (text === '-infinity') return -Infinity;
  let i = text.indexOf('-', 1);
  let year = Number(text.slice(0, i));
  const month = Number(text.slice(i + 1, i + 3)) - 1;
  const day = Number(text.slice(i + 4, i + 6));
  i += 7;
  const hour = Number(text.slice(i, i + 2));
  const minute = Number(text.slice(i + 3, i + 5));
  const second = Number(text.slice(i + 6, i + 8));
  i += 8;
  let ms = 0;
  if (text.charCodeAt(i) === 46 /* . */) {
    let j = i + 1;
    while (j < text.length && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
    ms = Number((text.slice(i + 1, j) + '00').slice(0, 3));
    i = j;
  }
  let offsetSeconds = 0;
  const sign = text.charCodeAt(i);
  if (sign === 43 /* + */ || sign === 45 /* - */) {
    const parts = text.slice(i + 1).split(' ')[0].split(':');
    offsetSeconds = Number(parts[0]) * 3600 + Number(parts[1] ?? 0) * 60 + Number(parts[2] ?? 0);
    if (sign === 45) offsetSeconds = -offsetSeconds;
  }
  if (text.endsWith(' BC')) year = 1 - year;
  const date = new Date(Date.UTC(2000, month, day, hour, minute, second, ms) - offsetSeconds * 1000);
  date.setUTCFullYear(year, month, day);
  return date;
}
