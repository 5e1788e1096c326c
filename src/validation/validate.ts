import { ValidationError } from '../errors';
import type { ValidationErrorItem } from '../errors';
import type { AttributeDefinition, ModelDefinition } from '../metadata/definition';
import { TypeCheck } from '../types/data-type';
import { storedValue } from '../instance/state';

/**
 * Runs a model's validators on one instance, as Sequelize does, and collects every
 * refusal into one ValidationError (nothing is changed on the instance, nothing is sent):
 *
 * - an attribute that must not be null and is null (or, on a new record, has no value and
 *   no SQL default) is a `notNull Violation` (with the `notNull.msg` the model gave);
 * - a null value skips the built-in validators; custom functions still see it when the
 *   attribute allows null;
 * - built-ins get the value as a string (validator.js works on strings); custom functions
 *   get the value, with the instance as `this`, and refuse by throwing or rejecting;
 * - model-level validators run after, with the instance as `this`.
 *
 * `only`: the attributes to check (those being written); model validators always run.
 * `types`: also check each value's JS type for its column (what `instance.validate()` asks).
 */
export async function validateInstance(def: ModelDefinition, instance: object, only: ReadonlySet<string> | undefined, isNew: boolean, types: boolean): Promise<void> {
  const inst = instance as Record<string, unknown>;
  const errors: ValidationErrorItem[] = [];
  const attrs = def.attributes;
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs[i];
    if (only !== undefined && !only.has(a.name)) continue;
    const v = storedValue(inst, a);
    const validation = a.validation;
    if (v === null || v === undefined) {
      if (!a.allowNull && a.timestamp === undefined && !a.autoIncrement && (v === null || (isNew && a.sqlDefault === undefined))) {
        const message = validation?.notNullMessage ?? `${def.modelName}.${a.name} cannot be null`;
        errors.push({ model: def.modelName, path: a.name, message, value: v, type: 'notNull Violation', validatorKey: 'is_null', instance });
        continue;
      }
      if (v === undefined || !a.allowNull) continue;
    } else if (types && typeRefuses(a, v)) {
      errors.push({ model: def.modelName, path: a.name, message: `${def.modelName}.${a.name} ${typeRefuses(a, v)}`, value: v, type: 'string violation', validatorKey: 'type', instance });
      continue;
    }
    if (validation === undefined) continue;
    for (const check of validation.checks) {
      if (check.custom !== undefined) {
        try {
          await check.custom.call(instance, v);
        } catch (err) {
          errors.push(customItem(def, a.name, err, v, check.key, instance));
        }
        continue;
      }
      if (v === null) continue;
      if (!check.builtin!(String(v), ...check.args)) {
        errors.push({ model: def.modelName, path: a.name, message: check.message ?? `Validation ${check.key} on ${a.name} failed`, value: v, type: 'Validation error', validatorKey: check.key, instance });
      }
    }
  }
  const modelChecks = def.modelValidators;
  for (let i = 0; i < modelChecks.length; i++) {
    try {
      await modelChecks[i].fn.call(instance);
    } catch (err) {
      errors.push(customItem(def, modelChecks[i].key, err, undefined, modelChecks[i].key, instance));
    }
  }
  if (errors.length > 0) throw validationFailure(errors);
}

function typeRefuses(a: AttributeDefinition, v: unknown): string | undefined {
  try {
    a.type.toParam(v);
    return undefined;
  } catch (err) {
    if (err instanceof TypeCheck) return err.message;
    throw err;
  }
}

function customItem(def: ModelDefinition, path: string, err: unknown, value: unknown, key: string, instance: object): ValidationErrorItem {
  const message = err instanceof Error ? err.message : typeof err === 'string' ? err : 'Validation error';
  return { model: def.modelName, path, message, value, type: 'Validation error', validatorKey: key, instance };
}

/** One ValidationError for all the refusals, its message listing them (Sequelize's form). */
function validationFailure(errors: ValidationErrorItem[]): ValidationError {
  return new ValidationError(`Validation error: ${errors.map((e) => e.message).join(',\nValidation error: ')}`, errors);
}
