import type { Executor } from '../driver/executor';
import { refKey } from './spec';
import type { ActualSchema, ColumnSpec, DesiredSchema, TableSpec } from './spec';

/**
 * Comparing column DEFAULTs. PostgreSQL stores a default as an expression tree and prints it
 * its own way (`E'a'::VARCHAR(255)` comes back as `'a'::character varying`), so text rarely
 * matches. Expressions that are calls (CURRENT_TIMESTAMP, gen_random_uuid()) are compared as
 * text without quotes, parentheses or spaces; literals are compared by value, in one query
 * that evaluates both sides cast to the column's type.
 */

/** A literal the catalog printed: `'…'`, a number, true/false/NULL, then casts. Safe to evaluate. */
const LITERAL = String.raw`(?:E?'(?:[^']|'')*'|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|NULL)`;
const TYPE_NAME = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_ ]*)`;
const CAST = String.raw`::${TYPE_NAME}(?:\.${TYPE_NAME})?(?:\(\d+(?:,\s*\d+)?\))?(?:\[\])?`;
const CATALOG_LITERAL = new RegExp(`^${LITERAL}(?:${CAST})*$`);

function normalised(expression: string): string {
  return expression.replace(/[\s()"]/g, '').toLowerCase();
}

export function defaultKey(table: TableSpec, column: ColumnSpec): string {
  return `${refKey(table.ref)}\u0000${column.name}`;
}

/** Whether the wanted and live defaults are the same expression, given the evaluated literals. */
export function sameDefault(wanted: string | undefined, actual: string | undefined, evaluatedEqual: boolean): boolean {
  if (wanted === undefined || actual === undefined) return wanted === actual;
  return normalised(wanted) === normalised(actual) || evaluatedEqual;
}

/**
 * One query that compares every literal default whose text differs from the catalog's;
 * returns the keys (`defaultKey`) of those that are equal in value.
 */
export async function equalLiteralDefaults(db: Executor, desired: DesiredSchema, actual: ActualSchema): Promise<Set<string>> {
  const keys: string[] = [];
  const tests: string[] = [];
  for (const t of desired.tables) {
    const live = actual.tables.get(refKey(t.ref));
    if (!live) continue;
    for (const c of t.columns) {
      const a = live.columns.get(c.name);
      if (!a || c.default === undefined || a.default === undefined || !c.defaultIsLiteral || a.typeKey !== c.typeKey) continue;
      if (normalised(c.default) === normalised(a.default) || !CATALOG_LITERAL.test(a.default)) continue;
      keys.push(defaultKey(t, c));
      tests.push(`((${c.default})::${c.alterType})::text IS NOT DISTINCT FROM ((${a.default})::${c.alterType})::text`);
    }
  }
  if (tests.length === 0) return new Set();
  const { rows } = await db.run<{ same: boolean[] }>({ text: `SELECT ARRAY[${tests.join(', ')}]::boolean[] AS same`, values: [] }, 'object');
  return new Set(keys.filter((_, i) => rows[0].same[i]));
}
