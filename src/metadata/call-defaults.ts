import type { ModelOptions } from './options';

/** Receives each statement and its duration (ms); see the Database's `logging` option. */
export type StatementLogger = (sql: string, ms: number) => void;

/** What a model's options set for each of its calls (a call's own option wins). */
export interface ModelCallDefaults {
  /** `rejectOnEmpty` of findAll/findOne/findByPk, when the model sets it. */
  readonly rejectOnEmpty?: boolean | Error | (new () => Error);
  /** Where this model's statements are logged instead of the Database's `logging`. */
  readonly logging?: false | StatementLogger;
}

/** Checks the model options `rejectOnEmpty`, `logging` and `benchmark` (Sequelize's), once. */
export function modelCallOptions(options: ModelOptions, fail: (message: string) => never): ModelCallDefaults {
  const out: { rejectOnEmpty?: ModelCallDefaults['rejectOnEmpty']; logging?: ModelCallDefaults['logging'] } = {};
  const r = options.rejectOnEmpty;
  if (r !== undefined) {
    if (typeof r !== 'boolean' && !(r instanceof Error) && !isErrorClass(r)) fail('rejectOnEmpty must be true, false, an Error, or an Error class');
    if (r !== false) out.rejectOnEmpty = r;
  }
  if (options.logging !== undefined) {
    if (options.logging !== false && typeof options.logging !== 'function') fail('logging must be false or a function (sql, ms) => void');
    out.logging = options.logging;
  }
  if (options.benchmark !== undefined && typeof options.benchmark !== 'boolean') fail('benchmark must be true or false');
  return out;
}

/** A class whose instances are Errors (what `rejectOnEmpty: MyError` names). */
export function isErrorClass(v: unknown): v is new () => Error {
  return typeof v === 'function' && (v === Error || (v as { prototype?: unknown }).prototype instanceof Error);
}
