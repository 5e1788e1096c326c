import { UsageError } from './errors';
import { checkOptionKeys } from './persistence/params';
import type { InitOptions, AttributesInput } from './metadata/options';
import { BINDING, bindingOf, executorOf } from './instance/binding';
import type { ModelBinding } from './instance/binding';
import { changedAttributes, snapshotValue } from './instance/changes';
import { FORCED_CHANGE, SNAPSHOT } from './instance/state';
import { assignBuildValues, checkKeys, plainValues, setValues } from './instance/values';
import { save } from './persistence/save';
import type { SaveOptions } from './persistence/save';
import { incrementInstance } from './persistence/increment';
import type { IncrementOptions } from './persistence/increment';
import { destroy, reload } from './persistence/record';
import * as finders from './query/finders';
import type { CountOptions, DestroyOptions, FindOptions, FindOrCreateOptions, UpdateOptions, BulkCreateOptions, UpsertOptions, StaticIncrementOptions } from './query/options';
import { syncModels, dropModels } from './schema/sync';
import type { SyncOptions, DropOptions } from './schema/sync';
import type { Transaction } from './transaction';
import { belongsTo, belongsToMany, hasMany, hasOne } from './associations/define';
import { associationsOf } from './associations/registry';
import { withIncluded } from './associations/plain';
import type { Association, BelongsToManyOptions, BelongsToOptions, HasOneOptions } from './associations/types';
import type { AttributeName, Attributes, ChangedAttributeName, CreationAttributes, ModelStatic } from './model-types';

/** Options of `reload()` and `destroy()`. */
export interface InstanceOptions {
  /** Run inside this transaction; inside a managed callback it is found on its own. `null` runs outside it. */
  transaction?: Transaction | null;
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

  /** Use `Model.build()` or `Model.create()`: `new` alone sets no defaults and checks no keys. */
  constructor() {
    this[SNAPSHOT] = null;
    // Every attribute exists before class fields run: one hidden class per model.
    (this.constructor as { [BINDING]?: ModelBinding })[BINDING]?.definition.initInstance(this);
  }

  // ---- Registration -------------------------------------------------------------------

  /** Registers the model with a Database: `User.init(attributes, { sequelize: db, modelName })`. */
  static init(this: Function, attributes: AttributesInput, options: InitOptions): void {
    const registrar = options?.sequelize as Registrar | undefined;
    if (!registrar || typeof registrar.registerModel !== 'function') throw new UsageError(`${this.name}.init(attributes, { sequelize: db }): the sequelize option must be a Database`);
    const { sequelize: _db, ...rest } = options;
    registrar.registerModel(this, attributes, rest);
  }

  /** The model's name (`modelName`, or the class name). */
  static get modelName(): string {
    return bindingOf(this).definition.modelName;
  }

  /** The table name, e.g. `Users`. */
  static get tableName(): string {
    return bindingOf(this).definition.tableName;
  }

  static getTableName(): string | { tableName: string; schema: string } {
    const d = bindingOf(this).definition;
    return d.schema ? { tableName: d.tableName, schema: d.schema } : d.tableName;
  }

  /** The normalised, frozen definition (attributes, columns, keys) of this model. */
  static get definition() {
    return bindingOf(this).definition;
  }

  /** The Database this model is registered with. */
  static get sequelize(): unknown {
    return bindingOf(this).db;
  }

  // ---- Schema -------------------------------------------------------------------------

  /** Creates the table if missing; `{ force }`, `{ alter }`, `{ match }`, `{ dryRun }` as in db.sync. */
  static async sync(options?: SyncOptions): Promise<string[]> {
    const b = bindingOf(this);
    return syncModels(executorOf(b, options), [b.definition], options);
  }

  /** Drops the table (and its enum types). */
  static async drop(options?: DropOptions): Promise<string[]> {
    const b = bindingOf(this);
    return dropModels(executorOf(b, options), [b.definition], options);
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

  /** A new, unsaved instance with defaults applied. Unknown keys are an error. No query. */
  static build<M extends Model>(this: ModelStatic<M>, values?: CreationAttributes<M>): M {
    const b = bindingOf(this);
    const inst = new this();
    assignBuildValues(b.definition, inst as unknown as Record<string, unknown>, values);
    return inst;
  }

  /** build + save: one INSERT … RETURNING; the instance holds the database's values. */
  static async create<M extends Model>(this: ModelStatic<M>, values?: CreationAttributes<M>, options?: SaveOptions): Promise<M> {
    const inst = this.build(values);
    await inst.save(options);
    return inst;
  }

  // ---- Querying (query/) ----------------------------------------------------------------

  static async findAll<M extends Model>(this: ModelStatic<M>, options?: FindOptions<M>): Promise<M[]> {
    const b = bindingOf(this);
    return finders.findAll(b, executorOf(b, options), this, options) as Promise<M[]>;
  }
  static async findOne<M extends Model>(this: ModelStatic<M>, options?: FindOptions<M>): Promise<M | null> {
    const b = bindingOf(this);
    return finders.findOne(b, executorOf(b, options), this, options) as Promise<M | null>;
  }
  static async findByPk<M extends Model>(this: ModelStatic<M>, key: unknown, options?: Omit<FindOptions<M>, 'where'>): Promise<M | null> {
    const b = bindingOf(this);
    return finders.findByPk(b, executorOf(b, options), this, key, options) as Promise<M | null>;
  }
  static async count<M extends Model>(this: ModelStatic<M>, options?: CountOptions<M>): Promise<number> {
    const b = bindingOf(this);
    return finders.count(b, executorOf(b, options), options);
  }
  static async findOrCreate<M extends Model>(this: ModelStatic<M>, options: FindOrCreateOptions<M>): Promise<[M, boolean]> {
    const b = bindingOf(this);
    return finders.findOrCreate(b, executorOf(b, options), this, options) as Promise<[M, boolean]>;
  }
  static async bulkCreate<M extends Model>(this: ModelStatic<M>, rows: CreationAttributes<M>[], options?: BulkCreateOptions): Promise<M[]> {
    const b = bindingOf(this);
    return finders.bulkCreate(b, executorOf(b, options), this, rows as object[], options) as Promise<M[]>;
  }
  static async upsert<M extends Model>(this: ModelStatic<M>, values: CreationAttributes<M>, options?: UpsertOptions): Promise<[M, boolean | null]> {
    const b = bindingOf(this);
    return finders.upsert(b, executorOf(b, options), this, values as object, options) as Promise<[M, boolean | null]>;
  }

  /** `Model.update(values, { where })`: returns `[affectedCount]`, or `[count, rows]` with `returning: true`. */
  static async update<M extends Model>(this: ModelStatic<M>, values: CreationAttributes<M>, options: UpdateOptions<M>): Promise<[number, M[]]> {
    const b = bindingOf(this);
    return finders.updateWhere(b, executorOf(b, options), this, values as object, options) as Promise<[number, M[]]>;
  }
  /** `Model.destroy({ where })`: returns the number of rows deleted. */
  static async destroy<M extends Model>(this: ModelStatic<M>, options: DestroyOptions<M>): Promise<number> {
    const b = bindingOf(this);
    return finders.destroyWhere(b, executorOf(b, options), options);
  }
  /** `Model.increment(fields, { where, by })`: one atomic UPDATE. */
  static async increment<M extends Model>(this: ModelStatic<M>, fields: AttributeName<M> | AttributeName<M>[] | Partial<Record<AttributeName<M>, number | string | bigint>>, options: StaticIncrementOptions<M>): Promise<[number, M[]]> {
    const b = bindingOf(this);
    return finders.incrementWhere(b, executorOf(b, options), this, fields, options, 1) as Promise<[number, M[]]>;
  }
  static async decrement<M extends Model>(this: ModelStatic<M>, fields: AttributeName<M> | AttributeName<M>[] | Partial<Record<AttributeName<M>, number | string | bigint>>, options: StaticIncrementOptions<M>): Promise<[number, M[]]> {
    const b = bindingOf(this);
    return finders.incrementWhere(b, executorOf(b, options), this, fields, options, -1) as Promise<[number, M[]]>;
  }

  // ---- Instance API ---------------------------------------------------------------------

  /** True until the record has been inserted (or when it was built and never saved). */
  get isNewRecord(): boolean {
    return this[SNAPSHOT] === null;
  }

  /** `get('name')`, or `get()` / `get({ plain: true })` for a plain object of the values. */
  get<K extends AttributeName<this>>(key: K): ValueOf<this, K>;
  get(options?: { plain?: boolean }): Attributes<this>;
  get(key?: string | { plain?: boolean }): unknown {
    const def = bindingOf(this.constructor).definition;
    if (typeof key === 'string') {
      if (def.byName[key] === undefined && !associationsOf(this.constructor).has(key)) checkKeys(def, { [key]: undefined }, `${def.modelName}.get`);
      return (this as unknown as Record<string, unknown>)[key];
    }
    return withIncluded(this, plainValues(def, this as unknown as Record<string, unknown>), true);
  }

  /** A plain object of the values (and of included associations); what JSON.stringify(instance) writes. */
  toJSON(): Attributes<this> {
    return withIncluded(this, plainValues(bindingOf(this.constructor).definition, this as unknown as Record<string, unknown>), false) as Attributes<this>;
  }

  /** Sequelize compatibility: the values as a plain object (a copy; writing to it changes nothing). */
  get dataValues(): Attributes<this> {
    return this.toJSON();
  }

  /** `set('name', v)` or `set({ ... })`. Unknown keys and `undefined` values throw, and then nothing is set. */
  set<K extends AttributeName<this>>(key: K, value: ValueOf<this, K>): this;
  set(values: CreationAttributes<this>): this;
  set(keyOrValues: string | object, value?: unknown): this {
    setValues(bindingOf(this.constructor).definition, this as unknown as Record<string, unknown>, keyOrValues as string, value);
    return this;
  }

  /**
   * `changed()`: the changed attribute names, or false. `changed('name')`: whether it changed.
   * `changed('name', true)`: mark it changed so the next save writes it.
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
        if (this[SNAPSHOT] !== null) this[SNAPSHOT]![a!.position] = FORCED_CHANGE;
        return undefined;
      }
      return changedAttributes(def, this).includes(a!);
    }
    const names = changedAttributes(def, this).map((a) => a.name);
    return names.length > 0 ? names : false;
  }

  /** The value an attribute had when last read or saved; `previous()` gives those of every changed attribute. */
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
   */
  async save(options?: SaveOptions): Promise<this> {
    const b = bindingOf(this.constructor);
    await save(b, executorOf(b, options), this, options);
    return this;
  }

  /** set + save of exactly these keys. On failure the instance is exactly as before. */
  async update(values: CreationAttributes<this>, options?: Omit<SaveOptions, 'fields'>): Promise<this> {
    const def = bindingOf(this.constructor).definition;
    const keys = checkKeys(def, values as object, `${def.modelName}.update`);
    const self = this as unknown as Record<string, unknown>;
    const before = keys.map((k) => self[k]);
    setValues(def, self, values as object);
    try {
      await this.save({ ...options, fields: keys });
    } catch (err) {
      // Restore only what is still our assignment; anything changed meanwhile stays.
      const v = values as Record<string, unknown>;
      keys.forEach((k, i) => {
        if (self[k] === v[k]) self[k] = before[i];
      });
      throw err;
    }
    return this;
  }

  /**
   * `increment('age')`, `increment('age', { by: 2 })`, `increment(['a', 'b'], { by })`,
   * `increment({ age: 2, cash: 100 })`: one atomic `UPDATE … SET "age" = "age" + $1 … RETURNING`.
   */
  async increment(fields: AttributeName<this> | AttributeName<this>[] | Partial<Record<AttributeName<this>, number | string | bigint>>, options?: IncrementOptions): Promise<this> {
    const b = bindingOf(this.constructor);
    await incrementInstance(b, executorOf(b, options), this, fields, options, 1);
    return this;
  }

  async decrement(fields: AttributeName<this> | AttributeName<this>[] | Partial<Record<AttributeName<this>, number | string | bigint>>, options?: IncrementOptions): Promise<this> {
    const b = bindingOf(this.constructor);
    await incrementInstance(b, executorOf(b, options), this, fields, options, -1);
    return this;
  }

  /** Re-reads the row (unsaved changes are discarded); EmptyResultError if it is gone. */
  async reload(options?: InstanceOptions): Promise<this> {
    const b = bindingOf(this.constructor);
    if (options !== undefined && options !== null) checkOptionKeys(options, [], `${b.definition.modelName}.reload`);
    await reload(b, executorOf(b, options), this);
    return this;
  }

  /** Deletes the row by primary key. */
  async destroy(options?: InstanceOptions): Promise<void> {
    const b = bindingOf(this.constructor);
    if (options !== undefined && options !== null) checkOptionKeys(options, [], `${b.definition.modelName}.destroy`);
    await destroy(b, executorOf(b, options), this);
  }
}
