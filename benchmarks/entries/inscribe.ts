/**
 * Inscribe, through its public API (the built package), decorator style. hydrate-cpu calls
 * the finders' hot path, hydrateRows, on rows fetched once through the same driver path.
 */
import * as path from 'node:path';
import { AutoIncrement, BelongsTo, BelongsToMany, Column, DataTypes, Database, ForeignKey, HasMany, Model, Op, PrimaryKey, Table } from 'inscribe';
import type { NonAttribute } from 'inscribe';
import type { AuthorWithPosts, PostWithAuthor, PostWithTags } from '../relations';
// Internal: the published declarations leave it out, so the type comes from the sources.
import type { ModelDefinition } from '../../src/metadata/definition';
import type { BenchRow, Entry, EntryConfig } from '../entry';

// The hydration hot path is internal; reach it in the built package next to its entry point.
const dist = path.dirname(require.resolve('inscribe'));
/** Database.run is internal (stripped from the published declarations): its shape, for fetchRaw. */
interface Runner {
  run<Row>(query: { text: string; values: unknown[] }, rowMode: 'array', model: ModelDefinition): Promise<{ rows: Row[] }>;
}
const { hydrateRows } = require(path.join(dist, 'instance/hydrate.js')) as {
  hydrateRows<M>(definition: ModelDefinition, model: new () => M, rows: unknown[][]): M[];
};
const { bindingOf } = require(path.join(dist, 'instance/binding.js')) as {
  bindingOf(model: Function): { definition: ModelDefinition };
};

@Table({ tableName: 'users' })
class InscribeUser extends Model {
  @PrimaryKey @AutoIncrement @Column(DataTypes.INTEGER) declare id: number;
  @Column({ type: DataTypes.STRING, allowNull: false }) declare name: string;
  @Column({ type: DataTypes.STRING, allowNull: false }) declare email: string;
  @Column({ type: DataTypes.INTEGER, allowNull: false }) declare age: number;
  @Column({ type: DataTypes.DOUBLE, allowNull: false }) declare score: number;
  @Column({ type: DataTypes.BOOLEAN, allowNull: false }) declare active: boolean;
  declare createdAt: Date;
  declare updatedAt: Date;
}

/** The same attributes on the written table. */
@Table({ tableName: 'scratch' })
class InscribeScratch extends InscribeUser {}

@Table({ tableName: 'authors', timestamps: false })
class InscribeAuthor extends Model {
  @PrimaryKey @AutoIncrement @Column(DataTypes.INTEGER) declare id: number;
  @Column({ type: DataTypes.STRING, allowNull: false }) declare name: string;
  @Column({ type: DataTypes.STRING, allowNull: false }) declare email: string;
  @HasMany(() => InscribePost, 'authorId') declare posts: NonAttribute<InscribePost[]>;
}

@Table({ tableName: 'posts', timestamps: false })
class InscribePost extends Model {
  @PrimaryKey @AutoIncrement @Column(DataTypes.INTEGER) declare id: number;
  @ForeignKey(() => InscribeAuthor) @Column({ type: DataTypes.INTEGER, allowNull: false }) declare authorId: number;
  @Column({ type: DataTypes.STRING, allowNull: false }) declare title: string;
  @Column({ type: DataTypes.TEXT, allowNull: false }) declare body: string;
  @Column({ type: DataTypes.INTEGER, allowNull: false }) declare views: number;
  @Column({ type: DataTypes.DATE, allowNull: false }) declare createdAt: Date;
  @BelongsTo(() => InscribeAuthor, 'authorId') declare author: NonAttribute<InscribeAuthor>;
  @BelongsToMany(() => InscribeTag, { through: 'post_tags', foreignKey: 'postId', otherKey: 'tagId', timestamps: false }) declare tags: NonAttribute<InscribeTag[]>;
}

@Table({ tableName: 'tags', timestamps: false })
class InscribeTag extends Model {
  @PrimaryKey @AutoIncrement @Column(DataTypes.INTEGER) declare id: number;
  @Column({ type: DataTypes.STRING, allowNull: false }) declare name: string;
}

/** How this entry does each workload (printed with the results and in the README). */
export const NOTES = 'the public API: decorated models (associations by decorators; `findAll({ include })`), `findByPk`, `findAll` with `Op`, `create`, `bulkCreate` (bulk-copy-1m: an async iterable, which bulkCreate streams through COPY in one transaction), `save`, `increment`, `Model.destroy({ where })`. hydrate-cpu: `hydrateRows` (what the finders call) on rows from the same driver path. streaming: `for await (… of findEach({ where, order, batchSize }))` (pg-cursor underneath).';

export async function createInscribeEntry(config: EntryConfig): Promise<Entry<InscribeScratch, unknown[][]>> {
  const db = new Database(config.url, { schema: config.schema, pool: { max: config.poolSize }, logging: false });
  db.addModels([InscribeUser, InscribeScratch, InscribeAuthor, InscribePost, InscribeTag]);
  await db.authenticate();
  const definition = bindingOf(InscribeUser).definition;
  const firstN = `SELECT ${definition.selectList} FROM ${definition.qualifiedTable} ORDER BY "id" LIMIT $1`;

  return {
    name: 'inscribe',
    notes: NOTES,
    findByPk: (id) => InscribeUser.findByPk(id),
    findAll: (afterId, limit) => InscribeUser.findAll({ where: { id: { [Op.gt]: afterId }, active: true }, order: [['id', 'ASC']], limit }),
    create: (values) => InscribeScratch.create(values),
    bulkCreate: (rows) => InscribeScratch.bulkCreate(rows),
    bulkLoad: (rows) => InscribeScratch.bulkCreate(rows),
    loadScratch: (ids) => InscribeScratch.findAll({ where: { id: { [Op.in]: ids } }, order: [['id', 'ASC']] }),
    async updateOneField(record, score) {
      record.score = score;
      await record.save();
    },
    async increment(record) {
      await record.increment('age');
    },
    async transaction(lockId, otherId, offset) {
      await db.transaction(async () => {
        const row = (await InscribeScratch.findByPk(lockId, { lock: true }))!;
        row.score = lockId + offset;
        await row.save();
        await InscribeScratch.update({ score: otherId + offset }, { where: { id: otherId } });
      });
    },
    destroy: (id) => InscribeScratch.destroy({ where: { id } }),
    valuesOf: (record) => record,
    async fetchRaw(n) {
      return (await (db as unknown as Runner).run<unknown[]>({ text: firstN, values: [n] }, 'array', definition)).rows;
    },
    // hydrateRows turns each row into the instance's snapshot (Date slots become numbers).
    copyRaw: (rows) => rows.map((r) => r.slice()),
    hydrate: (rows) => hydrateRows(definition, InscribeUser as unknown as new () => BenchRow, rows),
    includeMany: () => InscribeAuthor.findAll({ include: 'posts', order: [['id', 'ASC']] }) as unknown as Promise<AuthorWithPosts[]>,
    includeOne: (n) => InscribePost.findAll({ include: 'author', order: [['id', 'ASC']], limit: n }) as unknown as Promise<PostWithAuthor[]>,
    includeM2M: (n) => InscribePost.findAll({ include: [{ model: InscribeTag, as: 'tags', through: { attributes: [] } }], order: [['id', 'ASC']], limit: n }) as unknown as Promise<PostWithTags[]>,
    async stream(batchSize, rows, each) {
      for await (const user of InscribeUser.findEach({ where: { id: { [Op.lte]: rows } }, order: [['id', 'ASC']], batchSize })) each(user);
    },
    loadAll: (n) => InscribeUser.findAll({ order: [['id', 'ASC']], limit: n }),
    close: () => db.close(),
  };
}
