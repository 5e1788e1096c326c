import { UsageError } from '../errors';
import type { ModelDefinition } from '../metadata/definition';
import { quoteIdent } from '../sql/quote';
import { isExpression } from './expressions';
import { compileExpression } from './expression-sql';
import { compileWhere, kind, unknownAttribute } from './where';

/**
 * `group: 'kind'`, `group: ['kind', 'age']`, `group: [fn('date_trunc', 'day', col('createdAt'))]`:
 * the GROUP BY list, each name an attribute (or an alias the find selects), '' for none.
 */
export function compileGroup(def: ModelDefinition, group: unknown, what: string, values: unknown[], aliases?: ReadonlyMap<string, string>): string {
  if (group === undefined) return '';
  const terms = Array.isArray(group) ? group : [group];
  if (terms.length === 0) throw new UsageError(`${what}: group is empty`);
  return terms.map((t) => {
    if (isExpression(t)) return compileExpression({ def, what, values }, t);
    if (typeof t !== 'string') throw new UsageError(`${what}: group takes attribute names or fn()/col()/literal(); got ${kind(t)}`);
    const a = def.byName[t];
    if (a !== undefined) return a.quotedColumn;
    if (aliases?.has(t)) return quoteIdent(t);
    throw unknownAttribute({ def, what }, t, 'group');
  }).join(', ');
}

/**
 * `having`: a where on the groups. Keys may also be aliases the find selects
 * (`having: { n: { [Op.gt]: 1 } }` for `[fn('COUNT', col('id')), 'n']`): PostgreSQL cannot
 * name an output alias in HAVING, so the alias is replaced by its expression.
 */
export function compileHaving(def: ModelDefinition, having: unknown, what: string, values: unknown[], aliases?: ReadonlyMap<string, string>): string {
  if (having === undefined) return '';
  return compileWhere(def, having, values, `${what} (having)`, aliases === undefined ? undefined : { selected: aliases });
}
