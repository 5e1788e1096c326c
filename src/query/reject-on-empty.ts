import { EmptyResultError, UsageError } from '../errors';
import type { ModelDefinition } from '../metadata/definition';
import { isErrorClass } from '../metadata/call-defaults';

/**
 * Sequelize's `rejectOnEmpty` on findAll, findOne and findByPk: `true` throws an
 * EmptyResultError when nothing is found, an Error instance is thrown as it is, and an
 * Error class is thrown as a new instance of it. The model option of the same name is the
 * default of the public finders (a call's own value, `false` included, wins); internal
 * reads (findOrCreate, individual hooks, association loads) never reject.
 */
export function throwIfEmpty(reject: unknown, message: string): null {
  if (reject === undefined || reject === false || reject === null) return null;
  if (reject === true) throw new EmptyResultError(message);
  if (reject instanceof Error) throw reject;
  if (isErrorClass(reject)) throw new reject();
  throw new UsageError(`rejectOnEmpty must be true, false, an Error or an Error class, got ${typeof reject}`);
}

/** Checks the option before any query, so a wrong value fails whether or not rows are found. */
export function checkReject(reject: unknown, what: string): void {
  if (reject === undefined || typeof reject === 'boolean' || reject instanceof Error || isErrorClass(reject)) return;
  throw new UsageError(`${what}: rejectOnEmpty must be true, false, an Error or an Error class, got ${typeof reject}`);
}

/** The options of a public finder call with the model's `rejectOnEmpty` as their default. */
export function withModelReject<T>(def: ModelDefinition, options: T): T {
  if (def.rejectOnEmpty === undefined) return options;
  if (options !== undefined && options !== null && Object.prototype.hasOwnProperty.call(options, 'rejectOnEmpty')) return options;
  return { ...(options ?? {}), rejectOnEmpty: def.rejectOnEmpty } as T;
}
