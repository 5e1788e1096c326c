import type { ModelDefinition } from '../metadata/definition';
import type { ExtraCondition } from '../persistence/increment';
import { compileWhere } from './where';

/**
 * The `where` of an instance call (`increment(…, { where })`), compiled after the call's own
 * parameters (amounts, timestamp, primary key) so its placeholders follow theirs. Unknown
 * attributes and undefined values are errors, as in every where.
 */
export function instanceWhere(def: ModelDefinition, options: { where?: unknown } | undefined, what: string): ExtraCondition | undefined {
  const where = options?.where;
  if (where === undefined) return undefined;
  return (params) => compileWhere(def, where, params, what);
}
