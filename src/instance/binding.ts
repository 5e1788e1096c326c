import { UsageError } from '../errors';
import type { Executor } from '../driver/executor';
import type { ModelDefinition } from '../metadata/definition';

/** Where a registered model class keeps its definition and its Database. */
export const BINDING = Symbol('inscribe.binding');

/** Compiled SQL texts, keyed by the set of columns they touch (built once, reused). */
export type SqlCache = Map<string | number, string>;

export interface ModelBinding {
  readonly definition: ModelDefinition;
  readonly db: Executor;
  /** The class this binding belongs to (a subclass inherits the static slot; this tells them apart). */
  readonly model: Function;
  readonly sql: SqlCache;
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
