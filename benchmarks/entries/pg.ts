/**
 * The baseline: the best hand-written `pg` code. Parameterised named statements (parsed and
 * planned once per connection), `unnest` for the bulk insert, timestamps set by the server,
 * rows as pg returns them (plain objects with pg's default type parsers).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Pool } from 'pg';
import Cursor from 'pg-cursor';
import { from as copyFrom } from 'pg-copy-streams';
import type { QueryConfig } from 'pg';
import { quoteIdent } from '../schema';
import type { BenchRow, Entry, EntryConfig, NewRow } from '../entry';
import type { AuthorWithPosts, PostRow, PostWithAuthor, PostWithTags } from '../relations';

// pg's own row parser: what turns the driver's text values into a row object.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Result = require('pg/lib/result.js') as new (rowMode?: string, types?: unknown) => {
  addFields(fields: unknown[]): void;
  parseRow(row: unknown[]): BenchRow;
};

const COLUMNS = '"id", "name", "email", "age", "score", "active", "createdAt", "updatedAt"';
const rawText = { getTypeParser: () => (text: string) => text };

interface RawRows {
  fields: unknown[];
  rows: unknown[][];
}

/** How this entry does each workload (printed with the results and in the README). */
export const NOTES = 'named prepared statements; includes: a second `= ANY($1)` query grouped in a Map (to-many, m2m), one JOIN nested by hand (to-one); `unnest` bulk insert returning the rows; bulk-copy-1m: `COPY … FROM STDIN` via pg-copy-streams (text lines built by hand) in one transaction; timestamps by `now()`; rows as pg returns them. hydrate-cpu: pg\'s own `Result.parseRow` on the text rows (includes type parsing). streaming: `pg-cursor` reads of `batchSize` rows on a pooled client.';

export async function createPgEntry(config: EntryConfig): Promise<Entry<BenchRow, RawRows>> {
  const pool = new Pool({ connectionString: config.url, max: config.poolSize });
  const users = `${quoteIdent(config.schema)}."users"`;
  const scratch = `${quoteIdent(config.schema)}."scratch"`;
  const s = config.schema;
  // Statement names are per connection; the schema keeps two harness runs from sharing one.
  const named = (name: string, text: string) => (values: unknown[]): QueryConfig => ({ name: `${s}_${name}`, text, values });
  const findByPk = named('find_by_pk', `SELECT ${COLUMNS} FROM ${users} WHERE "id" = $1`);
  const findAll = named('find_all', `SELECT ${COLUMNS} FROM ${users} WHERE "id" > $1 AND "active" = $2 ORDER BY "id" LIMIT $3`);
  const create = named('create', `INSERT INTO ${scratch} ("name", "email", "age", "score", "active", "createdAt", "updatedAt")
    VALUES ($1, $2, $3, $4, $5, now(), now()) RETURNING ${COLUMNS}`);
  const bulk = named('bulk', `INSERT INTO ${scratch} ("name", "email", "age", "score", "active", "createdAt", "updatedAt")
    SELECT n, e, a, s, ac, now(), now() FROM unnest($1::varchar[], $2::varchar[], $3::int[], $4::float8[], $5::bool[]) AS u(n, e, a, s, ac)
    RETURNING ${COLUMNS}`);
  const load = named('load', `SELECT ${COLUMNS} FROM ${scratch} WHERE "id" = ANY($1::int[]) ORDER BY "id"`);
  const update = named('update', `UPDATE ${scratch} SET "score" = $1, "updatedAt" = now() WHERE "id" = $2`);
  const increment = named('increment', `UPDATE ${scratch} SET "age" = "age" + 1, "updatedAt" = now() WHERE "id" = $1 RETURNING "age", "updatedAt"`);
  const lockRow = named('lock_row', `SELECT ${COLUMNS} FROM ${scratch} WHERE "id" = $1 FOR UPDATE`);
  const destroy = named('destroy', `DELETE FROM ${scratch} WHERE "id" = $1`);
  const firstN = `SELECT ${COLUMNS} FROM ${users} ORDER BY "id" LIMIT $1`;
  const streamRows = `SELECT ${COLUMNS} FROM ${users} WHERE "id" <= $1 ORDER BY "id"`;
  const q = (t: string) => `${quoteIdent(config.schema)}.${quoteIdent(t)}`;
  const POST = '"id", "authorId", "title", "body", "views", "createdAt"';
  const allAuthors = named('authors', `SELECT "id", "name", "email" FROM ${q('authors')} ORDER BY "id"`);
  const postsOf = named('posts_of', `SELECT ${POST} FROM ${q('posts')} WHERE "authorId" = ANY($1::int[])`);
  const postsWithAuthor = named('posts_with_author', `SELECT p."id", p."authorId", p."title", p."body", p."views", p."createdAt", a."id", a."name", a."email"
    FROM ${q('posts')} p JOIN ${q('authors')} a ON a."id" = p."authorId" ORDER BY p."id" LIMIT $1`);
  const firstPosts = named('first_posts', `SELECT ${POST} FROM ${q('posts')} ORDER BY "id" LIMIT $1`);
  const tagsOf = named('tags_of', `SELECT pt."postId", t."id", t."name" FROM ${q('post_tags')} pt JOIN ${q('tags')} t ON t."id" = pt."tagId" WHERE pt."postId" = ANY($1::int[])`);

  return {
    name: 'pg',
    notes: NOTES,
    async findByPk(id) {
      const r = await pool.query<BenchRow>(findByPk([id]));
      return r.rows[0] ?? null;
    },
    async findAll(afterId, limit) {
      return (await pool.query<BenchRow>(findAll([afterId, true, limit]))).rows;
    },
    async create(v: NewRow) {
      return (await pool.query<BenchRow>(create([v.name, v.email, v.age, v.score, v.active]))).rows[0];
    },
    async bulkCreate(rows) {
      const n = rows.length;
      const names = new Array<string>(n), emails = new Array<string>(n), ages = new Array<number>(n), scores = new Array<number>(n), actives = new Array<boolean>(n);
      for (let i = 0; i < n; i++) {
        const r = rows[i];
        names[i] = r.name; emails[i] = r.email; ages[i] = r.age; scores[i] = r.score; actives[i] = r.active;
      }
      return (await pool.query<BenchRow>(bulk([names, emails, ages, scores, actives]))).rows;
    },
    // COPY … FROM STDIN through pg-copy-streams in one transaction; rows as COPY text lines
    // (these values hold no tab, newline or backslash, so none is escaped), timestamps by the column DEFAULT now().
    async bulkLoad(rows) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const stream = client.query(copyFrom(`COPY ${scratch} ("name", "email", "age", "score", "active") FROM STDIN`));
        async function* lines() {
          let out = '';
          let n = 0;
          for await (const r of rows) {
            out += `${r.name}\t${r.email}\t${r.age}\t${r.score}\t${r.active ? 't' : 'f'}\n`;
            if (++n === 10_000) {
              yield Buffer.from(out);
              out = '';
              n = 0;
            }
          }
          if (out.length > 0) yield Buffer.from(out);
        }
        await pipeline(Readable.from(lines(), { objectMode: false }), stream);
        await client.query('COMMIT');
        return stream.rowCount;
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      } finally {
        client.release();
      }
    },
    async loadScratch(ids) {
      return (await pool.query<BenchRow>(load([ids]))).rows;
    },
    async updateOneField(row, score) {
      row.score = score;
      await pool.query(update([score, row.id]));
    },
    async increment(row) {
      const r = await pool.query<{ age: number; updatedAt: Date }>(increment([row.id]));
      row.age = r.rows[0].age;
      row.updatedAt = r.rows[0].updatedAt;
    },
    async transaction(lockId, otherId, offset) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const row = (await client.query<BenchRow>(lockRow([lockId]))).rows[0];
        await client.query(update([row.id + offset, row.id]));
        await client.query(update([otherId + offset, otherId]));
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      } finally {
        client.release();
      }
    },
    async destroy(id) {
      return (await pool.query(destroy([id]))).rowCount ?? 0;
    },
    valuesOf: (row) => row,
    async fetchRaw(n) {
      const r = await pool.query({ text: firstN, values: [n], rowMode: 'array', types: rawText });
      return { fields: r.fields, rows: r.rows as unknown as unknown[][] };
    },
    hydrate(raw) {
      const result = new Result();
      result.addFields(raw.fields);
      const rows = raw.rows;
      const out = new Array<BenchRow>(rows.length);
      for (let i = 0; i < rows.length; i++) out[i] = result.parseRow(rows[i]);
      return out;
    },
    // Two queries, grouped in a Map: the best plain pg does for a to-many load.
    async includeMany() {
      const authors = (await pool.query<AuthorWithPosts>(allAuthors([]))).rows;
      const byId = new Map<number, AuthorWithPosts>();
      for (const a of authors) {
        a.posts = [];
        byId.set(a.id, a);
      }
      const posts = (await pool.query<PostRow>(postsOf([authors.map((a) => a.id)]))).rows;
      for (const p of posts) byId.get(p.authorId)!.posts.push(p);
      return authors;
    },
    // One JOIN, rows as arrays, nested by hand.
    async includeOne(n) {
      const r = await pool.query<unknown[]>({ ...postsWithAuthor([n]), rowMode: 'array' });
      const out = new Array<PostWithAuthor>(r.rows.length);
      for (let i = 0; i < r.rows.length; i++) {
        const x = r.rows[i] as [number, number, string, string, number, Date, number, string, string];
        out[i] = { id: x[0], authorId: x[1], title: x[2], body: x[3], views: x[4], createdAt: x[5], author: { id: x[6], name: x[7], email: x[8] } };
      }
      return out;
    },
    async includeM2M(n) {
      const posts = (await pool.query<PostWithTags>(firstPosts([n]))).rows;
      const byId = new Map<number, PostWithTags>();
      for (const p of posts) {
        p.tags = [];
        byId.set(p.id, p);
      }
      const r = await pool.query<unknown[]>({ ...tagsOf([posts.map((p) => p.id)]), rowMode: 'array' });
      for (const x of r.rows as unknown as [number, number, string][]) byId.get(x[0])!.tags.push({ id: x[1], name: x[2] });
      return posts;
    },
    // pg-cursor on a connection of its own: the baseline findEach is measured against.
    async stream(batchSize, rows, each) {
      const client = await pool.connect();
      try {
        const cursor = client.query(new Cursor<BenchRow>(streamRows, [rows]));
        for (let batch = await cursor.read(batchSize); batch.length > 0; batch = await cursor.read(batchSize)) {
          for (let i = 0; i < batch.length; i++) each(batch[i]);
        }
        await cursor.close();
      } finally {
        client.release();
      }
    },
    async loadAll(n) {
      return (await pool.query<BenchRow>({ text: firstN, values: [n] })).rows;
    },
    close: () => pool.end(),
  };
}
