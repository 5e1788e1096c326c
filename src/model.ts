import { inspect } from 'node:util';
import { Readable } from 'node:stream';
import { inspectView } from './instance/inspect';
import { UsageError } from './errors';
import { checkOptionKeys } from './persistence/params';
import type { InitOptions, AttributesInput } from './metadata/options';
import { BINDING, bindingOf, executorOf, readerOf } from './instance/binding';
import type { ModelBinding } from './instance/binding';
import { changedAttributes, snapshotValue } from './instance/changes';
import { FORCED_CHANGE, SNAPSHOT, storedValue } from './instance/state';
import { assignBuildValues, checkKeys, isVirtual, plainValues, setValues } from './instance/values';
import { dataKey } from './instance/accessors';
import { dataValuesOf } from './instance/data-values';
import { save } from './persistence/save';
import type { SaveOptions } from './persistence/save';
import { incrementInstance } from './persistence/increment';
import { instanceWhere } from './query/instance-where';
import { withModelReject } from './query/reject-on-empty';
import { checkFields, nothingUpdated, pickFields, withUpdateFields } from './query/fields-option';
import type { IncrementOptions } from './persistence/increment';
import { reload } from './persistence/record';
import * as lifecycleFind from './lifecycle/find';
import * as bulk from './lifecycle/bulk';
import * as whereWrites from './lifecycle/where-writes';
import { destroyInstance, restoreInstance, validateInstanceCall } from './lifecycle/instance';
import { installLifecycleStatics } from './lifecycle/statics';
import type { CountOptions, DestroyOptions, FindByPkOptions, FindEachOptions, FindOptions, FindOrCreateOptions, UpdateOptions, BulkCreateOptions, UpsertOptions, StaticIncrementOptions } from './query/options';
import { dropModels } from './schema/sync';
import { syncModel } from './lifecycle/sync';
import type { SyncOptions, DropOptions } from './schema/sync';
import type { Transaction } from './transaction';
import type { AttributeName, Attributes, ChangedAttributeName, CreationAttributes, IncrementFields, ModelStatic, WithImplicit } from './model-types';
// Type-only: the Database imports this file at run time, never the other way round.
import type { Database } from './database';
import { belongsTo, belongsToMany, hasMany, hasOne } from './associations/define';
import { associationsOf } from './associations/registry';
import { withIncluded } from './associations/plain';
import { extrasOf } from './instance/extras';
import { installAggregateStatics } from './query/aggregate-statics';
import type { CountGroup } from './query/aggregate';
import type { Association, BelongsToManyOptions, BelongsToOptions, HasOneOptions } from './associations/types';

/** Options of `reload()` and `destroy()`. */
export interface InstanceOptions {
  /** Run inside this transaction; inside a managed callback it is found on its own. `null` runs outside it. */
  transaction?: Transaction | null;
  /** This call's statements go to this function instead of the Database's `logging`; `false`: not logged. */
  logging?: false | ((sql: string, ms: number) => void);
  /** Accepted for Sequelize code: the duration is always passed to `logging`. */
  benchmark?: boolean;
}

/** The type of attribute `K` of `M` (unknown for a model without declared attributes). */
type ValueOf<M, K> = K extends keyof M ? M[K] : unknown;

/** What `init` needs from a Database (kept structural so this file does not import it). */
interface Registrar {
  registerModel(model: Function, attributes: AttributesInput | undefined, options: Omit<InitOptions, 'sequelize'>): void;
}

/**
 * The ActiveRecord base class: extend it, declare attributes (decorators, `init`, or
 * `db.define`), and use the statics to build, create and find records.
 *
 * @example
 * ＠Table class User extends Model { ＠Column declare name: string }
 * const u = await User.create({ name: 'Ada' }); // INSERT INTO "Users" ("name", …) VALUES ($1, …) RETURNING …
 */
export class Model {
  /** @internal Set at registration; see instance/binding.ts. */
  declare static [BINDING]?: ModelBinding;
  /** @internal The row as last read or written; null for a new record. */
  declare [SNAPSHOT]: unknown[] | null;

  /**
   * Use `Model.build()` or `Model.create()`: `new` alone sets no defaults and checks no keys.
   * @example
   * const u = User.build({ name: 'Ada' }); // not new User()
   */
  constructor() {
    this[SNAPSHOT] = null;
    // Every attribute exists before class fields run: one hidden class per model.
    (this.constructor as { [BINDING]?: ModelBinding })[BINDING]?.definition.initInstance(this);
  }

  // ---- Registration -------------------------------------------------------------------

  /**
   * Registers the model with a Database without decorators, as Sequelize's `init` does.
   * @example
   * class User extends Model { declare name: string }
   * User.init({ name: DataTypes.STRING }, { sequelize: db, modelName: 'User' });
   */
  static init(this: Function, attributes: AttributesInput, options: InitOptions): void {
    const registrar = options?.sequelize as Registrar | undefined;
    if (!registrar || typeof registrar.registerModel !== 'function') throw new UsageError(`${this.name}.init(attributes, { sequelize: db }): the sequelize option must be a Database`);
    const { sequelize: _db, ...rest } = options;
    registrar.registerModel(this, attributes, rest);
  }

  /**
   * The model's name (`modelName`, or the class name).
   * @example
   * User.modelName; // 'User'
   */
  static get modelName(): string {
    return bindingOf(this).definition.modelName;
  }

  /**
   * The table name, e.g. `Users`.
   * @example
   * Person.tableName; // 'People' (pluralised unless freezeTableName or tableName)
   */
  static get tableName(): string {
    return bindingOf(this).definition.tableName;
  }

  /**
   * The table name, or `{ tableName, schema }` for a model with its own schema (as Sequelize returns it).
   * @example
   * User.getTableName(); // 'Users', or { tableName: 'Users', schema: 'app' }
   */
  static getTableName(): string | { tableName: string; schema: string } {
    const d = bindingOf(this).definition;
    return d.schema ? { tableName: d.tableName, schema: d.schema } : d.tableName;
  }

  /** @internal The normalised, frozen definition (attributes, columns, keys) of this model. */
  static get definition() {
    return bindingOf(this).definition;
  }

  /**
   * The Database this model is registered with.
   * @example
   * await User.sequelize.query('SELECT now()');
   */
  static get sequelize(): Database {
    return bindingOf(this).db as Database;
  }

  // ---- Schema -------------------------------------------------------------------------

  /**
   * Creates the table if missing; `{ force }`, `{ alter }`, `{ match }`, `{ dryRun }` as in
   * db.sync. Resolves to the model, as in Sequelize; with `dryRun: true` to the DDL it would
   * run. The `logging` option receives each DDL statement as it runs.
   * @example
   * await User.sync({ alter: true }); // ALTER TABLE "Users" ADD COLUMN … when the model gained an attribute
   */
  static sync<T extends Function>(this: T, options: SyncOptions & { hooks?: boolean; dryRun: true }): Promise<string[]>;
  static sync<T extends Function>(this: T, options?: SyncOptions & { hooks?: boolean }): Promise<T>;
  static async sync<T extends Function>(this: T, options?: SyncOptions & { hooks?: boolean }): Promise<T | string[]> {
    const b = bindingOf(this);
    // Not executorOf: sync's own `logging` option reports its DDL (schema/sync.ts).
    const ran = await syncModel(b, b.db.executorFor(options?.transaction), options);
    return options?.dryRun === true ? ran : this;
  }

  /**
   * Drops the table (and its enum types). Resolves to the DDL it ran.
   * @example
   * await User.drop(); // DROP TABLE IF EXISTS "Users"
   */
  static async drop(options?: DropOptions): Promise<string[]> {
    const b = bindingOf(this);
    return dropModels(b.db.executorFor(options?.transaction), [b.definition], options);
  }

  // ---- Associations (associations/) -------------------------------------------------------

  /**
   * The key lives on the target: `User.hasOne(Profile)` adds `Profile.UserId`, with a
   * FOREIGN KEY and an index in sync, and `getProfile`/`setProfile`/`createProfile` on users.
   * @example User.hasOne(Profile, { as: 'profile', foreignKey: { name: 'ownerId', allowNull: false }, onDelete: 'CASCADE' })
   */
  static hasOne(target: Function, options?: HasOneOptions): Association {
    return hasOne(this, target, options);
  }
  /**
   * The key lives on the source: adds `Post.authorId` and `getAuthor`/`setAuthor`/`createAuthor`.
   * @example
   * Post.belongsTo(User, { as: 'author', foreignKey: 'authorId' });
   * await Post.findAll({ include: 'author' }); // SELECT … FROM "Posts" AS "Post" LEFT OUTER JOIN "Users" AS "author" ON "author"."id" = "Post"."authorId"
   */
  static belongsTo(target: Function, options?: BelongsToOptions): Association {
    return belongsTo(this, target, options);
  }
  /**
   * The key lives on the target; users get `getPosts`, `countPosts`, `hasPost(s)`,
   * `addPost(s)`, `removePost(s)`, `setPosts`, `createPost`.
   * @example
   * User.hasMany(Post, { as: 'posts', foreignKey: 'authorId', onDelete: 'CASCADE' });
   * await user.addPosts([p1, p2]); // UPDATE "Posts" SET "authorId" = $1, … WHERE "id" = ANY($2::INTEGER[])
   */
  static hasMany(target: Function, options?: HasOneOptions): Association {
    return hasMany(this, target, options);
  }
  /**
   * Through a junction: `Post.belongsToMany(Tag, { through: 'PostTags' })` (a junction model
   * is defined) or `{ through: PostTag }` (a model, which may have columns of its own).
   * @example await post.addTag(tag, { through: { addedBy: 'ada' } }) // INSERT INTO "PostTags" …
   */
  static belongsToMany(target: Function, options: BelongsToManyOptions): Association {
    return belongsToMany(this, target, options);
  }
  /**
   * The associations of this model, by alias.
   * @example Object.keys(User.associations) // ['posts', 'profile']
   */
  static get associations(): Readonly<Record<string, Association>> {
    return Object.fromEntries(associationsOf(this));
  }

  // ---- Building and creating ------------------------------------------------------------

  /**
   * A new, unsaved instance with defaults applied. Unknown keys are an error. No query.
   * @example
   * const u = User.build({ name: 'Ada' });
   * u.isNewRecord; // true
   */
  static build<M extends Model>(this: ModelStatic<M>, values?: CreationAttributes<M>): WithImplicit<M> {
    const b = bindingOf(this);
    const inst = new this();
    assignBuildValues(b.definition, inst as unknown as Record<string, unknown>, values);
    // The implicit attributes exist on every instance from the constructor on (initInstance).
    return inst as WithImplicit<M>;
  }

  /**
   * build + save: one INSERT … RETURNING; the instance holds the database's values (serial id, defaults, timestamps).
   * @example
   * const u = await User.create({ name: 'Ada' });
   * // INSERT INTO "Users" ("name", "createdAt", "updatedAt") VALUES ($1, $2, $3) RETURNING …
   */
  static async create<M extends Model>(this: ModelStatic<M>, values?: CreationAttributes<M>, options?: SaveOptions): Promise<WithImplicit<M>> {
    const inst = this.build(values);
    await inst.save(options);
    return inst;
  }

  // ---- Querying (query/) ----------------------------------------------------------------

  /**
   * The rows matching `where`, as instances; with `raw: true`, as plain objects keyed by
   * attribute name (typed `Attributes<M>`, not instances).
   * @example
   * await User.findAll({ where: { age: { [Op.gte]: 18 } }, order: [['name', 'ASC']], limit: 10 });
   * // SELECT … FROM "Users" WHERE "age" >= $1 ORDER BY "name" ASC LIMIT 10
   */
  static findAll<M extends Model>(this: ModelStatic<M>, options: FindOptions<M> & { raw: true }): Promise<Attributes<M>[]>;
  static findAll<M extends Model>(this: ModelStatic<M>, options?: FindOptions<M> & { raw?: false }): Promise<WithImplicit<M>[]>;
  static findAll<M extends Model>(this: ModelStatic<M>, options?: FindOptions<M>): Promise<WithImplicit<M>[] | Attributes<M>[]>;
  static async findAll<M extends Model>(this: ModelStatic<M>, options?: FindOptions<M>): Promise<WithImplicit<M>[] | Attributes<M>[]> {
    const b = bindingOf(this);
    return lifecycleFind.findAll(b, readerOf(b, options), this, withModelReject(b.definition, options)) as Promise<WithImplicit<M>[]>;
  }
  /**
   * Every matching row, one at a time, read from a server-side cursor `batchSize` rows per
   * round trip (default 1000): memory holds one batch, however large the result. Options are
   * findAll's (to-one and lateral includes only). Outside a transaction on pg the cursor has a pooled
   * connection of its own (pg-cursor); inside one it is a `DECLARE … CURSOR` on the
   * transaction's connection, so the loop body may write through the same transaction.
   * Breaking out of the loop (or a throw in it) closes the cursor and releases the connection.
   * @example
   * for await (const user of User.findEach({ where: { active: true }, order: [['id', 'ASC']], batchSize: 500 })) {
   *   await mailer.send(user.email);
   * }
   */
  static findEach<M extends Model>(this: ModelStatic<M>, options: FindEachOptions<M> & { raw: true }): AsyncIterableIterator<Attributes<M>>;
  static findEach<M extends Model>(this: ModelStatic<M>, options?: FindEachOptions<M> & { raw?: false }): AsyncIterableIterator<WithImplicit<M>>;
  static findEach<M extends Model>(this: ModelStatic<M>, options?: FindEachOptions<M>): AsyncIterableIterator<WithImplicit<M> | Attributes<M>>;
  static findEach<M extends Model>(this: ModelStatic<M>, options?: FindEachOptions<M>): AsyncIterableIterator<WithImplicit<M> | Attributes<M>> {
    const b = bindingOf(this);
    return lifecycleFind.findEach(b, readerOf(b, options), this, options) as AsyncIterableIterator<WithImplicit<M>>;
  }
  /**
   * `findEach` as a Node Readable in object mode (for `pipeline`): destroying the stream
   * closes the cursor and releases its connection; a failed read destroys it with the error.
   * @example
   * await pipeline(User.stream({ batchSize: 1000 }), toCsv, fs.createWriteStream('users.csv'));
   */
  static stream<M extends Model>(this: ModelStatic<M>, options?: FindEachOptions<M>): Readable {
    const b = bindingOf(this);
    return Readable.from(lifecycleFind.findEach(b, readerOf(b, options), this, options), { objectMode: true });
  }
  /**
   * The first matching row, or null (`rejectOnEmpty: true` throws EmptyResultError instead).
   * @example
   * const ada = await User.findOne({ where: { name: 'Ada' } }); // … WHERE "name" = $1 LIMIT 1
   */
  static findOne<M extends Model>(this: ModelStatic<M>, options: FindOptions<M> & { raw: true }): Promise<Attributes<M> | null>;
  static findOne<M extends Model>(this: ModelStatic<M>, options?: FindOptions<M> & { raw?: false }): Promise<WithImplicit<M> | null>;
  static findOne<M extends Model>(this: ModelStatic<M>, options?: FindOptions<M>): Promise<WithImplicit<M> | Attributes<M> | null>;
  static async findOne<M extends Model>(this: ModelStatic<M>, options?: FindOptions<M>): Promise<WithImplicit<M> | Attributes<M> | null> {
    const b = bindingOf(this);
    return lifecycleFind.findOne(b, readerOf(b, options), this, withModelReject(b.definition, options)) as Promise<WithImplicit<M> | null>;
  }
  /**
   * The row with this primary key, or null.
   * @example
   * const u = await User.findByPk(1); // SELECT … FROM "Users" WHERE "id" = $1
   * // Calls made in the same tick outside a transaction share one statement:
   * await Promise.all([User.findByPk(1), User.findByPk(2)]); // SELECT …, array_positions($1::INTEGER[], "id") FROM "Users" WHERE "id" = ANY($1::INTEGER[])
   */
  static findByPk<M extends Model>(this: ModelStatic<M>, key: unknown, options: FindByPkOptions<M> & { raw: true }): Promise<Attributes<M> | null>;
  static findByPk<M extends Model>(this: ModelStatic<M>, key: unknown, options?: FindByPkOptions<M> & { raw?: false }): Promise<WithImplicit<M> | null>;
  static findByPk<M extends Model>(this: ModelStatic<M>, key: unknown, options?: FindByPkOptions<M>): Promise<WithImplicit<M> | Attributes<M> | null>;
  static async findByPk<M extends Model>(this: ModelStatic<M>, key: unknown, options?: FindByPkOptions<M>): Promise<WithImplicit<M> | Attributes<M> | null> {
    const b = bindingOf(this);
    return lifecycleFind.findByPk(b, readerOf(b, options), this, key, withModelReject(b.definition, options)) as Promise<WithImplicit<M> | null>;
  }
  /**
   * The number of rows matching `where` (all rows without one).
   * @example
   * const adults = await User.count({ where: { age: { [Op.gte]: 18 } } }); // SELECT count(*) … WHERE "age" >= $1
   */
  static count<M extends Model>(this: ModelStatic<M>, options: CountOptions<M> & { group: unknown }): Promise<CountGroup[]>;
  static count<M extends Model>(this: ModelStatic<M>, options?: CountOptions<M>): Promise<number>;
  static async count<M extends Model>(this: ModelStatic<M>, options?: CountOptions<M>): Promise<number | CountGroup[]> {
    const b = bindingOf(this);
    return lifecycleFind.count(b, readerOf(b, options), options);
  }
  /**
   * The row matching `where`, or a new one created from the where's equalities and `defaults` (other conditions only narrow the find). Race-safe when a unique constraint covers the where's columns.
   * @example
   * const [user, created] = await User.findOrCreate({ where: { email: 'a@x.io' }, defaults: { name: 'Ada' } });
   */
  static async findOrCreate<M extends Model>(this: ModelStatic<M>, options: FindOrCreateOptions<M>): Promise<[WithImplicit<M>, boolean]> {
    const b = bindingOf(this);
    return lifecycleFind.findOrCreate(b, executorOf(b, options), this, options) as Promise<[WithImplicit<M>, boolean]>;
  }
  /**
   * Inserts rows in batches of `batchSize` (10,000) rows, one statement each (one array
   * parameter per column), all in one transaction; every row is checked before its batch is
   * sent, and a bad row fails the whole load. Loads that need nothing back go through
   * `COPY … FROM STDIN` (see the README, "Bulk loading"). An iterable or async iterable of
   * rows is streamed in batches and resolves to the number of rows written.
   * @example
   * const users = await User.bulkCreate([{ name: 'Ada' }, { name: 'Grace' }]);
   * // INSERT INTO "Users" (…) SELECT * FROM unnest($1::VARCHAR(255)[], …) RETURNING …
   * const n = await User.bulkCreate(readRows(), { onProgress: (done) => console.log(done) });
   * // BEGIN; COPY "Users" ("name", …) FROM STDIN; COMMIT
   */
  static bulkCreate<M extends Model>(this: ModelStatic<M>, rows: CreationAttributes<M>[], options?: BulkCreateOptions): Promise<WithImplicit<M>[]>;
  static bulkCreate<M extends Model>(this: ModelStatic<M>, rows: Iterable<CreationAttributes<M>> | AsyncIterable<CreationAttributes<M>>, options?: BulkCreateOptions): Promise<number>;
  static async bulkCreate<M extends Model>(this: ModelStatic<M>, rows: Iterable<CreationAttributes<M>> | AsyncIterable<CreationAttributes<M>>, options?: BulkCreateOptions): Promise<WithImplicit<M>[] | number> {
    const b = bindingOf(this);
    return bulk.bulkCreate(b, executorOf(b, options), this, rows as Iterable<object>, options as never) as Promise<WithImplicit<M>[] | number>;
  }
  /**
   * INSERT … ON CONFLICT (primary key, or `conflictFields`) DO UPDATE of the given columns. Resolves to `[instance, created]`.
   * @example
   * const [user, created] = await User.upsert({ id: 1, name: 'Ada' });
   */
  static async upsert<M extends Model>(this: ModelStatic<M>, values: CreationAttributes<M>, options?: UpsertOptions): Promise<[WithImplicit<M>, boolean | null]> {
    const b = bindingOf(this);
    return bulk.upsert(b, executorOf(b, options), this, values as object, options as never) as Promise<[WithImplicit<M>, boolean | null]>;
  }

  /**
   * `Model.update(values, { where })`: one UPDATE. Resolves to `[affectedCount]`, or
   * `[affectedCount, instances]` with `returning: true`.
   * @example
   * const [n] = await User.update({ active: false }, { where: { age: { [Op.lt]: 18 } } });
   * // UPDATE "Users" SET "active" = $1, "updatedAt" = $2 WHERE "age" < $3
   */
  static update<M extends Model>(this: ModelStatic<M>, values: CreationAttributes<M>, options: UpdateOptions<M> & { returning: true }): Promise<[number, WithImplicit<M>[]]>;
  static update<M extends Model>(this: ModelStatic<M>, values: CreationAttributes<M>, options: UpdateOptions<M> & { returning?: false }): Promise<[number]>;
  static update<M extends Model>(this: ModelStatic<M>, values: CreationAttributes<M>, options: UpdateOptions<M>): Promise<[number] | [number, WithImplicit<M>[]]>;
  static async update<M extends Model>(this: ModelStatic<M>, values: CreationAttributes<M>, options: UpdateOptions<M>): Promise<[number] | [number, WithImplicit<M>[]]> {
    const b = bindingOf(this);
    const def = b.definition;
    const [given, rest] = withUpdateFields(def, values as object, options, `${def.modelName}.update`, (v) => checkKeys(def, v, `${def.modelName}.update`));
    // `fields` left nothing to write: as Sequelize, [0] and no statement (the where is still required).
    if (given !== values && Object.keys(given).length === 0) return nothingUpdated(rest, `${def.modelName}.update`) as [number];
    return whereWrites.update(b, executorOf(b, options), this, given, rest as never) as Promise<[number, WithImplicit<M>[]]>;
  }
  /**
   * `Model.destroy({ where })`: one DELETE; resolves to the number of rows deleted. An empty where needs `all: true`.
   * @example
   * const n = await User.destroy({ where: { active: false } }); // DELETE FROM "Users" WHERE "active" = $1
   */
  static async destroy<M extends Model>(this: ModelStatic<M>, options: DestroyOptions<M>): Promise<number> {
    const b = bindingOf(this);
    return whereWrites.destroy(b, executorOf(b, options), this, options as never);
  }
  /**
   * `Model.increment(fields, { where, by })`: one atomic UPDATE of numeric attributes.
   * Resolves to `[affectedCount]`, or `[affectedCount, instances]` with `returning: true`.
   * @example
   * await User.increment('logins', { where: { id: 1 } }); // UPDATE "Users" SET "logins" = "logins" + $1, … WHERE "id" = $3
   */
  static increment<M extends Model>(this: ModelStatic<M>, fields: IncrementFields<M>, options: StaticIncrementOptions<M> & { returning: true }): Promise<[number, WithImplicit<M>[]]>;
  static increment<M extends Model>(this: ModelStatic<M>, fields: IncrementFields<M>, options: StaticIncrementOptions<M> & { returning?: false }): Promise<[number]>;
  static increment<M extends Model>(this: ModelStatic<M>, fields: IncrementFields<M>, options: StaticIncrementOptions<M>): Promise<[number] | [number, WithImplicit<M>[]]>;
  static async increment<M extends Model>(this: ModelStatic<M>, fields: IncrementFields<M>, options: StaticIncrementOptions<M>): Promise<[number] | [number, WithImplicit<M>[]]> {
    const b = bindingOf(this);
    return whereWrites.increment(b, executorOf(b, options), this, fields, options as never, 1) as Promise<[number, WithImplicit<M>[]]>;
  }
  /**
   * `Model.decrement(fields, { where, by })`: as increment, subtracting.
   * @example
   * await Stock.decrement({ count: 2 }, { where: { sku: 'a' } }); // UPDATE "Stocks" SET "count" = "count" + $1 … (with -2)
   */
  static decrement<M extends Model>(this: ModelStatic<M>, fields: IncrementFields<M>, options: StaticIncrementOptions<M> & { returning: true }): Promise<[number, WithImplicit<M>[]]>;
  static decrement<M extends Model>(this: ModelStatic<M>, fields: IncrementFields<M>, options: StaticIncrementOptions<M> & { returning?: false }): Promise<[number]>;
  static decrement<M extends Model>(this: ModelStatic<M>, fields: IncrementFields<M>, options: StaticIncrementOptions<M>): Promise<[number] | [number, WithImplicit<M>[]]>;
  static async decrement<M extends Model>(this: ModelStatic<M>, fields: IncrementFields<M>, options: StaticIncrementOptions<M>): Promise<[number] | [number, WithImplicit<M>[]]> {
    const b = bindingOf(this);
    return whereWrites.increment(b, executorOf(b, options), this, fields, options as never, -1) as Promise<[number, WithImplicit<M>[]]>;
  }

  // ---- Instance API ---------------------------------------------------------------------

  /**
   * True until the record has been inserted (or when it was built and never saved).
   * @example
   * User.build({}).isNewRecord; // true
   * (await User.create({})).isNewRecord; // false
   */
  get isNewRecord(): boolean {
    return this[SNAPSHOT] === null;
  }

  /**
   * `get('name')` (through the attribute's getter), or `get()` / `get({ plain: true })` for a
   * plain object of the values; `{ raw: true }` gives the stored values, without getters.
   * @example
   * user.get('name'); // 'Ada'
   * user.get({ plain: true }); // { id: 1, name: 'Ada', … }
   * user.get({ raw: true }); // the stored values, getters not applied
   */
  get<K extends AttributeName<this>>(key: K, options?: { raw?: boolean }): ValueOf<this, K>;
  get(options?: { plain?: boolean; raw?: boolean }): Attributes<this>;
  get(key?: string | { plain?: boolean; raw?: boolean }, options?: { raw?: boolean }): unknown {
    const def = bindingOf(this.constructor).definition;
    if (typeof key === 'string') {
      const extras = extrasOf(this);
      if (extras !== undefined && Object.hasOwn(extras, key)) return extras[key];
      // As Sequelize's get: a name that is no attribute reads as undefined (or a value the row carried under that name).
      if (def.byName[key] === undefined && !associationsOf(this.constructor).has(key) && !def.virtuals.some((v) => v.name === key)) {
        return Object.prototype.hasOwnProperty.call(this, key) ? (this as unknown as Record<string, unknown>)[key] : undefined;
      }
      if (options?.raw === true) return this.getDataValue(key as AttributeName<this>);
      return (this as unknown as Record<string, unknown>)[key];
    }
    return withIncluded(this, plainValues(def, this as unknown as Record<string, unknown>, key?.raw === true), true);
  }

  /**
   * The stored value of an attribute, without its getter (what a getter itself reads).
   * @example get() { return this.getDataValue('name').toUpperCase() }
   */
  getDataValue<K extends AttributeName<this>>(key: K): ValueOf<this, K> {
    const def = bindingOf(this.constructor).definition;
    const slot = dataKey(def, key as string);
    if (slot === undefined) checkKeys(def, { [key]: undefined }, `${def.modelName}.getDataValue`);
    const a = def.byName[key as string];
    return (a !== undefined ? storedValue(this, a) : (this as unknown as Record<PropertyKey, unknown>)[slot!]) as ValueOf<this, K>;
  }

  /**
   * Stores an attribute's value without its setter (what a setter itself writes); dirty
   * tracking sees it like any assignment.
   * @example set(v: string) { this.setDataValue('email', v.trim().toLowerCase()) }
   */
  setDataValue<K extends AttributeName<this>>(key: K, value: ValueOf<this, K>): void {
    const def = bindingOf(this.constructor).definition;
    const slot = dataKey(def, key as string);
    if (slot === undefined) checkKeys(def, { [key]: undefined }, `${def.modelName}.setDataValue`);
    (this as unknown as Record<PropertyKey, unknown>)[slot!] = value;
  }

  /** @internal What console.log and util.inspect show: the attribute values by name (see instance/inspect.ts). */
  [inspect.custom](): object {
    const b = (this.constructor as { [BINDING]?: ModelBinding })[BINDING];
    return b !== undefined && b.model === this.constructor ? inspectView(b.definition, this) : this;
  }

  /**
   * A plain object of the values (and of included associations); what JSON.stringify(instance) writes.
   * @example
   * JSON.stringify(user); // '{"id":1,"name":"Ada",…}'
   */
  toJSON(): Attributes<this> {
    return withIncluded(this, plainValues(bindingOf(this.constructor).definition, this as unknown as Record<string, unknown>), false) as Attributes<this>;
  }

  /**
   * As in Sequelize: the stored values (no getters), by attribute name, with loaded
   * associations. Live: writing an attribute through it stores the value, and the next
   * save() writes it (dirty tracking sees it). See instance/data-values.ts.
   * @example
   * const { name } = user.dataValues;
   * user.dataValues.name = 'Grace'; // user.name === 'Grace', user.changed() → ['name']
   */
  get dataValues(): Attributes<this> {
    const ctor = this.constructor;
    return dataValuesOf(this, bindingOf(ctor).definition, () => associationsOf(ctor)) as Attributes<this>;
  }

  /**
   * `set('name', v)` or `set({ ... })`. Unknown keys and `undefined` values throw, and then nothing is set.
   * @example
   * user.set('name', 'Grace');
   * user.set({ name: 'Grace', age: 37 });
   */
  set<K extends AttributeName<this>>(key: K, value: ValueOf<this, K>): this;
  set(values: CreationAttributes<this>): this;
  set(keyOrValues: string | object, value?: unknown): this {
    setValues(bindingOf(this.constructor).definition, this as unknown as Record<string, unknown>, keyOrValues as string, value);
    return this;
  }

  /**
   * `changed()`: the changed attribute names, or false. `changed('name')`: whether it changed.
   * `changed('name', true)`: mark it changed so the next save writes it.
   * @example
   * user.name = 'Grace';
   * user.changed(); // ['name']
   * user.changed('age'); // false
   */
  changed(): ChangedAttributeName<this>[] | false;
  changed(key: AttributeName<this>): boolean;
  changed(key: AttributeName<this>, mark: true): void;
  changed(key?: string, mark?: true): unknown {
    const def = bindingOf(this.constructor).definition;
    if (key !== undefined) {
      const a = def.byName[key];
      if (a === undefined) checkKeys(def, { [key]: undefined }, `${def.modelName}.changed`);
      if (mark === true) {
        if (this[SNAPSHOT] !== null) {
          storedValue(this, a!); // a deferred Date is made real before its snapshot slot stops holding its time
          this[SNAPSHOT]![a!.position] = FORCED_CHANGE;
        }
        return undefined;
      }
      return changedAttributes(def, this).includes(a!);
    }
    const names = changedAttributes(def, this).map((a) => a.name);
    return names.length > 0 ? names : false;
  }

  /**
   * The value an attribute had when last read or saved; `previous()` gives those of every changed attribute.
   * @example
   * user.name = 'Grace';
   * user.previous('name'); // 'Ada'
   */
  previous<K extends AttributeName<this>>(key: K): ValueOf<this, K> | undefined;
  previous(): Partial<Attributes<this>>;
  previous(key?: string): unknown {
    const def = bindingOf(this.constructor).definition;
    const snapshot = this[SNAPSHOT];
    if (key !== undefined) {
      const a = def.byName[key];
      if (a === undefined) checkKeys(def, { [key]: undefined }, `${def.modelName}.previous`);
      return snapshotValue(a!, snapshot);
    }
    const out: Record<string, unknown> = {};
    for (const a of changedAttributes(def, this)) out[a.name] = snapshotValue(a, snapshot);
    return out;
  }

  /**
   * Inserts a new record, or updates only the changed columns (plus updatedAt) by primary
   * key. Nothing changed: no query. On failure the instance is exactly as before.
   * @example
   * user.name = 'Grace';
   * await user.save(); // UPDATE "Users" SET "name" = $1, "updatedAt" = $2 WHERE "id" = $3
   */
  async save(options?: SaveOptions): Promise<this> {
    const b = bindingOf(this.constructor);
    await save(b, executorOf(b, options), this, options);
    return this;
  }

  /**
   * set + save of exactly these keys. On failure the instance is exactly as before. With
   * `{ fields }` (as in Sequelize) only those keys are assigned and written: the others are
   * checked but left alone, in memory and in the database.
   * @example
   * await user.update({ name: 'Grace' }); // UPDATE "Users" SET "name" = $1, "updatedAt" = $2 WHERE "id" = $3
   * await user.update({ name: 'X', bio: 'Y' }, { fields: ['bio'] }); // UPDATE "Users" SET "bio" = $1, "updatedAt" = $2 WHERE "id" = $3
   */
  async update(values: CreationAttributes<this>, options?: SaveOptions): Promise<this> {
    const def = bindingOf(this.constructor).definition;
    const what = `${def.modelName}.update`;
    checkKeys(def, values as object, what, true);
    const fields = checkFields(def, options?.fields, what);
    if (fields !== undefined) values = pickFields(def, values as object, fields) as CreationAttributes<this>;
    const keys = checkKeys(def, values as object, what, true);
    const self = this as unknown as Record<string, unknown>;
    // The stored slots (not the getters' view): a setter may write other attributes too.
    const slots = def.attributes.map((a) => a.key as string);
    const before = slots.map((k) => self[k]);
    setValues(def, self, values as object);
    const assigned = slots.map((k) => self[k]);
    try {
      // A VIRTUAL key's setter may change any attribute: then every change is saved.
      await this.save({ ...options, fields: fields ?? (keys.some((k) => isVirtual(def, k)) ? undefined : keys) });
    } catch (err) {
      // Restore only what is still our assignment; anything changed meanwhile stays.
      slots.forEach((k, i) => {
        if (self[k] === assigned[i] && assigned[i] !== before[i]) self[k] = before[i];
      });
      throw err;
    }
    return this;
  }

  /**
   * `increment('age')`, `increment('age', { by: 2 })`, `increment(['a', 'b'], { by })`,
   * `increment({ age: 2, cash: 100 })`: one atomic `UPDATE … SET "age" = "age" + $1 … RETURNING`;
   * the instance then holds the new values. Numeric attributes only.
   * @example
   * await user.increment('age', { by: 2 }); // user.age is the database's new value
   */
  async increment(fields: IncrementFields<this>, options?: IncrementOptions): Promise<this> {
    const b = bindingOf(this.constructor);
    await incrementInstance(b, executorOf(b, options), this, fields, options, 1, instanceWhere(b.definition, options, `${b.definition.modelName}.increment`));
    return this;
  }

  /**
   * As increment, subtracting.
   * @example
   * await account.decrement('balance', { by: 10 }); // UPDATE "Accounts" SET "balance" = "balance" + $1 … RETURNING …
   */
  async decrement(fields: IncrementFields<this>, options?: IncrementOptions): Promise<this> {
    const b = bindingOf(this.constructor);
    await incrementInstance(b, executorOf(b, options), this, fields, options, -1, instanceWhere(b.definition, options, `${b.definition.modelName}.decrement`));
    return this;
  }

  /**
   * Re-reads the row (unsaved changes are discarded); EmptyResultError if it is gone.
   * @example
   * await user.reload(); // SELECT … FROM "Users" WHERE "id" = $1
   */
  async reload(options?: InstanceOptions): Promise<this> {
    const b = bindingOf(this.constructor);
    if (options !== undefined && options !== null) checkOptionKeys(options, [], `${b.definition.modelName}.reload`);
    await reload(b, executorOf(b, options), this);
    return this;
  }

  /**
   * Deletes the row by primary key; on a paranoid model sets `deletedAt` instead, unless
   * `{ force: true }`. Runs beforeDestroy/afterDestroy unless `{ hooks: false }`.
   * @example
   * await user.destroy(); // DELETE FROM "Users" WHERE "id" = $1
   */
  async destroy(options?: InstanceOptions & { force?: boolean; hooks?: boolean }): Promise<void> {
    const b = bindingOf(this.constructor);
    if (options !== undefined && options !== null) checkOptionKeys(options, ['force', 'hooks'], `${b.definition.modelName}.destroy`);
    await destroyInstance(b, executorOf(b, options), this as never, options as never);
  }

  /**
   * Un-deletes a soft-deleted record of a paranoid model (`deletedAt` back to null).
   * @example await post.restore(); // UPDATE "Posts" SET "deletedAt" = $1 WHERE "id" = $2
   */
  async restore(options?: InstanceOptions & { hooks?: boolean }): Promise<this> {
    const b = bindingOf(this.constructor);
    if (options !== undefined && options !== null) checkOptionKeys(options, ['hooks'], `${b.definition.modelName}.restore`);
    await restoreInstance(b, executorOf(b, options), this as never, options as never);
    return this;
  }

  /** Whether this record of a paranoid model is soft-deleted. @example (await Post.findByPk(1, { paranoid: false }))!.isSoftDeleted() */
  isSoftDeleted(): boolean {
    const d = bindingOf(this.constructor).definition.deletedAt;
    const v = d === undefined ? null : (this as unknown as Record<string, unknown>)[d.name];
    return v !== null && v !== undefined;
  }

  /**
   * Runs the validators (and the NOT NULL and type checks) with the validate hooks; rejects
   * with one ValidationError listing every refusal. Sends nothing, changes nothing.
   * @example await user.validate(); // or user.validate({ fields: ['email'] })
   */
  async validate(options?: { fields?: string[]; skip?: string[]; hooks?: boolean; transaction?: Transaction | null }): Promise<void> {
    const b = bindingOf(this.constructor);
    if (options !== undefined && options !== null) checkOptionKeys(options, ['fields', 'skip', 'hooks'], `${b.definition.modelName}.validate`);
    await validateInstanceCall(b, executorOf(b, options), this as never, options as never);
  }
}

// Lifecycle statics (restore, scope, unscoped, addScope, addHook, beforeCreate …): lifecycle/statics.ts.
installLifecycleStatics(Model);
// max, min, sum, aggregate, findAndCountAll: query/aggregate-statics.ts.
installAggregateStatics(Model);
