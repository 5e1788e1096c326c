import { bindingOf } from '../instance/binding';
import { HOOK_NAMES } from '../hooks/names';
import type { HookFunction } from '../hooks/names';

/** `Model.beforeCreate(fn)` / `Model.beforeCreate('name', fn)`: one static per hook name, as in Sequelize. */
export type HookAdder = (fnOrName: HookFunction | string, fn?: HookFunction) => void;

/**
 * Gives the Model class one static per hook (`User.beforeCreate(fn)`, `User.afterFind(fn)` …),
 * each adding to the calling model's registry. Installed once on Model; subclasses inherit them.
 */
export function installHookStatics(base: Function): void {
  for (const name of HOOK_NAMES) {
    Object.defineProperty(base, name, {
      configurable: true,
      writable: true,
      value: function addNamedHook(this: Function, fnOrName: HookFunction | string, fn?: HookFunction): void {
        bindingOf(this).hooks.add(name, fnOrName, fn, `${this.name}.${name}`);
      },
    });
  }
}

// The statics' types: `User.beforeCreate(fn)`.
declare module '../model' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Model {
    let beforeValidate: HookAdder;
    let afterValidate: HookAdder;
    let validationFailed: HookAdder;
    let beforeCreate: HookAdder;
    let afterCreate: HookAdder;
    let beforeUpdate: HookAdder;
    let afterUpdate: HookAdder;
    let beforeSave: HookAdder;
    let afterSave: HookAdder;
    let beforeDestroy: HookAdder;
    let afterDestroy: HookAdder;
    let beforeRestore: HookAdder;
    let afterRestore: HookAdder;
    let beforeUpsert: HookAdder;
    let afterUpsert: HookAdder;
    let beforeBulkCreate: HookAdder;
    let afterBulkCreate: HookAdder;
    let beforeBulkUpdate: HookAdder;
    let afterBulkUpdate: HookAdder;
    let beforeBulkDestroy: HookAdder;
    let afterBulkDestroy: HookAdder;
    let beforeBulkRestore: HookAdder;
    let afterBulkRestore: HookAdder;
    let beforeFind: HookAdder;
    let afterFind: HookAdder;
    let beforeCount: HookAdder;
    let beforeSync: HookAdder;
    let afterSync: HookAdder;
  }
}
