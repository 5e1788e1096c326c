import type { DataType, DataTypeFactory, DefaultMarker } from '../types';

/** What a column type may be given as: `DataTypes.STRING` or `DataTypes.STRING(100)`. */
export type DataTypeInput = DataType | DataTypeFactory<any>;

/** A foreign key: the target model (or its name) and column; sync orders tables by these. */
export interface ReferencesOptions {
  model: string | Function;
  key?: string;
}

/** Options of one attribute, from `define`, `init`, or the attribute decorators. */
export interface AttributeOptions {
  type?: DataTypeInput;
  allowNull?: boolean;
  /** A literal, `DataTypes.NOW`, `DataTypes.UUIDV1`/`UUIDV4`, or a function called per row. */
  defaultValue?: unknown;
  primaryKey?: boolean;
  autoIncrement?: boolean;
  /** `true`, or a name shared by the attributes of one composite unique constraint. */
  unique?: boolean | string;
  /** The column name, when it differs from the attribute name. */
  field?: string;
  comment?: string;
  references?: ReferencesOptions;
  onDelete?: 'CASCADE' | 'SET NULL' | 'RESTRICT' | 'NO ACTION' | 'SET DEFAULT';
  onUpdate?: 'CASCADE' | 'SET NULL' | 'RESTRICT' | 'NO ACTION' | 'SET DEFAULT';
}

/** `{ firstName: DataTypes.STRING, age: { type: DataTypes.INTEGER, allowNull: false } }` */
export type AttributesInput = Record<string, DataTypeInput | AttributeOptions>;

export interface IndexOptions {
  name?: string;
  /** Attribute names (not column names). */
  fields: string[];
  unique?: boolean;
}

/** Per-model options; also the Database option `define` (defaults for every model). */
export interface ModelOptions {
  modelName?: string;
  tableName?: string;
  freezeTableName?: boolean;
  /** `false` turns off createdAt and updatedAt. */
  timestamps?: boolean;
  /** `false` drops it, a string renames it. */
  createdAt?: boolean | string;
  updatedAt?: boolean | string;
  /** Attribute `firstName` is stored in column `first_name`. */
  underscored?: boolean;
  schema?: string;
  indexes?: IndexOptions[];
  comment?: string;
}

/** What `Model.init` takes: model options plus the Database. */
export interface InitOptions extends ModelOptions {
  sequelize: unknown;
}

export const MODEL_OPTION_KEYS: ReadonlySet<string> = new Set([
  'modelName', 'tableName', 'freezeTableName', 'timestamps', 'createdAt', 'updatedAt', 'underscored', 'schema', 'indexes', 'comment',
]);

export const ATTRIBUTE_OPTION_KEYS: ReadonlySet<string> = new Set([
  'type', 'allowNull', 'defaultValue', 'primaryKey', 'autoIncrement', 'unique', 'field', 'comment', 'references', 'onDelete', 'onUpdate',
]);

export type { DefaultMarker };
