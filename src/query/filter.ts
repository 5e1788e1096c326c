import { UsageError } from '../errors';
import type { ModelDefinition } from '../metadata/definition';
import { compileWhere } from './where';

/**
 * The WHERE of a statement that changes rows (`update`, `destroy`, `increment`). There is
 * no silent match-all: a missing or empty `where` is refused unless the caller says
 * `all: true`, and `undefined` anywhere in it is refused by the compiler.
 */
export function compileFilter(def: ModelDefinition, options: { where?: unknown; all?: unknown }, values: unknown[], what: string): string {
  if (options.all !== undefined && typeof options.all !== 'boolean') throw new UsageError(`${what}: all must be true or false`);
  if (options.where === undefined && options.all !== true) {
    throw new UsageError(`${what} needs a where. To change every row, pass { where: {}, all: true } explicitly`);
  }
  const where = compileWhere(def, options.where, values, what);
  if (where === '' && options.all !== true) {
    throw new UsageError(`${what}: the where is empty, which would match every row. To change every row, pass { where: {}, all: true } explicitly`);
  }
  return where;
}
