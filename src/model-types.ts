import type { Model } from './model';
import type { SqlExpression } from './query/expressions';

type Fn = (...args: any[]) => any;

declare const NonAttributeBrand: unique symbol;

/**
 * Marks a property that is not an attribute (an association, a computed value): it is left
 * out of `Attributes`, `CreationAttributes` and `where`. Type association properties with
 * it: the emitted `design:type` is then `Object`, so decorating never reads a class that is
 * declared further down the file (with a bare `Profile` type, ES2022 output throws
 * "Cannot access 'Profile' before initialization").
 *
 * @example
 * ＠HasMany(() => Post, 'authorId') declare posts?: NonAttribute<Post[]>;
 */
export type NonAttribute<T> = T extends null | undefined ? T : T & { [NonAttributeBrand]?: true };

/** Whether `T` carries the NonAttribute brand (the brand's key is among its keys); `any` does not. */
type IsNonAttribute<T> = 0 extends 1 & T ? false : [NonNullable<T>] extends [never] ? false : typeof NonAttributeBrand extends keyof NonNullable<T> ? true : false;

/** The class's own data properties, without Model's API, methods, or NonAttribute properties. */
type DeclaredAttributes<M> = {
  [K in keyof M as K extends keyof Model ? never : K extends symbol ? never : M[K] extends Fn ? never : IsNonAttribute<M[K]> extends true ? never : K]: M[K];
};

/**
 * Declare it to opt a model out of the implicit attributes (for a model with another
 * primary key and no timestamps, say): `declare [NoImplicitAttributes]: true`.
 * Declaring `id`, `createdAt` or `updatedAt` yourself also wins over the implicit one.
 *
 * @example
 * class Tag extends Model {
 *   declare [NoImplicitAttributes]: true;
 *   ＠PrimaryKey ＠Column declare code: string;
 * }
 */
export const NoImplicitAttributes: unique symbol = Symbol('inscribe.noImplicitAttributes');

/**
 * The attributes the runtime adds to a model that does not declare them, as Sequelize
 * does: an `id` SERIAL primary key (when no primary key is declared) and the managed
 * timestamps (unless `timestamps: false`).
 */
export interface ImplicitAttributes {
  id: number;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * The implicit attributes `M` does not declare itself. The types cannot see decorator or
 * `define` options, so they assume the defaults; {@link NoImplicitAttributes} opts out.
 */
export type Implicit<M> = typeof NoImplicitAttributes extends keyof M
  ? {}
  : { [K in Exclude<keyof ImplicitAttributes, keyof M>]: ImplicitAttributes[K] };

/**
 * A model instance as the finders and `create` return it: the class, plus the implicit
 * attributes it does not declare (`user.id`, `user.createdAt` without declaring them).
 *
 * @example
 * const u = await User.create({ name: 'Ada' });
 * u.id; // number
 */
export type WithImplicit<M> = M & Implicit<M>;

/**
 * The attributes of a model instance type: its own data properties, without Model's API
 * or methods, plus the {@link ImplicitAttributes} it does not declare. For
 * `class User extends Model { declare name: string }` this is
 * `{ name: string; id: number; createdAt: Date; updatedAt: Date }`.
 */
export type Attributes<M> = [keyof DeclaredAttributes<M>] extends [never]
  ? {}
  : { [K in keyof (DeclaredAttributes<M> & Implicit<M>)]: (DeclaredAttributes<M> & Implicit<M>)[K] };

/**
 * What `build` and `create` accept: exactly the model's attributes, each optional (a
 * default, auto-increment or timestamp may fill it; NOT NULL is checked at save). Readonly
 * properties, which include getter-only accessors such as `get fullName()`, are left out:
 * they cannot be assigned.
 */
export type CreationAttributes<M> = { [K in keyof Attributes<M> as K extends WritableKeys<M> | keyof Implicit<M> ? K : never]?: Attributes<M>[K] | null };

type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
type WritableKeys<M> = { [K in keyof M]-?: Same<{ [Q in K]: M[K] }, { -readonly [Q in K]: M[K] }> extends true ? K : never }[keyof M];

/** Attribute names of a model, for `fields`, `increment`, `attributes` and `order`. */
export type AttributeName<M> = Extract<keyof Attributes<M>, string>;

/**
 * What `changed()` lists. A type with no declared attributes (Model itself) lists any
 * string, so every model class stays assignable to `Model`: a subclass's narrower list
 * satisfies `string[]`, where it could never satisfy `never[]`.
 */
export type ChangedAttributeName<M> = [AttributeName<M>] extends [never] ? string : AttributeName<M>;

/** A model class as statics see it: `this` in `static build<M>(this: ModelStatic<M>)`. */
export type ModelStatic<M extends Model> = (new () => M) & Omit<typeof Model, 'prototype'> & { prototype: M };

/**
 * A decimal number held as text, as DECIMAL/NUMERIC (and BIGINT, by default) are read:
 * declare such attributes with this type (not plain `string`) to increment them.
 */
export type NumericString = `${number}`;

type NumericValue = number | bigint | NumericString;

/**
 * The attributes `increment` and `decrement` take: those whose type is a number, a bigint
 * or a {@link NumericString}. `increment('firstName')` on a `string` attribute does not compile.
 */
export type NumericAttributeName<M> = {
  [K in AttributeName<M>]-?: [Exclude<Attributes<M>[K], null | undefined>] extends [never] ? never : Exclude<Attributes<M>[K], null | undefined> extends NumericValue ? K : never;
}[AttributeName<M>];

/** `'age'`, `['age', 'cash']`, or `{ age: 2, cash: 100 }`: what `increment`/`decrement` take. */
export type IncrementFields<M> = NumericAttributeName<M> | readonly NumericAttributeName<M>[] | { [K in NumericAttributeName<M>]?: number | string | bigint | SqlExpression };
