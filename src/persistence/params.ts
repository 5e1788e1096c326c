import { UsageError, ValidationError } from '../errors';
import { snapshotValue } from '../instance/changes';
import type { ValidationErrorItem } from '../errors';
import type { AttributeDefinition, ModelDefinition } from '../metadata/definition';
import { TypeCheck } from '../types/data-type';
import { notNullItem } from './plan';

/**
 * Checks the values a write will send, without converting them: `null` only where the
 * column allows it, and never `undefined`. Problems are appended to `errors`.
 */
export function checkValues(definition: ModelDefinition, attrs: readonly AttributeDefinition[], values: readonly unknown[], errors: ValidationErrorItem[], row = -1): void {
  for (let k = 0; k < attrs.length; k++) {
    const a = attrs[k];
    const v = values[k];
    if (v === null) {
      if (!a.allowNull) errors.push(notNullItem(definition, a, null, rowPrefix(row)));
    } else if (v === undefined) {
      errors.push({ model: definition.modelName, path: a.name, message: `${rowPrefix(row)}${definition.modelName}.${a.name} is undefined; assign null to clear it, or leave it out`, value: v, type: 'notNull Violation', validatorKey: 'is_undefined' });
    }
  }
}

/**
 * Converts checked values to bound parameters (each type's `toParam`); a value of the
 * wrong JS type for its column is appended to `errors` and its slot left null.
 */
export function convertValues(definition: ModelDefinition, attrs: readonly AttributeDefinition[], values: readonly unknown[], out: unknown[], errors: ValidationErrorItem[], row = -1): void {
  for (let k = 0; k < attrs.length; k++) {
    const v = values[k];
    if (v === null || v === undefined) {
      out.push(null);
      continue;
    }
    const a = attrs[k];
    try {
      out.push(a.type.toParam(v));
    } catch (err) {
      if (!(err instanceof TypeCheck)) throw err;
      errors.push(typeItem(definition, a, v, err, rowPrefix(row)));
      out.push(null);
    }
  }
}

/** `row 3: ` in the messages of a bulk write (row -1: a single record). */
export function rowPrefix(row: number): string {
  return row < 0 ? '' : `row ${row}: `;
}

function typeItem(definition: ModelDefinition, a: AttributeDefinition, value: unknown, err: Error, prefix = ''): ValidationErrorItem {
  return { model: definition.modelName, path: a.name, message: `${prefix}${definition.modelName}.${a.name} ${err.message}`, value, type: 'string violation', validatorKey: 'type' };
}

/**
 * Checks and converts values to bound parameters, collecting every bad value before any
 * SQL is sent. `values[k]` belongs to `attrs[k]`; `null` passes only where the column allows it.
 */
export function toParams(definition: ModelDefinition, attrs: readonly AttributeDefinition[], values: readonly unknown[], out: unknown[]): void {
  const errors: ValidationErrorItem[] = [];
  checkValues(definition, attrs, values, errors);
  convertValues(definition, attrs, values, out, errors);
  if (errors.length > 0) throw validationError(errors);
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
    throw validationError([typeItem(definition, a, value, err)]);
  }
}

/**
 * Refuses options a call does not know (a typo such as `wehre`): an option silently ignored
 * would change what a call does without a word. Every model call takes `transaction`
 * (checked when its executor is chosen).
 */
export function checkOptionKeys(options: object, known: readonly string[], what: string): void {
  for (const key of Object.keys(options)) {
    // logging and benchmark (Sequelize's, on every call) are read where the executor is chosen (instance/binding.ts).
    if (key === 'transaction' || key === 'useMaster' || key === 'logging' || key === 'benchmark' || known.includes(key)) continue;
    throw new UsageError(`${what}: unknown option ${JSON.stringify(key)}; the options are ${[...known, 'transaction', 'useMaster', 'logging', 'benchmark'].join(', ')}`);
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

