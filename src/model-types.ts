import type { Model } from './model';

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

/**
 * The attributes of a model instance type: its own data properties, without Model's API
 * or methods. For `class User extends Model { declare name: string }` this is `{ name: string }`.
 */
export type Attributes<M> = {
  [K in keyof M as K extends keyof Model ? never : K extends symbol ? never : M[K] extends Fn ? never : IsNonAttribute<M[K]> extends true ? never : K]: M[K];
};

/**
 * What `build` and `create` accept: exactly the model's attributes, each optional (a
 * default, auto-increment or timestamp may fill it; NOT NULL is checked at save). Readonly
 * properties, which include getter-only accessors such as `get fullName()`, are left out:
 * they cannot be assigned.
 */
export type CreationAttributes<M> = { [K in keyof Attributes<M> as K extends WritableKeys<M> ? K : never]?: Attributes<M>[K] | null };

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
