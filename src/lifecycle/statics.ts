import { bindingOf, executorOf } from '../instance/binding';
import type { HookFunction, HookName } from '../hooks/names';
import { addScope, resolveScopes, scopedModel } from '../scopes/resolve';
import type { ScopeOption } from '../scopes/resolve';
import type { DestroyOptions } from '../query/options';
import { installHookStatics } from './hook-statics';
import type { HookAdder } from './hook-statics';
import * as whereWrites from './where-writes';

/**
 * The Model statics of the lifecycle (soft delete, scopes, hooks), kept out of model.ts so
 * that file stays the thin base class. Installed once on Model; subclasses inherit them.
 */
const statics = {
  /** `Model.restore({ where })`: un-deletes the matching soft-deleted rows; resolves to their number. */
  async restore(this: Function, options: DestroyOptions & { individualHooks?: boolean; hooks?: boolean }): Promise<number> {
    const b = bindingOf(this);
    return whereWrites.restore(b, executorOf(b, options), this, options as never);
  },
  scope(this: Function, ...scopes: ScopeOption[]): Function {
    const b = bindingOf(this);
    return scopedModel(b, resolveScopes(b, scopes));
  },
  unscoped(this: Function): Function {
    return scopedModel(bindingOf(this), {});
  },
  addScope(this: Function, name: string, scope: unknown, options?: { override?: boolean }): void {
    addScope(bindingOf(this), name, scope, options);
  },
  addHook(this: Function, name: HookName, fnOrName: HookFunction | string, fn?: HookFunction): void {
    bindingOf(this).hooks.add(name, fnOrName, fn, `${this.name}.addHook`);
  },
  removeHook(this: Function, name: HookName, fnOrName?: HookFunction | string): void {
    bindingOf(this).hooks.remove(name, fnOrName);
  },
  hasHook(this: Function, name: HookName): boolean {
    return bindingOf(this).hooks.has(name);
  },
  /** Sequelize's other spelling of hasHook. */
  hasHooks(this: Function, name: HookName): boolean {
    return bindingOf(this).hooks.has(name);
  },
};

export function installLifecycleStatics(base: Function): void {
  for (const [name, value] of Object.entries(statics)) Object.defineProperty(base, name, { configurable: true, writable: true, value });
  installHookStatics(base);
}

declare module '../model' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Model {
    /**
     * Un-deletes the matching soft-deleted rows of a paranoid model; resolves to their number.
     * @example await Post.restore({ where: { authorId: 3 } }) // UPDATE "Posts" SET "deletedAt" = $1 WHERE …
     */
    function restore(options: DestroyOptions & { individualHooks?: boolean; hooks?: boolean }): Promise<number>;
    /**
     * A copy of the model whose finders start from these scopes (merged left to right: where
     * with AND; the default scope only when named). No argument or `null`: no scope.
     * @example await User.scope('active', { method: ['olderThan', 30] }).findAll()
     */
    function scope<T extends Function>(this: T, ...scopes: ScopeOption[]): T;
    /** A copy of the model without any scope (the default scope included). @example await User.unscoped().count() */
    function unscoped<T extends Function>(this: T): T;
    /**
     * Adds a named scope (or `'defaultScope'`); an existing name needs `{ override: true }`.
     * @example User.addScope('adults', { where: { age: { [Op.gte]: 18 } } })
     */
    function addScope(name: string, scope: Record<string, unknown> | ((...args: any[]) => Record<string, unknown>), options?: { override?: boolean }): void;
    /**
     * Adds a hook to this model: `addHook('beforeCreate', fn)` or `addHook('beforeCreate', 'name', fn)`.
     * @example User.addHook('beforeSave', (user) => { user.email = user.email.toLowerCase() })
     */
    function addHook(name: HookName, fnOrName: HookFunction | string, fn?: HookFunction): void;
    /** Removes hooks of `name`: one function, those added under a name, or all. @example User.removeHook('beforeSave', 'lower') */
    function removeHook(name: HookName, fnOrName?: HookFunction | string): void;
    /** Whether a hook of `name` runs for this model (its own or the Database's). @example User.hasHook('beforeCreate') */
    function hasHook(name: HookName): boolean;
    function hasHooks(name: HookName): boolean;
  }
}
export type { HookAdder };
