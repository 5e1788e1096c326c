import type { ModelCallDefaults } from './call-defaults';
import type { DataType, EnumType } from '../types';
import type { IndexOptions } from './options';
import type { AttributeValidation, ModelCheck } from '../validation/compile';
import type { HookFunction, HookName } from '../hooks/names';

/** How the hot paths handle an attribute's values (see DataType.snapshotKind). */
export const enum SnapshotKind { Plain = 0, Date = 1, Custom = 2 }

/** A default computed in JS when a record is built. */
export type DefaultValue =
  | { readonly kind: 'literal'; readonly value: unknown }
  | { readonly kind: 'now' }
  | { readonly kind: 'uuidv1' }
  | { readonly kind: 'uuidv4' }
  | { readonly kind: 'function'; readonly fn: () => unknown };

/** One normalised attribute. Frozen. */
export interface AttributeDefinition {
  /** The JS property name. */
  readonly name: string;
  /**
   * Where an instance keeps the stored value: the name itself, or (for an attribute with
   * `get`/`set`) a symbol, the name then being an accessor on the model's prototype that
   * calls them. Internals read and write `key`; users read and write `name`.
   */
  readonly key: string | symbol;
  /**
   * A DATE attribute whose Date object is made on first read (key is then a symbol and the
   * name an accessor): loaded instances hold only the snapshot's time until then. Not for
   * attributes with get/set, nor for those a class field declares as an own property.
   */
  readonly deferred: boolean;
  /** The attribute's `get` option: what reading `instance[name]` returns. */
  readonly getter?: (this: any) => unknown;
  /** The attribute's `set` option: what assigning `instance[name]` does. */
  readonly setter?: (this: any, value: unknown) => void;
  /** The column name (differs with `field` or `underscored`). */
  readonly column: string;
  /** `"column"`, quoted once. */
  readonly quotedColumn: string;
  /** Position in `ModelDefinition.attributes`, in snapshots and in selected rows. */
  readonly position: number;
  readonly type: DataType;
  readonly snapshotKind: SnapshotKind;
  readonly allowNull: boolean;
  readonly primaryKey: boolean;
  readonly autoIncrement: boolean;
  /** false, true, or the name of a composite unique constraint. */
  readonly unique: boolean | string;
  readonly defaultValue?: DefaultValue;
  /** The SQL DEFAULT written in DDL, when the default can be expressed in SQL. */
  readonly sqlDefault?: string;
  readonly comment?: string;
  readonly references?: { readonly table: () => string; readonly model: string; readonly column: () => string; readonly onDelete?: string; readonly onUpdate?: string };
  /** 'createdAt' or 'updatedAt' when the runtime manages this attribute. */
  readonly timestamp?: 'createdAt' | 'updatedAt';
  /** The attribute's `validate` option, normalised; undefined when it has none. */
  readonly validation?: AttributeValidation;
  /** `unique: { msg }`: the message of a violation of this attribute's unique constraint. */
  readonly uniqueMessage?: string;
}

export interface IndexDefinition {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique: boolean;
  /** Per column SQL with COLLATE / operator class / order (metadata/index-fields.ts); undefined for plain columns. */
  readonly terms?: readonly string[];
  /** The index method when not btree. */
  readonly using?: string;
}

/** The names sync gives a table's constraints (see metadata/generated-names.ts). */
export interface ConstraintNames {
  readonly primaryKey?: string;
  /** By column: the constraint of each `unique: true` column. */
  readonly unique: Readonly<Record<string, string>>;
  /** By column: the constraint of each column with `references`. */
  readonly foreignKey: Readonly<Record<string, string>>;
}

/**
 * Everything the runtime needs about a model, computed once at registration and frozen.
 * Hot paths read these lookups; they never walk decorator metadata.
 */
export interface ModelDefinition {
  readonly modelName: string;
  readonly tableName: string;
  readonly schema?: string;
  /** `"schema"."table"` or `"table"`, quoted once. */
  readonly qualifiedTable: string;
  readonly attributes: readonly AttributeDefinition[];
  /** Attribute by JS name (null-prototype object: no `__proto__` surprises). */
  readonly byName: Readonly<Record<string, AttributeDefinition | undefined>>;
  readonly byColumn: Readonly<Record<string, AttributeDefinition | undefined>>;
  readonly primaryKeys: readonly AttributeDefinition[];
  readonly createdAt?: AttributeDefinition;
  readonly updatedAt?: AttributeDefinition;
  /** Attributes with a JS default, applied by `build`. */
  readonly withDefaults: readonly AttributeDefinition[];
  /** `"id", "name", …` in attribute order: the SELECT and RETURNING list. */
  readonly selectList: string;
  readonly indexes: readonly IndexDefinition[];
  readonly enums: readonly EnumType[];
  /** The unqualified name of each enum type, with its column (for name-collision checks). */
  readonly enumNames: readonly { readonly name: string; readonly column: string }[];
  readonly constraintNames: ConstraintNames;
  readonly extensions: readonly string[];
  readonly comment?: string;
  /** Names of models this one references (sync order). */
  readonly dependsOn: readonly string[];
  /** Raw index options as declared (for the schema differ's messages). */
  readonly indexOptions: readonly IndexOptions[];
  /**
   * Gives a new instance every attribute, as undefined, in attribute order, before any
   * class field initializer runs: each instance of the model gets the same hidden class
   * whether it was built, created or read. Generated once, with straight-line stores.
   */
  readonly initInstance: (instance: object) => void;
  /** Model-level validators (the model option `validate`). */
  readonly modelValidators: readonly ModelCheck[];
  /** Whether any attribute or model validator exists: saves of models without skip validation entirely. */
  readonly validates: boolean;
  /** Hooks declared with the model (options and decorators); they seed the model's registry. */
  readonly hooks: Readonly<Partial<Record<HookName, readonly HookFunction[]>>>;
  /** The soft-delete attribute of a paranoid model. */
  readonly deletedAt?: AttributeDefinition;
  /** The default scope (finder options every call starts from), as declared. */
  readonly defaultScope?: Readonly<Record<string, unknown>>;
  /** Named scopes, as declared. */
  readonly scopes: Readonly<Record<string, unknown>>;
  /** VIRTUAL attributes: no column, a getter (and maybe a setter) on the prototype. */
  readonly virtuals: readonly VirtualDefinition[];
  /** The model options `rejectOnEmpty` and `logging` (metadata/call-defaults.ts); absent when not set. */
  readonly rejectOnEmpty?: ModelCallDefaults['rejectOnEmpty'];
  readonly logging?: ModelCallDefaults['logging'];
}

/** A VIRTUAL attribute. Frozen. */
export interface VirtualDefinition {
  readonly name: string;
  /** Where a virtual without a getter keeps what was assigned to it. */
  readonly key: symbol;
  readonly getter?: (this: any) => unknown;
  readonly setter?: (this: any, value: unknown) => void;
  /** Attributes a finder loads when this one is selected. */
  readonly dependencies: readonly string[];
}
