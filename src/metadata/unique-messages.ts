import type { ModelDefinition } from './definition';

/**
 * The `msg` of `unique: { name, msg }` whose constraint is `constraint`, if any: the
 * message a UniqueConstraintError on it carries. Only read when a violation happens.
 */
export function uniqueMessageOf(def: ModelDefinition, constraint: string): string | undefined {
  for (const a of def.attributes) {
    if (a.uniqueMessage === undefined) continue;
    if (a.unique === constraint || def.constraintNames.unique[a.column] === constraint) return a.uniqueMessage;
  }
  return undefined;
}
