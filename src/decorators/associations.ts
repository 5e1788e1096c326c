import { recordAttribute } from '../metadata/registry';
import { memberTarget } from './protocol';
import type { RawAssociation } from '../metadata/registry';
import type { BelongsToManyOptions, BelongsToOptions, HasOneOptions } from '../associations/types';

// Each works under both decorator protocols (experimentalDecorators and TC39), like @Column.
type PropertyDecorator = (target: any, property: any) => void;

function record(decorator: string, kind: RawAssociation['kind'], target: () => Function, options: Record<string, unknown>): PropertyDecorator {
  if (typeof target !== 'function') throw new TypeError(`@${decorator}(() => Model): the first argument must be a function returning the model class`);
  return (a, b) => {
    const { meta, property } = memberTarget(decorator, a, b);
    meta.associations.push({ kind, property, target, options: { ...options } });
  };
}

function fkOptions<O>(decorator: string, arg: string | O | undefined): O {
  if (arg === undefined) return {} as O;
  if (typeof arg === 'string') return { foreignKey: arg } as O;
  if (arg === null || typeof arg !== 'object') throw new TypeError(`@${decorator}: the second argument is a foreign key name or an options object`);
  return arg;
}

/**
 * `@BelongsTo(() => User, 'authorId')` or `(() => User, { foreignKey, as, targetKey, onDelete })`.
 * The property name is the alias. Type the property `NonAttribute<User>`: the decorator
 * never reads `design:type`, and a bare class type would read a class declared further
 * down the file too early.
 *
 * @example
 * ＠Table class Post extends Model {
 *   ＠ForeignKey(() => User) ＠Column declare authorId: number;
 *   ＠BelongsTo(() => User, 'authorId') declare author?: NonAttribute<User>;
 * }
 */
export function BelongsTo(target: () => Function, foreignKeyOrOptions?: string | Omit<BelongsToOptions, 'as'>): PropertyDecorator {
  return record('BelongsTo', 'belongsTo', target, fkOptions('BelongsTo', foreignKeyOrOptions));
}

/**
 * `@HasOne(() => Profile)`, `@HasOne(() => Profile, 'ownerId')` or with options.
 * @example ＠HasOne(() => Profile) declare profile?: NonAttribute<Profile>;
 */
export function HasOne(target: () => Function, foreignKeyOrOptions?: string | Omit<HasOneOptions, 'as'>): PropertyDecorator {
  return record('HasOne', 'hasOne', target, fkOptions('HasOne', foreignKeyOrOptions));
}

/**
 * `@HasMany(() => Post, 'authorId')` or with options.
 * @example ＠HasMany(() => Post, 'authorId') declare posts?: NonAttribute<Post[]>;
 */
export function HasMany(target: () => Function, foreignKeyOrOptions?: string | Omit<HasOneOptions, 'as'>): PropertyDecorator {
  return record('HasMany', 'hasMany', target, fkOptions('HasMany', foreignKeyOrOptions));
}

/**
 * `@BelongsToMany(() => Tag, () => PostTag)`, `(() => Tag, 'PostTags')`,
 * `(() => Tag, () => PostTag, 'postId', 'tagId')`, or `(() => Tag, { through, foreignKey, otherKey, … })`.
 * @example ＠BelongsToMany(() => Tag, () => PostTag) declare tags?: NonAttribute<Tag[]>;
 */
export function BelongsToMany(target: () => Function, through: (() => Function) | string | Omit<BelongsToManyOptions, 'as'>, foreignKey?: string, otherKey?: string): PropertyDecorator {
  let options: Record<string, unknown>;
  if (typeof through === 'function') options = { throughThunk: through };
  else if (typeof through === 'string') options = { through };
  else if (through !== null && typeof through === 'object') options = { ...through };
  else throw new TypeError('@BelongsToMany(() => Target, through): through is a junction table name, () => JunctionModel, or an options object');
  if (foreignKey !== undefined) options.foreignKey = foreignKey;
  if (otherKey !== undefined) options.otherKey = otherKey;
  return record('BelongsToMany', 'belongsToMany', target, options);
}

/**
 * Marks an attribute as the foreign key to another model; an association that names no
 * foreignKey between those two models uses it.
 * @example ＠ForeignKey(() => User) ＠Column declare authorId: number;
 */
export function ForeignKey(target: () => Function): PropertyDecorator {
  if (typeof target !== 'function') throw new TypeError('@ForeignKey(() => Model): pass a function returning the model class');
  return (a, b) => {
    const { meta, property } = memberTarget('ForeignKey', a, b);
    recordAttribute(meta, property, {});
    meta.foreignKeys.set(property, target);
  };
}
