/**
 * A Date as PostgreSQL's input functions read it, in UTC, for every year a Date can hold.
 * Years 1–9999 are `toISOString()`'s text. Outside them, toISOString writes `+010000-…` or
 * `-000043-…`, which PostgreSQL refuses, so the year is spelled as it reads years: as many
 * digits as needed, and ' BC' before year 1 (JavaScript's year 0 is 1 BC, -43 is 44 BC).
 * Neither driver is left to format a Date: PGlite sends toISOString's form (refused past
 * 9999), pg formats in the process's local zone.
 *
 * @example
 * timestampText(new Date('+010000-01-01T00:00:00Z')); // '10000-01-01T00:00:00.000+00'
 * timestampText(new Date('-000043-03-15T12:00:00Z')); // '0044-03-15T12:00:00.000+00 BC'
 */
export function timestampText(d: Date): string {
  const year = d.getUTCFullYear();
  const iso = d.toISOString();
  if (year >= 1 && year <= 9999) return iso;
  // The year ('±YYYYYY', or '0000' for year 0), then '-MM-DDTHH:MM:SS.mmmZ'.
  return `${yearText(year)}${iso.slice(iso.indexOf('-', 1), -1)}+00${year < 1 ? ' BC' : ''}`;
}

/** The UTC day of a Date as DATE input: 'YYYY-MM-DD', with the year spelled as timestampText does. */
export function dateText(d: Date): string {
  const year = d.getUTCFullYear();
  const iso = d.toISOString();
  if (year >= 1 && year <= 9999) return iso.slice(0, 10);
  const at = iso.indexOf('-', 1);
  return `${yearText(year)}${iso.slice(at, at + 6)}${year < 1 ? ' BC' : ''}`;
}

function yearText(year: number): string {
  return String(year < 1 ? 1 - year : year).padStart(4, '0');
}
