import { UsageError } from '../errors';
import { isPlainObject, kind } from './where';
import { checkOptionKeys } from '../persistence/params';

/**
 * Refuses options a call does not know (`include`, `transaction`, a typo such as `wehre`):
 * an option silently ignored would change what a query does without a word.
 */
export function checkOptions<T extends object>(options: T | undefined, known: readonly string[], what: string, required = false): T {
  if (options === undefined || options === null) {
    if (required) throw new UsageError(`${what} needs an options object (${known.join(', ')})`);
    return {} as T;
  }
  if (!isPlainObject(options)) throw new UsageError(`${what}: options must be an object, got ${kind(options)}`);
  checkOptionKeys(options, known, what);
  return options;
}
