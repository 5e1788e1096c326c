import { UsageError } from '../errors';
import type { ModelDefinition } from '../metadata/definition';
import { quoteIdent } from '../sql/quote';
import { isExpression } from './expressions';
import { compileExpression } from './expression-sql';
import type { SqlScope } from './expression-sql';
import { compileWhere, kind, unknownAttribute } from './where';

/**
 * `group: 'kind'`, `group: ['kind', 'age']`, `group: [fn('date_trunc', 'day', col('createdAt'))]`:
 * the GROUP BY list, each name an attribute (or an alias the find selects), '' for none.
 */
export function compileGroup(def: ModelDefinition, group: unknown, what: string, values: unknown[], aliases?: ReadonlyMap<string, string>, columnOf?: SqlScope['columnOf']): string {
  if (group === undefined) return '';
  const terms = Array.isArray(group) ? group : [group];
  if (terms.length === 0) throw new UsageError(`${what}: group is empty`);
  return terms.map((t) => {
    if (isExpression(t)) return compileExpression({ def, what, values, columnOf }, t);
    if (typeof t !== 'string') throw new UsageError(`${what}: group takes attribute names or fn()/col()/literal(); got ${kind(t)}`);
    const a = def.byName[t];
    if (a !== undefined) return a.quotedColumn;
    if (aliases?.has(t)) return quoteIdent(t);
    // 'User.id' / 'posts.id' in a grouped find with includes, as Sequelize users write them.
    const dot = t.lastIndexOf('.');
    if (dot > 0) {
      const own = t.slice(0, dot) === def.modelName ? def.byName[t.slice(dot + 1)]?.quotedColumn : undefined;
      const sql = own ?? columnOf?.(t.slice(0, dot), t.slice(dot + 1));
      if (sql !== undefined) return sql;
    }
    throw unknownAttribute({ def, what }, t, 'group');
  }).join(', ');
}

/**
 * `having`: a where on the groups. Keys may also be aliases the find selects
 * (`having: { n: { [Op.gt]: 1 } }` for `[fn('COUNT', col('id')), 'n']`): PostgreSQL cannot
 * name an output alias in HAVING, so the alias is replaced by its expression.
 */
export function compileHaving(def: ModelDefinition, having: unknown, what: string, values: unknown[], aliases?: ReadonlyMap<string, string>, columnOf?: SqlScope['columnOf']): string {
  if (having === undefined) return '';
  return compileWhere(def, having, values, `${what} (having)`, aliases === undefined && columnOf === undefined ? undefined : { selected: aliases, columnOf });
}
