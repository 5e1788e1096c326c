import { builtinValidator, validatorArgs } from './builtin';
import type { BuiltinValidator } from './builtin';

/** One check of one attribute, normalised once when the model is registered. */
export interface AttributeCheck {
  /** The validator's name: `isEmail`, `len`, or the custom function's key. */
  readonly key: string;
  readonly builtin?: BuiltinValidator;
  readonly args: readonly unknown[];
  /** A custom validator: `this` is the instance; it throws (or rejects) to refuse the value. */
  readonly custom?: (this: object, value: unknown) => unknown;
  /** The `msg` the model gave, used instead of the default message. */
  readonly message?: string;
}

/** An attribute's `validate` option, normalised. */
export interface AttributeValidation {
  readonly checks: readonly AttributeCheck[];
  /** `validate: { notNull: { msg } }`: the message of the NOT NULL refusal. */
  readonly notNullMessage?: string;
}

/** A model-level validator (`validate: { bothCoords() { … } }`): `this` is the instance. */
export interface ModelCheck {
  readonly key: string;
  readonly fn: (this: object) => unknown;
}

/**
 * Normalises an attribute's `validate` object. Throws an Error naming the problem (the
 * caller turns it into a DefinitionError naming the model and attribute).
 *
 * @example
 * compileAttributeValidation({ isEmail: true, len: { args: [3, 64], msg: 'too short or long' }, notIn: [['admin']] })
 */
export function compileAttributeValidation(raw: unknown): AttributeValidation {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('validate must be an object of validators, e.g. { isEmail: true, len: [2, 50] }');
  const checks: AttributeCheck[] = [];
  let notNullMessage: string | undefined;
  for (const key of Object.keys(raw)) {
    const test = (raw as Record<string, unknown>)[key];
    if (typeof test === 'function') {
      checks.push(Object.freeze({ key, args: [], custom: test as AttributeCheck['custom'] }));
      continue;
    }
    if (test === false || test === undefined) continue;
    const { args, msg } = argsAndMessage(key, test);
    if (key === 'notNull') {
      notNullMessage = msg;
      continue;
    }
    const builtin = builtinValidator(key);
    if (builtin === undefined) throw new Error(`unknown validator "${key}". Use a validator.js check (isEmail, isUUID, …), one of Sequelize's (len, is, not, isIn, notIn, min, max, notEmpty, contains, …), or a function`);
    if ((key === 'is' || key === 'not' || key === 'regex' || key === 'notRegex') && args.length === 0) throw new Error(`validator "${key}" needs a RegExp or a pattern`);
    checks.push(Object.freeze({ key, builtin, args: Object.freeze(args), message: msg }));
  }
  return Object.freeze({ checks: Object.freeze(checks), notNullMessage });
}

/** `{ args, msg }`, `{ msg }` (for `true`-style validators), or the test itself. */
function argsAndMessage(key: string, test: unknown): { args: unknown[]; msg?: string } {
  if (test !== null && typeof test === 'object' && !Array.isArray(test) && !(test instanceof RegExp)) {
    const o = test as { args?: unknown; msg?: unknown };
    const extra = Object.keys(o).filter((k) => k !== 'args' && k !== 'msg');
    if (extra.length > 0) throw new Error(`validator "${key}" takes { args, msg }; unknown ${extra.map((k) => JSON.stringify(k)).join(', ')}`);
    if (o.msg !== undefined && typeof o.msg !== 'string') throw new Error(`validator "${key}": msg must be a string`);
    return { args: o.args === undefined ? [] : validatorArgs(key, o.args), msg: o.msg as string | undefined };
  }
  return { args: validatorArgs(key, test) };
}

/** Normalises the model option `validate: { name() { … } }`. */
export function compileModelValidation(raw: unknown): ModelCheck[] {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('the model option validate must be an object of functions, e.g. { bothCoordsOrNone() { … } }');
  return Object.keys(raw).map((key) => {
    const fn = (raw as Record<string, unknown>)[key];
    if (typeof fn !== 'function') throw new Error(`model validator "${key}" must be a function`);
    return Object.freeze({ key, fn: fn as ModelCheck['fn'] });
  });
}
