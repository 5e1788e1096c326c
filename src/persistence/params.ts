import { UsageError, ValidationError } from '../errors';
import { snapshotValue } from '../instance/changes';
import type { ValidationErrorItem } from '../errors';
import type { AttributeDefinition, ModelDefinition } from '../metadata/definition';
import { TypeCheck } from '../types/data-type';

/**
 * Converts values to bound parameters, collecting every bad value before any SQL is sent.
 * `values[k]` belongs to `attrs[k]`; `null` passes only where the column allows it.
 */
export function toParams(definition: ModelDefinition, attrs: readonly AttributeDefinition[], values: readonly unknown[], out: unknown[]): void {
  let errors: ValidationErrorItem[] | undefined;
  for (let k = 0; k < attrs.length; k++) {
    const a = attrs[k];
    const v = values[k];
    if (v === null) {
      if (!a.allowNull) (errors ??= []).push({ model: definition.modelName, attribute: a.name, message: `${definition.modelName}.${a.name} cannot be null`, value: v });
      out.push(null);
      continue;
    }
    if (v === undefined) {
      (errors ??= []).push({ model: definition.modelName, attribute: a.name, message: `${definition.modelName}.${a.name} is undefined; assign null to clear it, or leave it out`, value: v });
      out.push(null);
      continue;
    }
    try {
      out.push(a.type.toParam(v));
    } catch (err) {
      if (!(err instanceof TypeCheck)) throw err;
      (errors ??= []).push({ model: definition.modelName, attribute: a.name, message: `${definition.modelName}.${a.name} ${err.message}`, value: v });
      out.push(null);
    }
  }
  if (errors) throw validationError(errors);
}

export function validationError(errors: ValidationErrorItem[]): ValidationError {
  const message = errors.length === 1 ? errors[0].message : `${errors.length} invalid values: ${errors.map((e) => e.message).join('; ')}`;
  return new ValidationError(message, errors);
}

/** One value of one attribute, for WHERE clauses on a primary key or a finder. */
export function toParam(definition: ModelDefinition, a: AttributeDefinition, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  try {
    return a.type.toParam(value);
  } catch (err) {
    if (!(err instanceof TypeCheck)) throw err;
    throw validationError([{ model: definition.modelName, attribute: a.name, message: `${definition.modelName}.${a.name} ${err.message}`, value }]);
  }
}

/**
 * Refuses options a call does not know (a typo such as `wehre`): an option silently ignored
 * would change what a call does without a word. Every model call takes `transaction`
 * (checked when its executor is chosen).
 */
export function checkOptionKeys(options: object, known: readonly string[], what: string): void {
  for (const key of Object.keys(options)) {
    if (key === 'transaction' || key === 'useMaster' || known.includes(key)) continue;
    throw new UsageError(`${what}: unknown option ${JSON.stringify(key)}; the options are ${[...known, 'transaction', 'useMaster'].join(', ')}`);
  }
}

/**
 * Appends the primary-key values the record had when read (its WHERE, even when the key
 * itself is being changed). A record read without its key cannot be written back.
 */
export function pushKeyParams(definition: ModelDefinition, snapshot: unknown[], what: string, out: unknown[]): void {
  for (const pk of definition.primaryKeys) {
    const value = snapshotValue(pk, snapshot);
    if (value === undefined || value === null) {
      throw new UsageError(`${definition.modelName}.${what}: this instance was read without its primary key "${pk.name}", so its row cannot be found; include "${pk.name}" in attributes`);
    }
    out.push(toParam(definition, pk, value));
  }
}

