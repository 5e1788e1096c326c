/**
 * One association between two registered models, as `hasOne`, `belongsTo`, `hasMany` and
 * `belongsToMany` record it. Attribute names only: definitions are re-normalised when an
 * association adds a foreign key, so the live definition is always read from the binding.
 */
export type AssociationKind = 'hasOne' | 'belongsTo' | 'hasMany' | 'belongsToMany';

export interface Association {
  readonly kind: AssociationKind;
  /** The model the association is declared on (`User` in `User.hasMany(Post)`). */
  readonly source: Function;
  readonly target: Function;
  /** The property included instances are set on, and the include alias (`posts`). */
  readonly as: string;
  /** Accessor stems: `Post` / `Posts` → `getPosts`, `addPost`. */
  readonly singular: string;
  readonly plural: string;
  /** hasOne/hasMany: on the target; belongsTo: on the source; belongsToMany: on the junction, pointing at the source. */
  readonly foreignKey: string;
  /** hasOne/hasMany/belongsToMany: the source attribute the foreign key holds. */
  readonly sourceKey: string;
  /** belongsTo/belongsToMany: the target attribute the foreign key (or otherKey) holds. */
  readonly targetKey: string;
  /** belongsToMany: the junction attribute pointing at the target. */
  readonly otherKey?: string;
  /** belongsToMany: the junction model. */
  readonly through?: Function;
  /** hasMany and belongsToMany: a list of instances. */
  readonly isMultiple: boolean;
}

/** `foreignKey: 'authorId'` or `{ name: 'authorId', allowNull: false }`. */
export type ForeignKeyOption = string | { name?: string; allowNull?: boolean };

export type ReferentialActionOption = 'CASCADE' | 'SET NULL' | 'RESTRICT' | 'NO ACTION' | 'SET DEFAULT';

/** Options shared by every association. */
export interface AssociationOptions {
  /** The property and include alias; a string, or `{ singular, plural }` for a to-many one. */
  as?: string | { singular: string; plural: string };
  foreignKey?: ForeignKeyOption;
  onDelete?: ReferentialActionOption;
  onUpdate?: ReferentialActionOption;
  /** `false`: the foreign key attribute is added, but no FOREIGN KEY constraint. */
  constraints?: boolean;
}

export interface HasOneOptions extends AssociationOptions {
  /** The source attribute the foreign key points at (default: its primary key). */
  sourceKey?: string;
}
export type HasManyOptions = HasOneOptions;

export interface BelongsToOptions extends AssociationOptions {
  /** The target attribute the foreign key points at (default: its primary key). */
  targetKey?: string;
}

export interface BelongsToManyOptions extends AssociationOptions {
  /** The junction: a table name (a model of that name is defined) or a registered model. */
  through: string | Function | { model: string | Function };
  /** The junction attribute pointing at the target: a name or `{ name, allowNull }`. */
  otherKey?: ForeignKeyOption;
  sourceKey?: string;
  targetKey?: string;
  /** With `through: 'Name'`: whether the junction defined here has createdAt/updatedAt (default: the Database's define option). */
  timestamps?: boolean;
}

/**
 * What defining an association needs from the Database (structural, so this folder does
 * not import it): adding foreign-key attributes to a registered model (which re-normalises
 * its definition) and defining a junction model by name.
 */
export interface AssociationHost {
  /** Merges these attributes into the model (declared options win) and indexes each of `indexed` unless an index or the primary key already leads with it. */
  extendModel(model: Function, attributes: Record<string, import('../metadata/options').AttributeOptions>, indexed: readonly string[]): void;
  /** The model registered under `name`, if any. */
  registeredModel(name: string): Function | undefined;
  /** Defines a junction model with no attributes of its own. */
  defineJunction(name: string, timestamps?: boolean): Function;
}
