import { UsageError } from '../errors';
import type { ModelDefinition } from '../metadata/definition';
import { unknownAttribute, kind } from './where';
import { quoteIdent } from '../sql/quote';
import { isExpression } from './expressions';
import { compileExpression } from './expression-sql';
import type { SqlScope } from './expression-sql';

/** The closed set of directions; the text spliced into SQL is always one of these values. */
const DIRECTIONS: Readonly<Record<string, string>> = Object.freeze(Object.assign(Object.create(null), {
  'ASC': 'ASC', 'DESC': 'DESC',
  'ASC NULLS FIRST': 'ASC NULLS FIRST', 'ASC NULLS LAST': 'ASC NULLS LAST',
  'DESC NULLS FIRST': 'DESC NULLS FIRST', 'DESC NULLS LAST': 'DESC NULLS LAST',
  'NULLS FIRST': 'ASC NULLS FIRST', 'NULLS LAST': 'ASC NULLS LAST',
}));

function direction(def: ModelDefinition, what: string, name: string, dir: unknown): string {
  const d = typeof dir === 'string' ? DIRECTIONS[dir.trim().replace(/\s+/g, ' ').toUpperCase()] : undefined;
  if (d === undefined) throw new UsageError(`${what}: the order direction for ${def.modelName}.${name} must be one of ${Object.keys(DIRECTIONS).join(', ')} (any case), got ${kind(dir)}`);
  return d;
}

function isDirection(v: unknown): boolean {
  return typeof v === 'string' && DIRECTIONS[v.trim().replace(/\s+/g, ' ').toUpperCase()] !== undefined;
}

/**
 * Compiles `order` into an ORDER BY list of quoted columns and directions from a closed
 * set; '' for none. Accepted forms:
 * `'name'`, `['name', 'DESC']`, `[['name', 'DESC'], 'id']`, `[['name', 'DESC'], ['id', 'ASC']]`.
 * An attribute the model does not have is an UnknownAttributeError; nothing else is SQL.
 */
export function compileOrder(def: ModelDefinition, order: unknown, what: string, scope?: OrderScope): string {
  if (order === undefined) return '';
  let terms: unknown[];
  if (typeof order === 'string' || isExpression(order)) terms = [order];
  else if (Array.isArray(order)) {
    // ['name', 'DESC'] is one term; ['name', 'age'] is two.
    const single = order.length === 2 && typeof order[0] === 'string' && isDirection(order[1]) && def.byName[order[1] as string] === undefined;
    terms = single ? [order] : order;
  } else throw new UsageError(`${what}: order takes an attribute name, [name, direction], or an array of them; got ${kind(order)}`);
  const out: string[] = [];
  const bound = scope?.values ?? [];
  for (const term of terms) {
    let name: unknown;
    let dir = 'ASC';
    if (typeof term === 'string') name = term;
    else if (isExpression(term)) {
      // fn()/col()/literal() alone: a literal is taken as written (it may hold its direction).
      out.push(compileExpression({ def, what, values: bound, columnOf: scope?.columnOf }, term));
      continue;
    } else if (Array.isArray(term) && (term.length === 1 || term.length === 2)) {
      name = term[0];
      if (term.length === 2) dir = direction(def, what, typeof name === 'string' ? name : 'expression', term[1]);
      if (isExpression(name)) {
        out.push(`${compileExpression({ def, what, values: bound, columnOf: scope?.columnOf }, name)} ${dir}`);
        continue;
      }
    } else throw new UsageError(`${what}: each order term is an attribute name or [name, direction]; got ${kind(term)}`);
    if (typeof name !== 'string') throw new UsageError(`${what}: an order term names an attribute with a string; got ${kind(name)}`);
    const a = def.byName[name];
    if (a === undefined && scope?.aliases?.has(name)) {
      out.push(`${quoteIdent(name)} ${dir}`);
      continue;
    }
    if (a === undefined) throw unknownAttribute({ def, what }, name, 'order');
    out.push(`${a.quotedColumn} ${dir}`);
  }
  // An include's order has no values array: an expression there may not bind one.
  if (scope?.values === undefined && bound.length > 0) throw new UsageError(`${what}: an order expression here cannot bind values; use col() or literal()`);
  return out.join(', ');
}

/** What an order may also name: aliases selected by `attributes`, and where expression values are bound. */
export interface OrderScope {
  readonly values?: unknown[];
  readonly aliases?: ReadonlyMap<string, string>;
  /** `col('posts.id')` in a grouped find with includes. */
  readonly columnOf?: SqlScope['columnOf'];
}

