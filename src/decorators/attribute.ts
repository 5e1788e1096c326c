import { recordAttribute } from '../metadata/registry';
import type { AttributeOptions, DataTypeInput } from '../metadata/options';
import { DataType } from '../types';
import { memberTarget } from './protocol';
import type { AttributeDecorator } from './protocol';

/** An attribute decorator that merges `options` into the property's record, under either protocol. */
function attributeDecorator(name: string, options: AttributeOptions): AttributeDecorator {
  return ((a: unknown, b: unknown) => {
    const { meta, property } = memberTarget(name, a, b);
    recordAttribute(meta, property, options);
  }) as AttributeDecorator;
}

function isTypeInput(arg: unknown): arg is DataTypeInput {
  return arg instanceof DataType || (typeof arg === 'function' && typeof (arg as { key?: unknown }).key === 'string');
}

/** A bare use (`@Column` with no call): the arguments are the decorator protocol's own. */
function isBareUse(a: unknown, b: unknown): boolean {
  return typeof b === 'string' || typeof b === 'symbol' || (b !== null && typeof b === 'object' && typeof (b as { kind?: unknown }).kind === 'string');
}

/**
 * Declares an attribute. Bare (`@Column`: type inferred from the TypeScript type under
 * experimentalDecorators, or from the initializer under standard decorators), with a type
 * (`@Column(DataTypes.UUID)`), or with options (`@Column({ allowNull: false })`).
 *
 * @example
 * class User extends Model {
 *   ＠Column declare name: string;                           // experimentalDecorators: STRING from design:type
 *   ＠Column(DataTypes.UUID) declare token: string;
 *   ＠Column({ type: DataTypes.TEXT, allowNull: false }) bio!: string; // standard decorators: give the type…
 *   ＠Column age = 0;                                         // …or an initializer (INTEGER, default 0)
 * }
 */
export function Column(target: object, property: string | symbol): void;
export function Column(value: undefined | ClassAccessorDecoratorTarget<any, any>, context: ClassFieldDecoratorContext | ClassAccessorDecoratorContext): void;
export function Column(typeOrOptions: DataTypeInput | AttributeOptions): AttributeDecorator;
export function Column(arg: unknown, context?: unknown): void | AttributeDecorator {
  if (isBareUse(arg, context)) return attributeDecorator('Column', {})(arg as object, context as string);
  return attributeDecorator('Column', isTypeInput(arg) ? { type: arg } : { ...(arg as AttributeOptions) });
}

/**
 * The value `build`/`create` give the attribute when none is passed: a literal, a function
 * called per row, `DataTypes.NOW`, `DataTypes.UUIDV1`/`UUIDV4` (SQL defaults where they exist).
 *
 * @example
 * ＠Default(0) ＠Column declare age: number;
 * ＠Default(DataTypes.UUIDV4) ＠Column(DataTypes.UUID) declare id: string;
 */
export function Default(value: unknown): AttributeDecorator {
  return attributeDecorator('Default', { defaultValue: value });
}

/** A decorator used bare: `@PrimaryKey`. */
function flag(name: string, options: AttributeOptions): AttributeDecorator {
  return attributeDecorator(name, options);
}

/**
 * Marks the primary key (one or several attributes). Without one, an `id` SERIAL key is added.
 *
 * @example
 * ＠PrimaryKey ＠Column(DataTypes.UUID) declare id: string;
 */
export const PrimaryKey: AttributeDecorator = flag('PrimaryKey', { primaryKey: true });

/**
 * An auto-incrementing integer (SERIAL / BIGSERIAL).
 *
 * @example
 * ＠PrimaryKey ＠AutoIncrement ＠Column(DataTypes.INTEGER) declare id: number;
 */
export const AutoIncrement: AttributeDecorator = flag('AutoIncrement', { autoIncrement: true });

/**
 * `@AllowNull` (true) or `@AllowNull(false)` (NOT NULL, checked before anything is sent).
 *
 * @example
 * ＠AllowNull(false) ＠Column declare email: string;
 */
export function AllowNull(target: object, property: string | symbol): void;
export function AllowNull(value: undefined | ClassAccessorDecoratorTarget<any, any>, context: ClassFieldDecoratorContext | ClassAccessorDecoratorContext): void;
export function AllowNull(allow: boolean): AttributeDecorator;
export function AllowNull(arg: unknown, context?: unknown): void | AttributeDecorator {
  if (typeof arg === 'boolean') return attributeDecorator('AllowNull', { allowNull: arg });
  attributeDecorator('AllowNull', { allowNull: true })(arg as object, context as string);
}

/**
 * `@Unique`, or `@Unique('name')` to share one composite constraint across attributes, or
 * `@Unique({ name, msg })` (as sequelize-typescript): `msg` is the UniqueConstraintError message.
 *
 * @example
 * ＠Unique ＠Column declare email: string;
 * ＠Unique({ name: 'team_member', msg: 'already in this team' }) ＠Column declare teamId: number;
 * ＠Unique('team_member') ＠Column declare teamId: number;
 * ＠Unique('team_member') ＠Column declare userId: number;
 */
export function Unique(target: object, property: string | symbol): void;
export function Unique(value: undefined | ClassAccessorDecoratorTarget<any, any>, context: ClassFieldDecoratorContext | ClassAccessorDecoratorContext): void;
export function Unique(name: string | { name?: string; msg?: string }): AttributeDecorator;
export function Unique(arg: unknown, context?: unknown): void | AttributeDecorator {
  if (typeof arg === 'string' && context === undefined) return attributeDecorator('Unique', { unique: arg });
  // A plain options object (a decorated class's prototype is never a plain object).
  if (arg !== null && typeof arg === 'object' && context === undefined && Object.getPrototypeOf(arg) === Object.prototype) return attributeDecorator('Unique', { unique: arg as { name?: string; msg?: string } });
  attributeDecorator('Unique', { unique: true })(arg as object, context as string);
}

/**
 * A column comment (`COMMENT ON COLUMN`).
 *
 * @example
 * ＠Comment('ISO 4217') ＠Column(DataTypes.STRING(3)) declare currency: string;
 */
export function Comment(text: string): AttributeDecorator {
  return attributeDecorator('Comment', { comment: text });
}

/** A decorator that also names the model's createdAt or updatedAt property. */
function timestampMarker(name: 'CreatedAt' | 'UpdatedAt'): AttributeDecorator {
  return ((a: unknown, b: unknown) => {
    const { meta, property } = memberTarget(name, a, b);
    recordAttribute(meta, property, {});
    if (name === 'CreatedAt') meta.createdAtProperty = property;
    else meta.updatedAtProperty = property;
  }) as AttributeDecorator;
}

/**
 * Marks the attribute the runtime sets on insert (replaces the default `createdAt`).
 *
 * @example
 * ＠CreatedAt declare created: Date;
 */
export const CreatedAt: AttributeDecorator = timestampMarker('CreatedAt');

/**
 * Marks the attribute the runtime sets on every write (replaces the default `updatedAt`).
 *
 * @example
 * ＠UpdatedAt declare modified: Date;
 */
export const UpdatedAt: AttributeDecorator = timestampMarker('UpdatedAt');

/**
 * `@Index` (one-column index), `@Index('name')` (attributes sharing a name form one
 * composite index), or `@Index({ name, unique })`.
 *
 * @example
 * ＠Index ＠Column declare email: string;
 * ＠Index({ name: 'by_place', unique: true }) ＠Column declare city: string;
 */
export function Index(target: object, property: string | symbol): void;
export function Index(value: undefined | ClassAccessorDecoratorTarget<any, any>, context: ClassFieldDecoratorContext | ClassAccessorDecoratorContext): void;
export function Index(nameOrOptions: string | { name?: string; unique?: boolean }): AttributeDecorator;
export function Index(arg: unknown, context?: unknown): void | AttributeDecorator {
  const add = (name: string | undefined, unique: boolean): AttributeDecorator => ((a: unknown, b: unknown) => {
    const { meta, property } = memberTarget('Index', a, b);
    recordAttribute(meta, property, {});
    const key = name ?? `\u0000${property}`;
    const entry = meta.indexes.get(key) ?? { unique, attributes: [] };
    entry.attributes.push(property);
    entry.unique = entry.unique || unique;
    meta.indexes.set(key, entry);
  }) as AttributeDecorator;
  if (isBareUse(arg, context)) return add(undefined, false)(arg as object, context as string);
  if (typeof arg === 'string') return add(arg, false);
  const o = arg as { name?: string; unique?: boolean };
  return add(o.name, o.unique ?? false);
}
