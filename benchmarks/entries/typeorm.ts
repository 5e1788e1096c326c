/**
 * TypeORM in the ActiveRecord style (entities extend BaseEntity): findOneBy, find, create +
 * save, insert for the bulk insert (which writes the generated
 * id and timestamps back into the given objects), entity save, delete by id. BaseEntity has no instance
 * increment, so increment is the repository's atomic `increment({ id }, 'age', 1)` (users
 * then add 1 locally). hydrate-cpu calls what find calls on the raw rows
 * (RawSqlResultsToEntityTransformer).
 */
import 'reflect-metadata';
import type { DeepPartial } from 'typeorm';
import { BaseEntity, Between, Column, CreateDateColumn, DataSource, Entity, In, JoinColumn, JoinTable, ManyToMany, ManyToOne, MoreThan, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { RawSqlResultsToEntityTransformer } from 'typeorm/query-builder/transformer/RawSqlResultsToEntityTransformer.js';
import type { Entry, EntryConfig } from '../entry';
import { chunksOf } from '../entry';

abstract class TypeormRow extends BaseEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'varchar', length: 255 }) name!: string;
  @Column({ type: 'varchar', length: 255 }) email!: string;
  @Column({ type: 'integer' }) age!: number;
  @Column({ type: 'double precision' }) score!: number;
  @Column({ type: 'boolean' }) active!: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}

@Entity('users')
class TypeormUser extends TypeormRow {}

@Entity('scratch')
class TypeormScratch extends TypeormRow {}

@Entity('authors')
class TypeormAuthor extends BaseEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'varchar', length: 255 }) name!: string;
  @Column({ type: 'varchar', length: 255 }) email!: string;
  @OneToMany(() => TypeormPost, (p) => p.author) posts!: Relation<TypeormPost[]>;
}

@Entity('posts')
class TypeormPost extends BaseEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'integer' }) authorId!: number;
  @Column({ type: 'varchar', length: 255 }) title!: string;
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'integer' }) views!: number;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
  @ManyToOne(() => TypeormAuthor, (a) => a.posts) @JoinColumn({ name: 'authorId' }) author!: Relation<TypeormAuthor>;
  @ManyToMany(() => TypeormTag) @JoinTable({ name: 'post_tags', joinColumn: { name: 'postId' }, inverseJoinColumn: { name: 'tagId' } }) tags!: Relation<TypeormTag[]>;
}

@Entity('tags')
class TypeormTag extends BaseEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'varchar', length: 255 }) name!: string;
}

/** How this entry does each workload (printed with the results and in the README). */
export const NOTES = '`BaseEntity`: `find({ relations })` for includes (its default join strategy); `findOneBy`, `find`, `create().save()`, `insert()` for bulk (it writes the generated id and timestamps back into the given objects); bulk-copy-1m: insert query builder with `updateEntity(false)`, 8,000-row chunks in one transaction (no COPY API); `entity.save()` (by default in a transaction, with a SELECT before the UPDATE), `repository.increment` (BaseEntity has no instance increment), `delete(id)`. hydrate-cpu: `RawSqlResultsToEntityTransformer`, what find calls. streaming: keyset pages of entities (`find` where id between, take batchSize); `QueryBuilder.stream()` yields raw aliased rows, not entities.';

export async function createTypeormEntry(config: EntryConfig): Promise<Entry<TypeormScratch, unknown[]>> {
  const dataSource = new DataSource({
    type: 'postgres', url: config.url, schema: config.schema, poolSize: config.poolSize,
    entities: [TypeormUser, TypeormScratch, TypeormAuthor, TypeormPost, TypeormTag], synchronize: false, logging: false,
  });
  await dataSource.initialize();
  TypeormUser.useDataSource(dataSource);
  TypeormScratch.useDataSource(dataSource);
  for (const e of [TypeormAuthor, TypeormPost, TypeormTag]) e.useDataSource(dataSource);
  const scratchRepo = TypeormScratch.getRepository();
  const firstN = (n: number) => TypeormUser.createQueryBuilder('u').orderBy('u.id', 'ASC').limit(n);

  return {
    name: 'typeorm',
    notes: NOTES,
    findByPk: (id) => TypeormUser.findOneBy({ id }),
    findAll: (afterId, limit) => TypeormUser.find({ where: { id: MoreThan(afterId), active: true }, order: { id: 'ASC' }, take: limit }),
    // QueryBuilder.stream() yields raw rows (aliased columns, no entities): entities come in keyset pages.
    async stream(batchSize, rows, each) {
      for (let last = 0; ;) {
        const page = await TypeormUser.find({ where: { id: Between(last + 1, rows) }, order: { id: 'ASC' }, take: batchSize });
        for (let i = 0; i < page.length; i++) each(page[i]);
        if (page.length < batchSize) return;
        last = page[page.length - 1].id;
      }
    },
    async create(values) {
      const e = TypeormScratch.create(values as DeepPartial<TypeormScratch>) as TypeormScratch;
      await e.save();
      return e;
    },
    async bulkCreate(rows) {
      await TypeormScratch.insert(rows);
      return rows as unknown as Array<{ id: number; name: string }>;
    },
    // No COPY or streaming API: insert query builder (nothing written back) of 8,000-row chunks in one transaction.
    bulkLoad: (rows) => dataSource.transaction(async (manager) => {
      let n = 0;
      for await (const chunk of chunksOf(rows, 8_000)) {
        await manager.createQueryBuilder().insert().into(TypeormScratch).values(chunk as DeepPartial<TypeormScratch>[]).updateEntity(false).execute();
        n += chunk.length;
      }
      return n;
    }),
    loadScratch: (ids) => TypeormScratch.find({ where: { id: In(ids) }, order: { id: 'ASC' } }),
    async updateOneField(record, score) {
      record.score = score;
      await record.save();
    },
    async increment(record) {
      await scratchRepo.increment({ id: record.id }, 'age', 1);
      record.age += 1;
    },
    async transaction(lockId, otherId, offset) {
      await dataSource.transaction(async (manager) => {
        const row = (await manager.findOne(TypeormScratch, { where: { id: lockId }, lock: { mode: 'pessimistic_write' } }))!;
        row.score = lockId + offset;
        await manager.save(row);
        await manager.update(TypeormScratch, { id: otherId }, { score: otherId + offset });
      });
    },
    async destroy(id) {
      return (await TypeormScratch.delete(id)).affected ?? 0;
    },
    valuesOf: (record) => record,
    fetchRaw: (n) => firstN(n).getRawMany(),
    hydrate(raw) {
      const qb = firstN(raw.length);
      const transformer = new RawSqlResultsToEntityTransformer(qb.expressionMap, dataSource.driver, [], undefined);
      return transformer.transform(raw, qb.expressionMap.mainAlias!);
    },
    includeMany: () => TypeormAuthor.find({ relations: { posts: true }, order: { id: 'ASC' } }) as never,
    includeOne: (n) => TypeormPost.find({ relations: { author: true }, order: { id: 'ASC' }, take: n }) as never,
    includeM2M: (n) => TypeormPost.find({ relations: { tags: true }, order: { id: 'ASC' }, take: n }) as never,
    loadAll: (n) => TypeormUser.find({ order: { id: 'ASC' }, take: n }),
    close: () => dataSource.destroy(),
  };
}
