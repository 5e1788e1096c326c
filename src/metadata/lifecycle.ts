import { isHookName, HOOK_NAMES } from '../hooks/names';
import type { HookFunction, HookName } from '../hooks/names';
import { compileModelValidation } from '../validation/compile';
import type { ModelCheck } from '../validation/compile';
import type { ModelOptions } from './options';

/** The lifecycle parts of a model's options, normalised once (see ModelDefinition). */
export interface LifecycleDefinition {
  readonly modelValidators: readonly ModelCheck[];
  readonly hooks: Readonly<Partial<Record<HookName, readonly HookFunction[]>>>;
  readonly defaultScope?: Readonly<Record<string, unknown>>;
  readonly scopes: Readonly<Record<string, unknown>>;
}

/**
 * Normalises `validate`, `hooks`, `defaultScope` and `scopes` (and hooks declared by
 * decorators, which run after those of the options). Every mistake calls `fail`.
 */
export function normaliseLifecycle(options: ModelOptions, decoratorHooks: ReadonlyMap<string, readonly HookFunction[]> | undefined, fail: (message: string) => never): LifecycleDefinition {
  let modelValidators: ModelCheck[] = [];
  if (options.validate !== undefined) {
    try {
      modelValidators = compileModelValidation(options.validate);
    } catch (err) {
      fail((err as Error).message);
    }
  }
  const hooks: Partial<Record<HookName, HookFunction[]>> = {};
  const add = (name: string, fn: unknown, from: string) => {
    if (!isHookName(name)) fail(`${from}: unknown hook "${name}"; the hooks are ${HOOK_NAMES.join(', ')}`);
    const fns = Array.isArray(fn) ? fn : [fn];
    for (const f of fns) {
      if (typeof f !== 'function') fail(`${from}: hook "${name}" must be a function or an array of functions`);
      (hooks[name as HookName] ??= []).push(f as HookFunction);
    }
  };
  if (options.hooks !== undefined) {
    if (options.hooks === null || typeof options.hooks !== 'object') fail('the hooks option must be an object: { beforeCreate(instance, options) { … } }');
    for (const name of Object.keys(options.hooks)) add(name, options.hooks[name], 'hooks');
  }
  for (const [name, fns] of decoratorHooks ?? []) add(name, fns, 'hook decorator');
  let defaultScope: Record<string, unknown> | undefined;
  if (options.defaultScope !== undefined) {
    if (!isObject(options.defaultScope)) fail('defaultScope must be an object of finder options, e.g. { where: { active: true } }');
    defaultScope = Object.freeze({ ...options.defaultScope });
  }
  const scopes: Record<string, unknown> = Object.create(null);
  if (options.scopes !== undefined) {
    if (!isObject(options.scopes)) fail('scopes must be an object: { name: { where: … } } or { name: (arg) => ({ where: … }) }');
    for (const name of Object.keys(options.scopes)) {
      const s = options.scopes[name];
      if (name === 'defaultScope') fail('a scope cannot be named "defaultScope"; use the defaultScope option');
      if (typeof s !== 'function' && !isObject(s)) fail(`scope "${name}" must be an object of finder options or a function returning one`);
      scopes[name] = s;
    }
  }
  return Object.freeze({
    modelValidators: Object.freeze(modelValidators),
    hooks: Object.freeze(hooks),
    defaultScope,
    scopes: Object.freeze(scopes),
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
