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
  /**
   * `true`, or a name shared by the attributes of one composite unique constraint, or
   * Sequelize's `{ name, msg }`: `msg` is the UniqueConstraintError's message on a violation.
   */
  unique?: boolean | string | { name?: string; msg?: string };
  /** `true`: an index on this column (GIN on JSONB); a name shared by attributes makes one composite index. */
  index?: boolean | string;
  /** The values of `{ type: DataTypes.ENUM, values: ['a', 'b'] }`. */
  values?: readonly string[];
  /** The column name, when it differs from the attribute name. */
  field?: string;
  comment?: string;
  references?: ReferencesOptions;
  onDelete?: 'CASCADE' | 'SET NULL' | 'RESTRICT' | 'NO ACTION' | 'SET DEFAULT';
  onUpdate?: 'CASCADE' | 'SET NULL' | 'RESTRICT' | 'NO ACTION' | 'SET DEFAULT';
  /** Sequelize's validators: `{ isEmail: true, len: [2, 50], notNull: { msg }, custom(value) { … } }`. */
  validate?: Record<string, unknown>;
  /** Reads the attribute (`this.getDataValue(name)` gives the stored value). */
  get?: (this: any) => unknown;
  /** Writes the attribute (`this.setDataValue(name, v)` stores it). */
  set?: (this: any, value: any) => void;
}

/** `{ firstName: DataTypes.STRING, age: { type: DataTypes.INTEGER, allowNull: false } }` */
export type AttributesInput = Record<string, DataTypeInput | AttributeOptions>;

/** One entry of an index's `fields` in Sequelize's object form. */
export interface IndexField {
  /** The attribute (or column) name; `attribute` is the same. */
  name?: string;
  attribute?: string;
  order?: 'ASC' | 'DESC' | 'asc' | 'desc' | 'ASC NULLS FIRST' | 'ASC NULLS LAST' | 'DESC NULLS FIRST' | 'DESC NULLS LAST';
  /** A collation, e.g. 'C' (quoted as an identifier). */
  collate?: string;
  /** MySQL's prefix length: PostgreSQL has none, so it is dropped with one warning. */
  length?: number;
  /** An operator class, e.g. 'text_pattern_ops' (quoted as an identifier). */
  operator?: string;
}

export interface IndexOptions {
  name?: string;
  /** Attribute names (not column names), or `{ name, order, collate, operator }` objects. */
  fields: (string | IndexField)[];
  unique?: boolean;
  /** The index method: 'btree' (default), 'hash', 'gin', 'gist', 'spgist' or 'brin'. */
  using?: string;
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
  /** Model-level validators: `{ bothOrNone() { if (…) throw new Error('…') } }`, `this` the instance. */
  validate?: Record<string, (this: any) => unknown>;
  /** Hooks by name: `{ beforeCreate(instance, options) { … } }`, or arrays of functions. */
  hooks?: Partial<Record<string, ((...args: any[]) => unknown) | ((...args: any[]) => unknown)[]>>;
  /** Soft delete: destroy() sets `deletedAt`; finders skip deleted rows. Needs timestamps. */
  paranoid?: boolean;
  /** The soft-delete attribute's name (default `deletedAt`). */
  deletedAt?: string | boolean;
  /** Options every finder starts from (`Model.unscoped()` drops them). */
  defaultScope?: Record<string, unknown>;
  /** Named scopes: option objects, or functions returning them (`Model.scope({ method: ['name', arg] })`). */
  scopes?: Record<string, Record<string, unknown> | ((...args: any[]) => Record<string, unknown>)>;
  /** Finders (findAll, findOne, findByPk) throw EmptyResultError (or this error, or a new instance of this class) when nothing matches, unless the call says otherwise. */
  rejectOnEmpty?: boolean | Error | (new () => Error);
  /** This model's statements go to this function instead of the Database's `logging` (false: not logged); a call's own `logging` wins. */
  logging?: false | ((sql: string, ms: number) => void);
  /** Accepted for Sequelize code: the duration in ms is always passed to `logging`. */
  benchmark?: boolean;
}

/** What `Model.init` takes: model options plus the Database. */
export interface InitOptions extends ModelOptions {
  sequelize: unknown;
}

export const MODEL_OPTION_KEYS: ReadonlySet<string> = new Set([
  'modelName', 'tableName', 'freezeTableName', 'timestamps', 'createdAt', 'updatedAt', 'underscored', 'schema', 'indexes', 'comment',
  'validate', 'hooks', 'paranoid', 'deletedAt', 'defaultScope', 'scopes', 'rejectOnEmpty', 'logging', 'benchmark',
]);

export const ATTRIBUTE_OPTION_KEYS: ReadonlySet<string> = new Set([
  'type', 'allowNull', 'defaultValue', 'primaryKey', 'autoIncrement', 'unique', 'field', 'comment', 'references', 'onDelete', 'onUpdate',
  'validate', 'get', 'set', 'index', 'values',
]);

export type { DefaultMarker };
