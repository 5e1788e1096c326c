import { quoteIdent } from '../sql/quote';
import type { AttributeDefinition } from './definition';
import type { IndexField, IndexOptions } from './options';

const ORDERS = new Set(['ASC', 'DESC', 'ASC NULLS FIRST', 'ASC NULLS LAST', 'DESC NULLS FIRST', 'DESC NULLS LAST']);
const METHODS = new Set(['btree', 'hash', 'gin', 'gist', 'spgist', 'brin']);
const FIELD_KEYS = new Set(['name', 'attribute', 'order', 'collate', 'length', 'operator']);

/** An index's columns, and the SQL of each (with COLLATE, operator class and order) when any was given. */
export interface ResolvedIndexFields {
  readonly columns: string[];
  /** `"col" COLLATE "C" text_pattern_ops DESC` per column; undefined when every field is a plain name. */
  readonly terms?: string[];
  /** The quoted method for `USING`, when not the default btree. */
  readonly using?: string;
}

/**
 * Resolves an index's `fields`: attribute names, or Sequelize's `{ name | attribute, order,
 * collate, length, operator }` objects. Every identifier is checked against the model or
 * quoted; `order` and `using` come from closed lists. `length` is MySQL's prefix length,
 * which PostgreSQL has not: it is dropped with a warning (Sequelize's postgres dialect drops
 * it silently).
 */
export function resolveIndexFields(idx: IndexOptions, byName: Readonly<Record<string, AttributeDefinition>>, byColumn: Readonly<Record<string, AttributeDefinition>>, fail: (message: string) => never, warn: (message: string) => void): ResolvedIndexFields {
  const label = `index ${idx.name ?? ''}`.trimEnd();
  if (!Array.isArray(idx.fields) || idx.fields.length === 0) fail(`${label}: fields must be a non-empty array`);
  const find = (n: unknown): AttributeDefinition => (typeof n === 'string' ? byName[n] ?? byColumn[n] : undefined) ?? fail(`${label} names the unknown attribute ${JSON.stringify(n)}`);
  const columns: string[] = [];
  const terms: string[] = [];
  let plain = true;
  for (const f of idx.fields) {
    if (typeof f === 'string') {
      const a = find(f);
      columns.push(a.column);
      terms.push(a.quotedColumn);
      continue;
    }
    if (f === null || typeof f !== 'object') fail(`${label}: each field is an attribute name or { name, order, collate, operator }, got ${String(f)}`);
    const o = f as IndexField;
    for (const k of Object.keys(o)) if (!FIELD_KEYS.has(k)) fail(`${label}: unknown field option "${k}"; the options are ${[...FIELD_KEYS].join(', ')}`);
    const a = find(o.attribute ?? o.name);
    columns.push(a.column);
    let sql = a.quotedColumn;
    if (o.collate !== undefined) {
      if (typeof o.collate !== 'string' || o.collate === '') fail(`${label}: collate must be a collation name`);
      sql += ` COLLATE ${quoteIdent(o.collate)}`;
    }
    if (o.operator !== undefined) {
      if (typeof o.operator !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(o.operator)) fail(`${label}: operator must be an operator class name such as text_pattern_ops`);
      sql += ` ${quoteIdent(o.operator)}`;
    }
    if (o.order !== undefined) {
      const order = typeof o.order === 'string' ? o.order.toUpperCase() : '';
      if (!ORDERS.has(order)) fail(`${label}: order must be one of ${[...ORDERS].join(', ')}`);
      sql += ` ${order}`;
    }
    if (o.length !== undefined) warn(`${label}: PostgreSQL indexes have no prefix length; length ${String(o.length)} on "${a.name}" is ignored`);
    if (sql !== a.quotedColumn) plain = false;
    terms.push(sql);
  }
  let using: string | undefined;
  if (idx.using !== undefined) {
    const m = typeof idx.using === 'string' ? idx.using.toLowerCase() : '';
    if (!METHODS.has(m)) fail(`${label}: using must be one of ${[...METHODS].join(', ')}`);
    if (m !== 'btree') using = m;
  }
  return { columns, terms: plain ? undefined : terms, using };
}
