import { recordAttribute, rawMetadataFor } from '../metadata/registry';
import type { HookName } from '../hooks/names';
import { DateType } from '../types';

type PropertyDecorator = (target: object, property: string | symbol) => void;
type ClassDecorator = <T extends Function>(target: T) => void;
type MethodDecorator = (target: object, property: string | symbol, descriptor?: PropertyDescriptor) => void;

/**
 * Adds validators to a decorated attribute (merged with those of `@Column({ validate })`).
 * @example ＠Validate({ isEmail: true, len: [3, 64] }) ＠Column declare email: string;
 */
export function Validate(validators: Record<string, unknown>): PropertyDecorator {
  return (target, property) => {
    if (typeof property !== 'string') throw new TypeError('@Validate cannot decorate a symbol-named property');
    const model = (target as { constructor: Function }).constructor;
    const current = rawMetadataFor(model).attributes.get(property)?.validate;
    recordAttribute(model, property, { validate: { ...current, ...validators } });
  };
}

/**
 * Marks the soft-delete attribute and makes the model paranoid.
 * @example ＠DeletedAt declare removedAt: Date | null;
 */
export function DeletedAt(target: object, property: string | symbol): void {
  if (typeof property !== 'string') throw new TypeError('@DeletedAt cannot decorate a symbol-named property');
  const model = (target as { constructor: Function }).constructor;
  // Always a nullable DATE: `Date | null` emits no usable design type.
  recordAttribute(model, property, { type: new DateType(), allowNull: true });
  rawMetadataFor(model).deletedAtProperty = property;
}

/**
 * The model's default scope, given lazily (so it may name models declared later).
 * @example ＠DefaultScope(() => ({ where: { active: true } })) ＠Table class User extends Model {}
 */
export function DefaultScope(scope: () => Record<string, unknown>): ClassDecorator {
  return (target) => {
    const meta = rawMetadataFor(target);
    meta.model = { ...meta.model, defaultScope: scope() };
  };
}

/**
 * The model's named scopes.
 * @example ＠Scopes(() => ({ adults: { where: { age: { [Op.gte]: 18 } } }, named: (n: string) => ({ where: { name: n } }) }))
 */
export function Scopes(scopes: () => Record<string, Record<string, unknown> | ((...args: any[]) => Record<string, unknown>)>): ClassDecorator {
  return (target) => {
    const meta = rawMetadataFor(target);
    meta.model = { ...meta.model, scopes: { ...meta.model.scopes, ...scopes() } };
  };
}

/** The decorator of one hook: put it on a static method, which then runs as that hook. */
function hookDecorator(name: HookName): MethodDecorator {
  return (target, property) => {
    if (typeof target !== 'function') throw new TypeError(`@${name[0].toUpperCase()}${name.slice(1)} goes on a static method (static ${String(property)}(instance, options) {})`);
    const fn = (target as unknown as Record<string | symbol, unknown>)[property];
    if (typeof fn !== 'function') throw new TypeError(`@${name}: ${String(property)} is not a method`);
    const hooks = rawMetadataFor(target).hooks;
    hooks.set(name, [...(hooks.get(name) ?? []), fn as (...args: any[]) => unknown]);
  };
}

/**
 * Hook decorators, one per hook name: `＠BeforeCreate static stamp(instance, options) {}`.
 * @example
 * ＠Table class User extends Model {
 *   ＠BeforeSave static lower(user: User) { user.email = user.email.toLowerCase(); }
 * }
 */
export const BeforeValidate = hookDecorator('beforeValidate');
export const AfterValidate = hookDecorator('afterValidate');
export const ValidationFailed = hookDecorator('validationFailed');
export const BeforeCreate = hookDecorator('beforeCreate');
export const AfterCreate = hookDecorator('afterCreate');
export const BeforeUpdate = hookDecorator('beforeUpdate');
export const AfterUpdate = hookDecorator('afterUpdate');
export const BeforeSave = hookDecorator('beforeSave');
export const AfterSave = hookDecorator('afterSave');
export const BeforeDestroy = hookDecorator('beforeDestroy');
export const AfterDestroy = hookDecorator('afterDestroy');
export const BeforeRestore = hookDecorator('beforeRestore');
export const AfterRestore = hookDecorator('afterRestore');
export const BeforeUpsert = hookDecorator('beforeUpsert');
export const AfterUpsert = hookDecorator('afterUpsert');
export const BeforeBulkCreate = hookDecorator('beforeBulkCreate');
export const AfterBulkCreate = hookDecorator('afterBulkCreate');
export const BeforeBulkUpdate = hookDecorator('beforeBulkUpdate');
export const AfterBulkUpdate = hookDecorator('afterBulkUpdate');
export const BeforeBulkDestroy = hookDecorator('beforeBulkDestroy');
export const AfterBulkDestroy = hookDecorator('afterBulkDestroy');
export const BeforeBulkRestore = hookDecorator('beforeBulkRestore');
export const AfterBulkRestore = hookDecorator('afterBulkRestore');
export const BeforeFind = hookDecorator('beforeFind');
export const AfterFind = hookDecorator('afterFind');
export const BeforeCount = hookDecorator('beforeCount');
export const BeforeSync = hookDecorator('beforeSync');
export const AfterSync = hookDecorator('afterSync');
