import { DefinitionError } from '../errors';
import { recordAttribute, rawMetadataFor } from '../metadata/registry';
import { classTarget, memberTarget } from './protocol';
import type { HookName } from '../hooks/names';
import { DateType } from '../types';

// Each works under both decorator protocols (experimentalDecorators and TC39), like @Column.
type PropertyDecorator = (target: any, property: any) => void;
type ClassDecorator = (target: any, context?: any) => void;
type MethodDecorator = (target: any, property: any, descriptor?: PropertyDescriptor) => void;

/**
 * Adds validators to a decorated attribute (merged with those of `@Column({ validate })`).
 * @example ＠Validate({ isEmail: true, len: [3, 64] }) ＠Column declare email: string;
 */
export function Validate(validators: Record<string, unknown>): PropertyDecorator {
  return (a, b) => {
    const { meta, property } = memberTarget('Validate', a, b);
    const current = meta.attributes.get(property)?.validate;
    recordAttribute(meta, property, { validate: { ...current, ...validators } });
  };
}

/**
 * Marks the soft-delete attribute and makes the model paranoid.
 * @example ＠DeletedAt declare removedAt: Date | null;
 */
export function DeletedAt(a: any, b: any): void {
  const { meta, property } = memberTarget('DeletedAt', a, b);
  // Always a nullable DATE: `Date | null` emits no usable design type.
  recordAttribute(meta, property, { type: new DateType(), allowNull: true });
  meta.deletedAtProperty = property;
}

/**
 * The model's default scope, given lazily (so it may name models declared later).
 * @example ＠DefaultScope(() => ({ where: { active: true } })) ＠Table class User extends Model {}
 */
export function DefaultScope(scope: () => Record<string, unknown>): ClassDecorator {
  return (a, b) => {
    const meta = classTarget('DefaultScope', a, b);
    meta.model = { ...meta.model, defaultScope: scope() };
  };
}

/**
 * The model's named scopes.
 * @example ＠Scopes(() => ({ adults: { where: { age: { [Op.gte]: 18 } } }, named: (n: string) => ({ where: { name: n } }) }))
 */
export function Scopes(scopes: () => Record<string, Record<string, unknown> | ((...args: any[]) => Record<string, unknown>)>): ClassDecorator {
  return (a, b) => {
    const meta = classTarget('Scopes', a, b);
    meta.model = { ...meta.model, scopes: { ...meta.model.scopes, ...scopes() } };
  };
}

/** The decorator of one hook: put it on a static method, which then runs as that hook. */
function hookDecorator(name: HookName): MethodDecorator {
  const title = `${name[0].toUpperCase()}${name.slice(1)}`;
  return (target, property) => {
    let fn: unknown;
    let meta;
    const context = property as { kind?: unknown; static?: unknown; name?: unknown; metadata?: object } | undefined;
    if (context !== null && typeof context === 'object' && typeof context.kind === 'string') {
      // TC39: (method, context); the hook records on the class's metadata object.
      if (context.kind !== 'method' || context.static !== true) throw new DefinitionError(`@${title} goes on a static method (static ${String(context.name)}(instance, options) {})`);
      if (context.metadata === undefined || context.metadata === null) throw new DefinitionError(`@${title}: the compiler passed no decorator metadata (context.metadata)`);
      fn = target;
      meta = rawMetadataFor(context.metadata);
    } else {
      if (typeof target !== 'function') throw new DefinitionError(`@${title} goes on a static method (static ${String(property)}(instance, options) {})`);
      fn = (target as Record<string | symbol, unknown>)[property];
      meta = rawMetadataFor(target);
    }
    if (typeof fn !== 'function') throw new DefinitionError(`@${title}: ${String(context?.name ?? property)} is not a method`);
    meta.hooks.set(name, [...(meta.hooks.get(name) ?? []), fn as (...args: any[]) => unknown]);
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
