/**
 * Every hook a model runs, in Sequelize's names. The lists say what each hook receives:
 * instance hooks `(instance, options)`, bulk hooks `(options)` or `(instances, options)`,
 * finder hooks `(options)` / `(result, options)`.
 */
export const HOOK_NAMES = [
  'beforeValidate', 'afterValidate', 'validationFailed',
  'beforeCreate', 'afterCreate', 'beforeUpdate', 'afterUpdate', 'beforeSave', 'afterSave',
  'beforeDestroy', 'afterDestroy', 'beforeRestore', 'afterRestore',
  'beforeUpsert', 'afterUpsert',
  'beforeBulkCreate', 'afterBulkCreate', 'beforeBulkUpdate', 'afterBulkUpdate',
  'beforeBulkDestroy', 'afterBulkDestroy', 'beforeBulkRestore', 'afterBulkRestore',
  'beforeFind', 'afterFind', 'beforeCount', 'beforeSync', 'afterSync',
] as const;

export type HookName = (typeof HOOK_NAMES)[number];

const KNOWN: ReadonlySet<string> = new Set(HOOK_NAMES);

export function isHookName(name: unknown): name is HookName {
  return typeof name === 'string' && KNOWN.has(name);
}

/** A hook: may be async; its `this` is the model class. */
export type HookFunction = (...args: any[]) => unknown;
