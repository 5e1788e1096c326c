/**
 * drizzle-orm on a `pg` Pool, written as its users usually do (the query builder, not
 * prepared statements). hydrate-cpu calls what a select calls on the driver's array rows
 * (mapResultRow, which also parses the timestamps: drizzle's driver leaves them as text).
 */
import { Pool } from 'pg';
import * as drizzleOrm from 'drizzle-orm';
import { and, asc, eq, gt, inArray, lte, relations, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { boolean, doublePrecision, integer, pgSchema, primaryKey, serial, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import type { BenchRow, Entry, EntryConfig } from '../entry';
import { chunksOf } from '../entry';

const mapResultRow = (drizzleOrm as unknown as { mapResultRow(fields: unknown, row: unknown[], joins: unknown): BenchRow }).mapResultRow;

function tables(schemaName: string) {
  const schema = pgSchema(schemaName);
  const columns = () => ({
    id: serial('id').primaryKey(),
    name: varchar('name', { length: 255 }).notNull(),
    email: varchar('email', { length: 255 }).notNull(),
    age: integer('age').notNull(),
    score: doublePrecision('score').notNull(),
    active: boolean('active').notNull(),
    createdAt: timestamp('createdAt', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updatedAt', { withTimezone: true, mode: 'date' }).notNull().defaultNow().$onUpdate(() => new Date()),
  });
  return { users: schema.table('users', columns()), scratch: schema.table('scratch', columns()) };
}

/** The include workloads' tables and their relations, for drizzle's relational queries (`with`). */
function relationTables(schemaName: string) {
  const schema = pgSchema(schemaName);
  const authors = schema.table('authors', { id: serial('id').primaryKey(), name: varchar('name', { length: 255 }).notNull(), email: varchar('email', { length: 255 }).notNull() });
  const posts = schema.table('posts', {
    id: serial('id').primaryKey(), authorId: integer('authorId').notNull().references(() => authors.id), title: varchar('title', { length: 255 }).notNull(),
    body: text('body').notNull(), views: integer('views').notNull(), createdAt: timestamp('createdAt', { withTimezone: true, mode: 'date' }).notNull(),
  });
  const tags = schema.table('tags', { id: serial('id').primaryKey(), name: varchar('name', { length: 255 }).notNull() });
  const postTags = schema.table('post_tags', { postId: integer('postId').notNull().references(() => posts.id), tagId: integer('tagId').notNull().references(() => tags.id) }, (t) => [primaryKey({ columns: [t.postId, t.tagId] })]);
  const authorsRelations = relations(authors, ({ many }) => ({ posts: many(posts) }));
  const postsRelations = relations(posts, ({ one, many }) => ({ author: one(authors, { fields: [posts.authorId], references: [authors.id] }), postTags: many(postTags) }));
  const postTagsRelations = relations(postTags, ({ one }) => ({ post: one(posts, { fields: [postTags.postId], references: [posts.id] }), tag: one(tags, { fields: [postTags.tagId], references: [tags.id] }) }));
  return { authors, posts, tags, postTags, authorsRelations, postsRelations, postTagsRelations };
}

interface PreparedInternals {
  fields: unknown;
  joinsNotNullableMap: unknown;
  queryConfig: { text: string; rowMode: 'array'; types: unknown };
}

/** How this entry does each workload (printed with the results and in the README). */
export const NOTES = 'the query builder as usually written (not `.prepare()`); relational queries `findMany({ with })` for includes (one statement with LATERAL json_agg; the junction flattened in JS); `.returning()` rows; `defaultNow()` and `$onUpdate` for timestamps; bulk-copy-1m: `insert().values()` of 8,000-row chunks in one transaction (no COPY API). hydrate-cpu: `mapResultRow` on array rows (includes timestamp parsing: drizzle\'s driver leaves them as text). streaming: no cursor or iterator on node-postgres, so keyset pages (where id > last, limit batchSize).';

export async function createDrizzleEntry(config: EntryConfig): Promise<Entry<BenchRow, unknown[][]>> {
  const pool = new Pool({ connectionString: config.url, max: config.poolSize });
  const db = drizzle(pool);
  const rdb = drizzle(pool, { schema: relationTables(config.schema) });
  const { users, scratch } = tables(config.schema);
  const firstN = db.select().from(users).orderBy(asc(users.id)).limit(sql.placeholder('n')).prepare(`${config.schema}_drizzle_first_n`) as unknown as PreparedInternals;

  return {
    name: 'drizzle',
    notes: NOTES,
    async findByPk(id) {
      const rows = await db.select().from(users).where(eq(users.id, id));
      return rows[0] ?? null;
    },
    findAll: (afterId, limit) => db.select().from(users).where(and(gt(users.id, afterId), eq(users.active, true))).orderBy(asc(users.id)).limit(limit),
    // drizzle's node-postgres driver has no cursor or iterator: keyset pages.
    async stream(batchSize, rows, each) {
      for (let last = 0; ;) {
        const page = await db.select().from(users).where(and(gt(users.id, last), lte(users.id, rows))).orderBy(asc(users.id)).limit(batchSize);
        for (let i = 0; i < page.length; i++) each(page[i]);
        if (page.length < batchSize) return;
        last = page[page.length - 1].id;
      }
    },
    async create(values) {
      const rows = await db.insert(scratch).values(values).returning();
      return rows[0];
    },
    bulkCreate: (rows) => db.insert(scratch).values(rows).returning(),
    // No COPY or streaming API: insert().values() of 8,000-row chunks (under 65,535 parameters) in one transaction.
    bulkLoad: (rows) => db.transaction(async (tx) => {
      let n = 0;
      for await (const chunk of chunksOf(rows, 8_000)) {
        await tx.insert(scratch).values(chunk);
        n += chunk.length;
      }
      return n;
    }),
    loadScratch: (ids) => db.select().from(scratch).where(inArray(scratch.id, ids)).orderBy(asc(scratch.id)),
    async updateOneField(record, score) {
      record.score = score;
      await db.update(scratch).set({ score }).where(eq(scratch.id, record.id));
    },
    async increment(record) {
      const rows = await db.update(scratch).set({ age: sql`${scratch.age} + 1` }).where(eq(scratch.id, record.id)).returning({ age: scratch.age, updatedAt: scratch.updatedAt });
      record.age = rows[0].age;
      record.updatedAt = rows[0].updatedAt;
    },
    async transaction(lockId, otherId, offset) {
      await db.transaction(async (tx) => {
        const [row] = await tx.select().from(scratch).where(eq(scratch.id, lockId)).for('update');
        await tx.update(scratch).set({ score: row.id + offset }).where(eq(scratch.id, row.id));
        await tx.update(scratch).set({ score: otherId + offset }).where(eq(scratch.id, otherId));
      });
    },
    async destroy(id) {
      return (await db.delete(scratch).where(eq(scratch.id, id))).rowCount ?? 0;
    },
    valuesOf: (record) => record,
    async fetchRaw(n) {
      const q = firstN.queryConfig;
      return (await pool.query({ text: q.text, rowMode: 'array', types: q.types as never, values: [n] })).rows as unknown as unknown[][];
    },
    hydrate(rows) {
      const out = new Array<BenchRow>(rows.length);
      for (let i = 0; i < rows.length; i++) out[i] = mapResultRow(firstN.fields, rows[i], firstN.joinsNotNullableMap);
      return out;
    },
    includeMany: () => rdb.query.authors.findMany({ with: { posts: true }, orderBy: (a, o) => [o.asc(a.id)] }) as never,
    includeOne: (n) => rdb.query.posts.findMany({ with: { author: true }, orderBy: (p, o) => [o.asc(p.id)], limit: n }) as never,
    // The junction rows come back nested (post.postTags[i].tag); users flatten them.
    async includeM2M(n) {
      const rows = await rdb.query.posts.findMany({ with: { postTags: { columns: {}, with: { tag: true } } }, orderBy: (p, o) => [o.asc(p.id)], limit: n });
      return rows.map(({ postTags, ...p }) => ({ ...p, tags: postTags.map((pt) => pt.tag) }));
    },
    loadAll: (n) => db.select().from(users).orderBy(asc(users.id)).limit(n),
    close: () => pool.end(),
  };
}
