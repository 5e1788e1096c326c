import { recordAttribute, rawMetadataFor } from '../metadata/registry';
import type { AttributeOptions, DataTypeInput } from '../metadata/options';
import { DataType } from '../types';

type PropertyDecorator = (target: object, property: string | symbol) => void;

function classOf(target: object): Function {
  return (target as { constructor: Function }).constructor;
}

function propertyName(property: string | symbol, decorator: string): string {
  if (typeof property !== 'string') throw new TypeError(`@${decorator} cannot decorate a symbol-named property`);
  return property;
}

function attributeDecorator(name: string, options: AttributeOptions): PropertyDecorator {
  return (target, property) => recordAttribute(classOf(target), propertyName(property, name), options);
}

function isTypeInput(arg: unknown): arg is DataTypeInput {
  return arg instanceof DataType || (typeof arg === 'function' && typeof (arg as { key?: unknown }).key === 'string');
}

/**
 * Declares an attribute. Bare (`@Column`: type inferred from the TypeScript type), with a
 * type (`@Column(DataTypes.UUID)`), or with options (`@Column({ allowNull: false })`).
 */
export function Column(target: object, property: string | symbol): void;
export function Column(typeOrOptions: DataTypeInput | AttributeOptions): PropertyDecorator;
export function Column(arg: object | DataTypeInput | AttributeOptions, property?: string | symbol): void | PropertyDecorator {
  if (property !== undefined) {
    recordAttribute(classOf(arg), propertyName(property, 'Column'), {});
    return;
  }
  return attributeDecorator('Column', isTypeInput(arg) ? { type: arg } : { ...(arg as AttributeOptions) });
}

/** `@Default(0)`, `@Default(DataTypes.UUIDV4)`, `@Default(DataTypes.NOW)`, `@Default(() => x)`. */
export function Default(value: unknown): PropertyDecorator {
  return attributeDecorator('Default', { defaultValue: value });
}

function flag(name: string, options: AttributeOptions) {
  return (target: object, property: string | symbol): void => attributeDecorator(name, options)(target, property);
}

export const PrimaryKey = flag('PrimaryKey', { primaryKey: true });
export const AutoIncrement = flag('AutoIncrement', { autoIncrement: true });

/** `@AllowNull` (true) or `@AllowNull(false)`. */
export function AllowNull(target: object, property: string | symbol): void;
export function AllowNull(allow: boolean): PropertyDecorator;
export function AllowNull(arg: object | boolean, property?: string | symbol): void | PropertyDecorator {
  if (typeof arg === 'boolean') return attributeDecorator('AllowNull', { allowNull: arg });
  attributeDecorator('AllowNull', { allowNull: true })(arg, property!);
}

/** `@Unique`, or `@Unique('name')` to share one composite constraint across attributes. */
export function Unique(target: object, property: string | symbol): void;
export function Unique(name: string): PropertyDecorator;
export function Unique(arg: object | string, property?: string | symbol): void | PropertyDecorator {
  if (typeof arg === 'string') return attributeDecorator('Unique', { unique: arg });
  attributeDecorator('Unique', { unique: true })(arg, property!);
}

export function Comment(text: string): PropertyDecorator {
  return attributeDecorator('Comment', { comment: text });
}

/** Marks the attribute the runtime sets on insert (replaces the default `createdAt`). */
export function CreatedAt(target: object, property: string | symbol): void {
  const name = propertyName(property, 'CreatedAt');
  recordAttribute(classOf(target), name, {});
  rawMetadataFor(classOf(target)).createdAtProperty = name;
}

/** Marks the attribute the runtime sets on every write (replaces the default `updatedAt`). */
export function UpdatedAt(target: object, property: string | symbol): void {
  const name = propertyName(property, 'UpdatedAt');
  recordAttribute(classOf(target), name, {});
  rawMetadataFor(classOf(target)).updatedAtProperty = name;
}

/**
 * `@Index` (one-column index), `@Index('name')` (attributes sharing a name form one
 * composite index), or `@Index({ name, unique })`.
 */
export function Index(target: object, property: string | symbol): void;
export function Index(nameOrOptions: string | { name?: string; unique?: boolean }): PropertyDecorator;
export function Index(arg: object | string | { name?: string; unique?: boolean }, property?: string | symbol): void | PropertyDecorator {
  const add = (target: object, prop: string | symbol, name: string | undefined, unique: boolean) => {
    const attr = propertyName(prop, 'Index');
    recordAttribute(classOf(target), attr, {});
    const indexes = rawMetadataFor(classOf(target)).indexes;
    const key = name ?? `\u0000${attr}`;
    const entry = indexes.get(key) ?? { unique, attributes: [] };
    entry.attributes.push(attr);
    entry.unique = entry.unique || unique;
    indexes.set(key, entry);
  };
  if (property !== undefined) return add(arg as object, property, undefined, false);
  if (typeof arg === 'string') return (t, p) => add(t, p, arg, false);
  const o = arg as { name?: string; unique?: boolean };
  return (t, p) => add(t, p, o.name, o.unique ?? false);
}
