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
export type { TransactionOptions, RetryOptions, IsolationLevel, LockStrength } from './transaction';
export type { Attributes, CreationAttributes, AttributeName, ModelStatic, NumericString, NumericAttributeName, IncrementFields, ImplicitAttributes, Implicit, WithImplicit, NonAttribute } from './model-types';
export { NoImplicitAttributes } from './model-types';
export type { CallOptions, FinderCallOptions, LoggingFunction } from './driver/call-options';
export type { Association, AssociationKind, AssociationOptions, HasOneOptions, HasManyOptions, BelongsToOptions, BelongsToManyOptions, ForeignKeyOption } from './associations/types';
export type { IncludeOptions, IncludeItem } from './query/include-options';
export { DataTypes, DataType } from './types';
export { Op } from './query/operators';
export { fn, col, literal, where, cast, json, SqlExpression, Fn, Col, Literal, Where, Cast, Json } from './query/expressions';
// Every decorator (model, attribute, lifecycle, association) and their types.
export * from './decorators';
export type { HookName, HookFunction } from './hooks/names';
export type { ScopeOption } from './scopes/resolve';
// Also brings the types of the lifecycle statics (User.addHook, User.scope, User.beforeCreate …) to users.
export type { HookAdder } from './lifecycle/statics';
export {
  InscribeError, ConnectionError, PoolExhaustedError, DatabaseClosedError, DefinitionError, UsageError, ProductionGuardError, DatabaseError, UniqueConstraintError,
  ForeignKeyConstraintError, TimeoutError, TransactionError, DeadlockError, SerializationError, EmptyResultError, ValidationError, UnknownAttributeError,
} from './errors';
export type { ValidationErrorItem } from './errors';
export type { DatabaseOptions, PoolOptions } from './driver/connection-options';
export type { DialectOptions } from './driver/dialect-options';
export type { PGliteInstance } from './driver/pglite/session';
export type { ReplicationOptions, ReplicationServer } from './driver/replication-options';
export type { ReplicaStatus } from './replication/router';
export type { ModelOptions, AttributeOptions, AttributesInput, IndexOptions, InitOptions } from './metadata/options';
export type { SaveOptions } from './persistence/save';
export type { IncrementOptions } from './persistence/increment';
export type { FindOptions, FindByPkOptions, FindEachOptions, WhereOptions, WhereOperators, AttributeCondition, CountOptions, UpdateOptions, DestroyOptions, BulkCreateOptions, UpsertOptions, FindOrCreateOptions } from './query/options';
export type { SyncOptions, DropOptions } from './schema/sync';
export type { FindAttributes, AttributeSelector } from './query/options';
export type { CountGroup } from './query/aggregate';
export type { AggregateOptions } from './query/aggregate-statics';
