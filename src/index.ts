/**
 * Inscribe: a decorator-first ActiveRecord framework for PostgreSQL.
 * Importing it loads reflect-metadata, so decorators can read TypeScript's design types.
 */
import 'reflect-metadata';

export { Database } from './database';
export type { DefinedModel, QueryOptions } from './database';
export { Database as Sequelize } from './database';
export { Model } from './model';
export type { InstanceOptions } from './model';
export { Transaction } from './transaction';
export type { TransactionOptions, TransactionOption, RetryOptions, IsolationLevel, LockStrength } from './transaction';
export type { Attributes, CreationAttributes, AttributeName, ModelStatic, NonAttribute } from './model-types';
export type { Association, AssociationKind, AssociationOptions, HasOneOptions, HasManyOptions, BelongsToOptions, BelongsToManyOptions, ForeignKeyOption } from './associations/types';
export type { IncludeOptions, IncludeItem } from './query/include-options';
export { DataTypes, DataType } from './types';
export { Op } from './query/operators';
export { Table, FreezeTableName, Timestamps, Column, Default, PrimaryKey, AutoIncrement, AllowNull, Unique, Comment, CreatedAt, UpdatedAt, Index, BelongsTo, HasOne, HasMany, BelongsToMany, ForeignKey } from './decorators';
export {
  InscribeError, ConnectionError, DatabaseClosedError, DefinitionError, UsageError, DatabaseError, UniqueConstraintError,
  ForeignKeyConstraintError, TimeoutError, TransactionError, DeadlockError, SerializationError, EmptyResultError, ValidationError, UnknownAttributeError,
} from './errors';
export type { ValidationErrorItem } from './errors';
export type { DatabaseOptions, PoolOptions } from './driver/connection-options';
export type { ModelOptions, AttributeOptions, AttributesInput, IndexOptions, InitOptions } from './metadata/options';
export type { ModelDefinition, AttributeDefinition } from './metadata/definition';
export type { SaveOptions } from './persistence/save';
export type { IncrementOptions } from './persistence/increment';
export type { FindOptions, WhereOptions, CountOptions, UpdateOptions, DestroyOptions, BulkCreateOptions, UpsertOptions, FindOrCreateOptions } from './query/options';
export type { SyncOptions, DropOptions } from './schema/sync';
