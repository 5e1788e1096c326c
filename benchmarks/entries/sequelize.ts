/**
 * Sequelize v6, as its users write it: Model.init classes, findByPk / findAll / create /
 * bulkCreate / instance save and increment / Model.destroy. hydrate-cpu calls what findAll
 * calls on the driver's rows (bulkBuild with isNewRecord false and raw true).
 */
import { DataTypes, Model, Op, QueryTypes, Sequelize } from 'sequelize';
import type { InferAttributes, InferCreationAttributes, CreationOptional, ModelAttributes } from 'sequelize';
import type { Entry, EntryConfig } from '../entry';
import { chunksOf } from '../entry';

class SeqUser extends Model<InferAttributes<SeqUser>, InferCreationAttributes<SeqUser>> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare email: string;
  declare age: number;
  declare score: number;
  declare active: boolean;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}
class SeqScratch extends SeqUser {}

const attributes: ModelAttributes<SeqUser> = {
  id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
  name: { type: DataTypes.STRING, allowNull: false },
  email: { type: DataTypes.STRING, allowNull: false },
  age: { type: DataTypes.INTEGER, allowNull: false },
  score: { type: DataTypes.DOUBLE, allowNull: false },
  active: { type: DataTypes.BOOLEAN, allowNull: false },
  createdAt: DataTypes.DATE,
  updatedAt: DataTypes.DATE,
};
const names = Object.keys(attributes);

class SeqAuthor extends Model {}
class SeqPost extends Model {}
class SeqTag extends Model {}

/** The include workloads' models and associations, as a Sequelize user declares them. */
function defineRelations(sequelize: Sequelize, schema: string): void {
  const common = { sequelize, schema, timestamps: false };
  SeqAuthor.init({ id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true }, name: { type: DataTypes.STRING, allowNull: false }, email: { type: DataTypes.STRING, allowNull: false } }, { ...common, tableName: 'authors', modelName: 'SeqAuthor' });
  SeqPost.init({
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true }, authorId: { type: DataTypes.INTEGER, allowNull: false }, title: { type: DataTypes.STRING, allowNull: false },
    body: { type: DataTypes.TEXT, allowNull: false }, views: { type: DataTypes.INTEGER, allowNull: false }, createdAt: { type: DataTypes.DATE, allowNull: false },
  }, { ...common, tableName: 'posts', modelName: 'SeqPost' });
  SeqTag.init({ id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true }, name: { type: DataTypes.STRING, allowNull: false } }, { ...common, tableName: 'tags', modelName: 'SeqTag' });
  SeqAuthor.hasMany(SeqPost, { as: 'posts', foreignKey: 'authorId' });
  SeqPost.belongsTo(SeqAuthor, { as: 'author', foreignKey: 'authorId' });
  const through = sequelize.define('SeqPostTag', {}, { ...common, tableName: 'post_tags' });
  SeqPost.belongsToMany(SeqTag, { through, as: 'tags', foreignKey: 'postId', otherKey: 'tagId' });
}

/** How this entry does each workload (printed with the results and in the README). */
export const NOTES = 'v6 defaults, `Model.init` classes; `findAll({ include })` (its default: one JOINed query, de-duplicated; a subquery for limit with a to-many include); instance `save` and `increment`; bulk-copy-1m: `bulkCreate` of 10,000-row chunks in one transaction (no COPY API); `Model.destroy({ where })`. hydrate-cpu: `Model.bulkBuild(rows, { isNewRecord: false, raw: true })`, what findAll calls. streaming: no cursor API, so keyset pages (`findAll` where id > last, limit batchSize).';

export async function createSequelizeEntry(config: EntryConfig): Promise<Entry<SeqScratch, object[]>> {
  const sequelize = new Sequelize(config.url, { logging: false, pool: { max: config.poolSize, min: 0 } });
  SeqUser.init(attributes, { sequelize, tableName: 'users', schema: config.schema, modelName: 'SeqUser' });
  SeqScratch.init(attributes, { sequelize, tableName: 'scratch', schema: config.schema, modelName: 'SeqScratch' });
  defineRelations(sequelize, config.schema);
  await sequelize.authenticate();
  const firstN = `SELECT ${names.map((n) => `"${n}"`).join(', ')} FROM "${config.schema}"."users" ORDER BY "id" LIMIT $1`;

  return {
    name: 'sequelize',
    notes: NOTES,
    findByPk: (id) => SeqUser.findByPk(id),
    findAll: (afterId, limit) => SeqUser.findAll({ where: { id: { [Op.gt]: afterId }, active: true }, order: [['id', 'ASC']], limit }),
    // Sequelize has no cursor or stream: keyset pages of batchSize, its users' idiom.
    async stream(batchSize, rows, each) {
      for (let last = 0; ;) {
        const page = await SeqUser.findAll({ where: { id: { [Op.gt]: last, [Op.lte]: rows } }, order: [['id', 'ASC']], limit: batchSize });
        for (let i = 0; i < page.length; i++) each(page[i]);
        if (page.length < batchSize) return;
        last = page[page.length - 1].id;
      }
    },
    create: (values) => SeqScratch.create(values),
    bulkCreate: (rows) => SeqScratch.bulkCreate(rows),
    // No COPY or streaming API: bulkCreate of 10,000-row chunks in one transaction.
    bulkLoad: (rows) => sequelize.transaction(async (transaction) => {
      let n = 0;
      for await (const chunk of chunksOf(rows, 10_000)) {
        await SeqScratch.bulkCreate(chunk, { transaction, returning: false });
        n += chunk.length;
      }
      return n;
    }),
    loadScratch: (ids) => SeqScratch.findAll({ where: { id: ids }, order: [['id', 'ASC']] }),
    async updateOneField(record, score) {
      record.score = score;
      await record.save();
    },
    async increment(record) {
      await record.increment('age');
    },
    async transaction(lockId, otherId, offset) {
      await sequelize.transaction(async (transaction) => {
        const row = (await SeqScratch.findByPk(lockId, { lock: true, transaction }))!;
        row.score = lockId + offset;
        await row.save({ transaction });
        await SeqScratch.update({ score: otherId + offset }, { where: { id: otherId }, transaction });
      });
    },
    destroy: (id) => SeqScratch.destroy({ where: { id } }),
    valuesOf: (record) => record.get({ plain: true }),
    fetchRaw: (n) => sequelize.query<object>(firstN, { bind: [n], type: QueryTypes.SELECT, raw: true }),
    hydrate: (rows) => SeqUser.bulkBuild(rows as never[], { isNewRecord: false, raw: true, attributes: names } as never),
    includeMany: () => SeqAuthor.findAll({ include: [{ model: SeqPost, as: 'posts' }], order: [['id', 'ASC']] }) as never,
    includeOne: (n) => SeqPost.findAll({ include: [{ model: SeqAuthor, as: 'author' }], order: [['id', 'ASC']], limit: n }) as never,
    includeM2M: (n) => SeqPost.findAll({ include: [{ model: SeqTag, as: 'tags', through: { attributes: [] } }], order: [['id', 'ASC']], limit: n }) as never,
    loadAll: (n) => SeqUser.findAll({ order: [['id', 'ASC']], limit: n }),
    close: () => sequelize.close(),
  };
}
