import { UsageError } from '../errors';
import type { Executor, ExecutorSource } from '../driver/executor';
import { callLogging, withCallLogging } from '../driver/call-logging';
import type { ModelDefinition } from '../metadata/definition';
import type { HookRegistry } from '../hooks/registry';

/** Where a registered model class keeps its definition and its Database. */
export const BINDING = Symbol('inscribe.binding');

/** Compiled SQL texts, keyed by the set of columns they touch (built once, reused). */
export type SqlCache = Map<string | number, string>;

export interface ModelBinding {
  readonly definition: ModelDefinition;
  /** The Database: where each call finds its executor (`executorFor`); statements never run on it directly from here. */
  readonly db: ExecutorSource;
  /** The class this binding belongs to (a subclass inherits the static slot; this tells them apart). */
  readonly model: Function;
  readonly sql: SqlCache;
  /** The model's hooks (those declared with it, plus addHook's), asking the Database's after its own. */
  readonly hooks: HookRegistry;
  /** The model's scopes by name, `defaultScope` included (addScope adds to it; shared by scoped copies). */
  readonly scopes: Map<string, unknown>;
  /**
   * The finder options this class's calls start from, when chosen with `Model.scope(...)`
   * or `unscoped()` (a subclass with its own binding). Undefined: the default scope.
   */
  readonly scope?: Readonly<Record<string, unknown>>;
}

/** The binding of a model class, or an error that says how to register it. */
export function bindingOf(model: Function): ModelBinding {
  const b = (model as unknown as { [BINDING]?: ModelBinding })[BINDING];
  if (b === undefined || b.model !== model) {
    throw new UsageError(`Model ${model.name || '(anonymous)'} is not registered with a Database. ` +
      `Register it with new Database({ models: [${model.name}] }), db.addModels([${model.name}]), ${model.name}.init(attributes, { sequelize: db }) or db.define(...).`);
  }
  return b;
}

/**
 * The executor of one model call: `options.transaction` (a Transaction, or null for none),
 * else the managed transaction of the current async context, else the Database.
 */
export function executorOf(binding: ModelBinding, options: unknown): Executor {
  const transaction = options !== null && typeof options === 'object' ? (options as { transaction?: unknown }).transaction : undefined;
  return logged(binding, options, binding.db.executorFor(transaction));
}

/** `ex`, or with a call's (or its model's) `logging` option, `ex` logging there (driver/call-logging.ts). */
function logged(binding: ModelBinding, options: unknown, ex: Executor): Executor {
  if (binding.definition.logging === undefined && (options === null || typeof options !== 'object' || (options as { logging?: unknown }).logging === undefined)) return ex;
  const logging = callLogging(options, binding.definition.logging);
  return logging === undefined ? ex : withCallLogging(ex, logging);
}

/** The executor of one read (a finder, count): as executorOf, but it may go to a read replica. */
export function readerOf(binding: ModelBinding, options: unknown): Executor {
  if (options === null || typeof options !== 'object') return logged(binding, options, binding.db.readExecutorFor(undefined, undefined));
  const o = options as { transaction?: unknown; useMaster?: unknown };
  return logged(binding, options, binding.db.readExecutorFor(o.transaction, o.useMaster));
}
