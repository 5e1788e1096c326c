/**
 * The include workloads' tables, seed data and checks: `authors` (100), `posts` (10 per
 * author, 1,000), `tags` (50) and `post_tags` (3 tags per post). Seeded once, never written.
 */
import type { Pool } from 'pg';
import type { Entry } from './entry';
import { quoteIdent } from './schema';
import type { Env, Sizes, Workload } from './workloads';

export const AUTHORS = 100;
export const POSTS_PER_AUTHOR = 10;
export const POSTS = AUTHORS * POSTS_PER_AUTHOR;
export const TAGS = 50;
/** Post j has the tags (j + k) % TAGS + 1 for these k. */
export const TAG_OFFSETS = [0, 17, 33];

export interface AuthorRow { id: number; name: string; email: string }
export interface PostRow { id: number; authorId: number; title: string; body: string; views: number; createdAt: Date }
export interface TagRow { id: number; name: string }
export type AuthorWithPosts = AuthorRow & { posts: PostRow[] };
export type PostWithAuthor = PostRow & { author: AuthorRow };
export type PostWithTags = PostRow & { tags: TagRow[] };

/** Creates and seeds the four tables (with the foreign keys and their indexes). */
export async function createRelations(admin: Pool, schema: string): Promise<void> {
  const s = quoteIdent(schema);
  await admin.query(`CREATE TABLE ${s}."authors" ("id" SERIAL PRIMARY KEY, "name" VARCHAR(255) NOT NULL, "email" VARCHAR(255) NOT NULL)`);
  await admin.query(`CREATE TABLE ${s}."posts" ("id" SERIAL PRIMARY KEY, "authorId" INTEGER NOT NULL REFERENCES ${s}."authors" ("id"), "title" VARCHAR(255) NOT NULL, "body" TEXT NOT NULL, "views" INTEGER NOT NULL, "createdAt" TIMESTAMPTZ NOT NULL)`);
  await admin.query(`CREATE INDEX ON ${s}."posts" ("authorId")`);
  await admin.query(`CREATE TABLE ${s}."tags" ("id" SERIAL PRIMARY KEY, "name" VARCHAR(255) NOT NULL)`);
  await admin.query(`CREATE TABLE ${s}."post_tags" ("postId" INTEGER NOT NULL REFERENCES ${s}."posts" ("id"), "tagId" INTEGER NOT NULL REFERENCES ${s}."tags" ("id"), PRIMARY KEY ("postId", "tagId"))`);
  await admin.query(`CREATE INDEX ON ${s}."post_tags" ("tagId")`);
  await admin.query(`INSERT INTO ${s}."authors" ("name", "email") SELECT 'author-' || i, 'author' || i || '@example.com' FROM generate_series(1, ${AUTHORS}) AS i`);
  await admin.query(`INSERT INTO ${s}."posts" ("authorId", "title", "body", "views", "createdAt")
    SELECT (j - 1) % ${AUTHORS} + 1, 'post-' || j, repeat('lorem ipsum ', 8), j * 3, to_timestamp(1704067200 + j) FROM generate_series(1, ${POSTS}) AS j`);
  await admin.query(`INSERT INTO ${s}."tags" ("name") SELECT 'tag-' || i FROM generate_series(1, ${TAGS}) AS i`);
  await admin.query(`INSERT INTO ${s}."post_tags" ("postId", "tagId") SELECT j, (j + k) % ${TAGS} + 1 FROM generate_series(1, ${POSTS}) AS j, unnest(ARRAY[${TAG_OFFSETS.join(', ')}]) AS k`);
  for (const t of ['authors', 'posts', 'tags', 'post_tags']) await admin.query(`ANALYZE ${s}."${t}"`);
}

class CheckError extends Error {}
function check(ok: boolean, what: () => string): void {
  if (!ok) throw new CheckError(what());
}

function checkPost(p: PostRow, id: number): void {
  check(p.id === id && p.authorId === (id - 1) % AUTHORS + 1 && p.title === `post-${id}` && p.views === id * 3, () => `post ${id}: got ${JSON.stringify(p)}`);
  check(p.createdAt instanceof Date && p.createdAt.getTime() === (1704067200 + id) * 1000, () => `post ${id}: createdAt is ${String(p.createdAt)}`);
}

const time = () => performance.now();

export const includeMany: Workload = {
  id: 'include-many', unit: 'µs/op',
  describe: () => `all ${AUTHORS} authors with their posts (${POSTS_PER_AUTHOR} each)`,
  size: (s: Sizes) => s.include, warmupSize: (s: Sizes) => Math.max(1, Math.ceil(s.include / 4)),
  async measure(entry: Entry, _env: Env, size: number) {
    const t0 = time();
    let last: AuthorWithPosts[] = [];
    for (let i = 0; i < size; i++) last = await entry.includeMany();
    const elapsed = time() - t0;
    check(last.length === AUTHORS, () => `include-many: ${last.length} authors`);
    for (const a of last) {
      check(a.posts.length === POSTS_PER_AUTHOR && a.name === `author-${a.id}`, () => `include-many: author ${a.id} has ${a.posts.length} posts`);
      for (const p of a.posts) check(p.authorId === a.id, () => `include-many: post ${p.id} under author ${a.id}`);
    }
    for (const p of last[3].posts) checkPost(p, p.id);
    return (elapsed * 1000) / size;
  },
};

export const includeOne: Workload = {
  id: 'include-one', unit: 'µs/op',
  describe: () => `${POSTS.toLocaleString('en-US')} posts with their author`,
  size: (s: Sizes) => s.include, warmupSize: (s: Sizes) => Math.max(1, Math.ceil(s.include / 4)),
  async measure(entry: Entry, _env: Env, size: number) {
    const t0 = time();
    let last: PostWithAuthor[] = [];
    for (let i = 0; i < size; i++) last = await entry.includeOne(POSTS);
    const elapsed = time() - t0;
    check(last.length === POSTS, () => `include-one: ${last.length} posts`);
    for (let i = 0; i < last.length; i++) {
      const p = last[i];
      check(p.id === i + 1 && p.author.id === p.authorId && p.author.name === `author-${p.authorId}`, () => `include-one: post ${p.id} has author ${p.author?.id}`);
    }
    checkPost(last[500], 501);
    return (elapsed * 1000) / size;
  },
};

export const includeM2M: Workload = {
  id: 'include-m2m', unit: 'µs/op',
  describe: () => '200 posts with their tags through post_tags',
  size: (s: Sizes) => s.include, warmupSize: (s: Sizes) => Math.max(1, Math.ceil(s.include / 4)),
  async measure(entry: Entry, _env: Env, size: number) {
    const t0 = time();
    let last: PostWithTags[] = [];
    for (let i = 0; i < size; i++) last = await entry.includeM2M(200);
    const elapsed = time() - t0;
    check(last.length === 200, () => `include-m2m: ${last.length} posts`);
    for (let i = 0; i < last.length; i++) {
      const p = last[i];
      const want = TAG_OFFSETS.map((k) => (p.id + k) % TAGS + 1).sort((x, y) => x - y);
      const got = p.tags.map((t) => t.id).sort((x, y) => x - y);
      check(p.id === i + 1 && got.join() === want.join() && p.tags.every((t) => t.name === `tag-${t.id}`), () => `include-m2m: post ${p.id} has tags ${got.join()}`);
    }
    return (elapsed * 1000) / size;
  },
};
