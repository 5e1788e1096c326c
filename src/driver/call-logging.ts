import { UsageError } from '../errors';
import type { Executor } from './executor';
import type { LoggingFunction } from './call-options';

/**
 * Sequelize's per-call (and per-model) `logging`: `{ logging: fn }` sends that call's
 * statements to `fn` instead of the Database's logger, `{ logging: false }` logs none of
 * them. The override rides on each statement of the call (CompiledQuery.logging), through an
 * executor that wraps the call's own one; only calls that ask for it pay for the wrapper.
 */
const INNER = Symbol('inscribe.callLogging.inner');

type Wrapped = Executor & { [INNER]?: Executor };

/** The statement field the Database's run boundary reads (see Database#runOn). */
export interface LoggedQuery {
  readonly logging?: false | LoggingFunction;
}

/** `ex`, with every statement it runs (transactions it starts included) logged to `logging`. */
export function withCallLogging(ex: Executor, logging: false | LoggingFunction): Executor {
  const inner = (ex as Wrapped)[INNER] ?? ex;
  return new Proxy(inner, {
    get(target, prop) {
      if (prop === INNER) return target;
      if (prop === 'run') return (query: object, rowMode: never, model: never) => target.run({ ...query, logging } as never, rowMode, model);
      // A cursor's DECLARE/FETCH/CLOSE and a COPY are the call's statements too.
      if (prop === 'cursor') return (query: object, batchSize: never, model: never) => target.cursor({ ...query, logging } as never, batchSize, model);
      if (prop === 'copyIn' && target.copyIn !== undefined) return (query: object, source: never, model: never) => target.copyIn!({ ...query, logging } as never, source, model);
      if (prop === 'transaction') return <T>(fn: (tx: Executor) => Promise<T>) => target.transaction((tx) => fn(withCallLogging(tx, logging)));
      const v = Reflect.get(target, prop, target) as unknown;
      // Methods run on the executor itself (its private fields are not the proxy's).
      return typeof v === 'function' ? (v as Function).bind(target) : v;
    },
  });
}

/** `q` (a statement a cursor sends for `query`) with `query`'s own logging, if it has one. */
export function withLoggingOf<Q extends object>(query: object, q: Q): Q {
  const logging = (query as LoggedQuery).logging;
  return logging === undefined ? q : { ...q, logging };
}

/** The executor under a logging wrapper (what hooks see as `options.transaction`). */
export function unwrapExecutor(ex: Executor): Executor {
  return (ex as Wrapped)[INNER] ?? ex;
}

/**
 * The logging override of one call: its own `logging` option, else the model's, else none
 * (undefined: the Database's logger). Checked here, where every call's options pass.
 */
export function callLogging(options: unknown, modelLogging: false | LoggingFunction | undefined): false | LoggingFunction | undefined {
  if (options !== null && typeof options === 'object') {
    const l = (options as { logging?: unknown }).logging;
    if (l !== undefined) {
      if (l !== false && typeof l !== 'function') throw new UsageError('the logging option must be false or a function (sql, ms) => void');
      return l as false | LoggingFunction;
    }
  }
  return modelLogging;
}
