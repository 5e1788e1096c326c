import { UsageError } from '../errors';
import { BINDING } from '../instance/binding';
import type { ModelBinding } from '../instance/binding';
import { mergeOptions } from './merge';

type Options = Record<string, unknown>;

/** The finder options a call starts from: the chosen scopes, else the default scope. */
export function activeScope(b: ModelBinding): Options | undefined {
  return b.scope ?? (b.scopes.get('defaultScope') as Options | undefined);
}

/**
 * Merges the scopes named in `Model.scope(...)`, left to right: a name, `'defaultScope'`,
 * `{ method: ['name', ...args] }` for a function scope, an options object, or an array of
 * these. As in Sequelize, the default scope applies only when named.
 */
export function resolveScopes(b: ModelBinding, args: readonly unknown[]): Options {
  let out: Options = {};
  const what = `${b.definition.modelName}.scope`;
  const add = (arg: unknown): void => {
    if (arg === null || arg === undefined) return;
    if (Array.isArray(arg)) return arg.forEach(add);
    if (typeof arg === 'string') {
      if (!b.scopes.has(arg)) throw new UsageError(`${what}: ${b.definition.modelName} has no scope "${arg}"; its scopes are ${[...b.scopes.keys()].join(', ') || 'none'}`);
      const s = b.scopes.get(arg);
      if (typeof s === 'function') out = mergeOptions(out, checked(s(), arg, what));
      else out = mergeOptions(out, s as Options);
      return;
    }
    if (typeof arg === 'object' && Object.keys(arg).length === 1 && 'method' in arg) {
      const m = (arg as { method: unknown }).method;
      const [name, ...params] = Array.isArray(m) ? m : [m];
      const s = typeof name === 'string' ? b.scopes.get(name) : undefined;
      if (typeof s !== 'function') throw new UsageError(`${what}: { method: [${JSON.stringify(name)}, …] } names no function scope of ${b.definition.modelName}`);
      out = mergeOptions(out, checked(s(...params), String(name), what));
      return;
    }
    if (typeof arg === 'object') {
      out = mergeOptions(out, arg as Options);
      return;
    }
    throw new UsageError(`${what} takes scope names, { method: [name, ...args] } or option objects`);
  };
  args.forEach(add);
  return out;
}

function checked(value: unknown, name: string, what: string): Options {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`${what}: scope "${name}" must return an object of finder options`);
  return value as Options;
}

/**
 * A copy of the model class whose calls start from `scope` (what `Model.scope()` and
 * `unscoped()` return, as in Sequelize): a subclass sharing the definition, hooks, scopes
 * and statement cache, so its instances are instances of the model.
 */
export function scopedModel(b: ModelBinding, scope: Options): Function {
  const base = b.model as new () => object;
  const Scoped = class extends base {};
  Object.defineProperty(Scoped, 'name', { value: base.name });
  const binding: ModelBinding = Object.freeze({ ...b, model: Scoped, scope: Object.freeze(scope) });
  Object.defineProperty(Scoped, BINDING, { value: binding, configurable: true, enumerable: false, writable: false });
  return Scoped;
}

/** What `Model.scope(...)` takes: a scope name, `{ method: [name, ...args] }`, an options object, or null (no scope). */
export type ScopeOption = string | { method: string | [string, ...unknown[]] } | Record<string, unknown> | null | ScopeOption[];

/** `Model.addScope(name, scope, { override })`: a name already taken needs `override: true`. */
export function addScope(b: ModelBinding, name: unknown, scope: unknown, options?: { override?: boolean }): void {
  const what = `${b.definition.modelName}.addScope`;
  if (typeof name !== 'string' || name.length === 0) throw new UsageError(`${what}: the scope needs a name`);
  if (typeof scope !== 'function' && (scope === null || typeof scope !== 'object' || Array.isArray(scope))) throw new UsageError(`${what}('${name}'): a scope is an object of finder options or a function returning one`);
  if (name === 'defaultScope' && typeof scope === 'function') throw new UsageError(`${what}: the default scope must be an object`);
  if (b.scopes.has(name) && options?.override !== true) throw new UsageError(`${what}: the scope "${name}" already exists; pass { override: true } to replace it`);
  b.scopes.set(name, scope);
}
