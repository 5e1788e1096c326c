import { UsageError } from '../errors';
import type { CompiledQuery } from './driver';
import type { DatabaseOptions } from './connection-options';

/**
 * Sequelize's Database options that change nothing or only logging:
 * - `typeValidation`: Inscribe checks every value against its type always (no silent
 *   coercion), so `true` is what it does anyway and `false` cannot turn the checks off.
 * - `benchmark`: the duration is always passed to `logging` (accepted elsewhere).
 * - `logQueryParameters`: bound values are appended to each logged statement. Off unless
 *   asked for: values may be personal data. The connection password is never a parameter.
 * Resolves to whether parameters are logged.
 */
export function checkCompatOptions(options: DatabaseOptions): boolean {
  for (const key of ['typeValidation', 'benchmark', 'logQueryParameters'] as const) {
    const v = options[key];
    if (v !== undefined && typeof v !== 'boolean') throw new UsageError(`The ${key} option must be true or false`);
  }
  return options.logQueryParameters === true;
}

/** `text; $1, $2` as Sequelize logs a statement with `logQueryParameters` (each value as JSON). */
export function withParameters(query: CompiledQuery): string {
  if (query.values.length === 0) return query.text;
  const shown = query.values.map((v) => {
    if (typeof v === 'bigint') return v.toString();
    if (Buffer.isBuffer(v)) return `<Buffer ${v.length} bytes>`;
    try {
      return JSON.stringify(v) ?? String(v);
    } catch {
      return String(v);
    }
  });
  return `${query.text}${query.text.endsWith(';') ? '' : ';'} ${shown.join(', ')}`;
}
