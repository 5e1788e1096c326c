/**
 * Measures the three include strategies, all through `findAll({ include })` and ending in
 * real Inscribe instances, on the include workloads' shapes:
 *
 * (a) `separate`: the parents, then one `WHERE key = ANY($1)` query per include level;
 * (b) `lateral`: one statement, each parent's children aggregated by
 *     `LEFT JOIN LATERAL (SELECT json_agg(json_build_array(<columns>::text, …)))`, decoded
 *     and every value run through its column's parser;
 * (c) `join`: one LEFT JOIN, rows de-duplicated per parent;
 * and, as references, (b) and (c) hand-written for this one shape (`lateral (hand)`,
 * `join (hand)`: no general include tree, JSON values not parsed by type).
 *
 * Every round runs every strategy (rotated), ROUNDS rounds (default 7) of RUNS calls (200);
 * medians, as a ratio to (a).
 *
 * `npm run build && tsc -p benchmarks/tsconfig.json && node build/benchmarks/benchmarks/strategies.js`
 * (DATABASE_URL as for the benchmarks; runs in its own schema, dropped at the end).
 */
import * as path from 'node:path';
import pg from 'pg';
import { BelongsTo, BelongsToMany, Column, DataTypes, Database, HasMany, Model, Table } from 'inscribe';
import type { NonAttribute } from 'inscribe';
// Internal: the published declarations leave it out, so the type comes from the sources.
import type { ModelDefinition } from '../src/metadata/definition';

/** Database.run and Model.definition are internal (stripped from the published declarations): their shapes. */
type Runner = { run<Row>(query: { text: string; values: unknown[]; prepare?: boolean }, rowMode: 'array'): Promise<{ rows: Row[] }> };
const defOf = (m: Function) => (m as unknown as { definition: ModelDefinition }).definition;
import { createSchema, dropSchema } from './schema';

const dist = path.dirname(require.resolve('inscribe'));
const { hydrateRows } = require(path.join(dist, 'instance/hydrate.js')) as { hydrateRows<M>(d: ModelDefinition, m: new () => M, rows: unknown[][]): M[] };

@Table({ tableName: 'posts', timestamps: false })
class SPost extends Model {
  declare id: number;
  @Column({ type: DataTypes.INTEGER, allowNull: false }) declare authorId: number;
  @Column(DataTypes.STRING) declare title: string;
  @Column(DataTypes.TEXT) declare body: string;
  @Column(DataTypes.INTEGER) declare views: number;
  @Column(DataTypes.DATE) declare createdAt: Date;
  @BelongsToMany(() => STag, { through: 'post_tags', foreignKey: 'postId', otherKey: 'tagId', timestamps: false }) declare tags: NonAttribute<STag[]>;
  @BelongsTo(() => SAuthor, 'authorId') declare author: NonAttribute<SAuthor>;
}
@Table({ tableName: 'authors', timestamps: false })
class SAuthor extends Model {
  declare id: number;
  @Column(DataTypes.STRING) declare name: string;
  @Column(DataTypes.STRING) declare email: string;
  @HasMany(() => SPost, 'authorId') declare posts: NonAttribute<SPost[]>;
}
@Table({ tableName: 'tags', timestamps: false })
class STag extends Model { @Column(DataTypes.STRING) declare name: string }

type Strategy = (db: Database) => Promise<Model[]>;
type Row = unknown[];

const AUTHOR = '"a"."id", "a"."name", "a"."email"';
const POST_COLS = ['id', 'authorId', 'title', 'body', 'views', 'createdAt'];

function schemaOf(name: string): string {
  return `"${name}"`;
}

/** The aggregate arrives as JSON text (decoded here) with timestamps as ISO text: turned back into Dates, as the driver would. */
function dates(rows: Row[], at: number): Row[] {
  for (const r of rows) r[at] = new Date(r[at] as string);
  return rows;
}

function strategies(s: string): Record<string, Record<string, Strategy>> {
  const pd = () => defOf(SPost), ad = () => defOf(SAuthor), td = () => defOf(STag);
  const postArray = (alias: string) => `json_build_array(${POST_COLS.map((c) => `${alias}."${c}"`).join(', ')})`;
  return {
    'include-many': {
      separate: () => SAuthor.findAll({ include: [{ model: SPost, as: 'posts', strategy: 'separate' }], order: [['id', 'ASC']] }),
      lateral: () => SAuthor.findAll({ include: [{ model: SPost, as: 'posts', strategy: 'lateral' }], order: [['id', 'ASC']] }),
      join: () => SAuthor.findAll({ include: [{ model: SPost, as: 'posts', strategy: 'join' }], order: [['id', 'ASC']] }),
      'lateral (hand)': async (db) => {
        const r = await (db as unknown as Runner).run<Row>({ text: `SELECT ${AUTHOR}, "l"."posts" FROM ${s}."authors" AS "a" LEFT JOIN LATERAL (SELECT json_agg(${postArray('"p"')} ORDER BY "p"."id") AS "posts" FROM ${s}."posts" AS "p" WHERE "p"."authorId" = "a"."id") AS "l" ON true ORDER BY "a"."id"`, values: [], prepare: true }, 'array');
        const authors = hydrateRows(ad(), SAuthor as never, r.rows.map((x) => x.slice(0, 3))) as SAuthor[];
        for (let i = 0; i < authors.length; i++) authors[i].posts = hydrateRows(pd(), SPost as never, dates(JSON.parse((r.rows[i][3] as string | null) ?? '[]') as Row[], 5)) as SPost[];
        return authors;
      },
      'join (hand)': async (db) => {
        const r = await (db as unknown as Runner).run<Row>({ text: `SELECT ${AUTHOR}, ${POST_COLS.map((c) => `"p"."${c}"`).join(', ')} FROM ${s}."authors" AS "a" LEFT JOIN ${s}."posts" AS "p" ON "p"."authorId" = "a"."id" ORDER BY "a"."id"`, values: [], prepare: true }, 'array');
        const parents: Row[] = [];
        const children = new Map<unknown, Row[]>();
        for (const row of r.rows) {
          let list = children.get(row[0]);
          if (list === undefined) {
            parents.push(row.slice(0, 3));
            children.set(row[0], (list = []));
          }
          if (row[3] !== null) list.push(row.slice(3));
        }
        const authors = hydrateRows(ad(), SAuthor as never, parents) as SAuthor[];
        for (const a of authors) a.posts = hydrateRows(pd(), SPost as never, children.get(a.id)!) as SPost[];
        return authors;
      },
    },
    'include-one': {
      separate: () => SPost.findAll({ include: [{ model: SAuthor, as: 'author', strategy: 'separate' }], order: [['id', 'ASC']], limit: 1000 }),
      lateral: () => SPost.findAll({ include: [{ model: SAuthor, as: 'author', strategy: 'lateral' }], order: [['id', 'ASC']], limit: 1000 }),
      join: () => SPost.findAll({ include: [{ model: SAuthor, as: 'author', strategy: 'join' }], order: [['id', 'ASC']], limit: 1000 }),
    },
    'include-m2m': {
      separate: () => SPost.findAll({ include: [{ model: STag, as: 'tags', strategy: 'separate', through: { attributes: [] } }], order: [['id', 'ASC']], limit: 200 }),
      lateral: () => SPost.findAll({ include: [{ model: STag, as: 'tags', strategy: 'lateral', through: { attributes: [] } }], order: [['id', 'ASC']], limit: 200 }),
      join: () => SPost.findAll({ include: [{ model: STag, as: 'tags', strategy: 'join', through: { attributes: [] } }], order: [['id', 'ASC']], limit: 200 }),
      'lateral (hand)': async (db) => {
        const r = await (db as unknown as Runner).run<Row>({ text: `SELECT ${POST_COLS.map((c) => `"p"."${c}"`).join(', ')}, "l"."tags" FROM ${s}."posts" AS "p" LEFT JOIN LATERAL (SELECT json_agg(json_build_array("t"."id", "t"."name")) AS "tags" FROM ${s}."post_tags" AS "pt" JOIN ${s}."tags" AS "t" ON "t"."id" = "pt"."tagId" WHERE "pt"."postId" = "p"."id") AS "l" ON true ORDER BY "p"."id" LIMIT $1`, values: [200], prepare: true }, 'array');
        const posts = hydrateRows(pd(), SPost as never, r.rows.map((x) => x.slice(0, 6))) as SPost[];
        for (let i = 0; i < posts.length; i++) posts[i].tags = hydrateRows(td(), STag as never, JSON.parse((r.rows[i][6] as string | null) ?? '[]') as Row[]) as STag[];
        return posts;
      },
      'join (hand)': async (db) => {
        // LIMIT counts parents: the parents are limited in a subquery first.
        const r = await (db as unknown as Runner).run<Row>({ text: `SELECT ${POST_COLS.map((c) => `"p"."${c}"`).join(', ')}, "t"."id", "t"."name" FROM (SELECT * FROM ${s}."posts" ORDER BY "id" LIMIT $1) AS "p" LEFT JOIN ${s}."post_tags" AS "pt" ON "pt"."postId" = "p"."id" LEFT JOIN ${s}."tags" AS "t" ON "t"."id" = "pt"."tagId" ORDER BY "p"."id"`, values: [200], prepare: true }, 'array');
        const parents: Row[] = [];
        const children = new Map<unknown, Row[]>();
        for (const row of r.rows) {
          let list = children.get(row[0]);
          if (list === undefined) {
            parents.push(row.slice(0, 6));
            children.set(row[0], (list = []));
          }
          if (row[6] !== null) list.push(row.slice(6));
        }
        const posts = hydrateRows(pd(), SPost as never, parents) as SPost[];
        for (const p of posts) p.tags = hydrateRows(td(), STag as never, children.get(p.id)!) as STag[];
        return posts;
      },
    },
  };
}

function check(workload: string, out: Model[]): void {
  const list = out as unknown as { posts?: unknown[]; tags?: unknown[]; author?: { id: number } }[];
  const ok = workload === 'include-many' ? list.length === 100 && list.every((a) => a.posts!.length === 10)
    : workload === 'include-one' ? list.length === 1000 && list.every((p) => p.author?.id !== undefined)
    : list.length === 200 && list.every((p) => p.tags!.length === 3);
  if (!ok) throw new Error(`${workload}: wrong result`);
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `strategies_${process.pid}`;
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  await createSchema(admin, schema, 10);
  const db = new Database(url, { schema, pool: { max: 2 } });
  db.addModels([SPost, SAuthor, STag]);
  const runs = Number(process.env.RUNS ?? 200);
  const rounds = Number(process.env.ROUNDS ?? 7);
  const only = process.env.WORKLOADS?.split(',');
  try {
    for (const [workload, byName] of Object.entries(strategies(schemaOf(schema)))) {
      if (only !== undefined && !only.includes(workload)) continue;
      const times: Record<string, number[]> = {};
      /** This process's CPU per call (user + system): the client's share, less moved by other load on the machine than wall time. */
      const cpu: Record<string, number[]> = {};
      const pick = process.env.STRATEGIES?.split(',');
      const names = Object.keys(byName).filter((n) => pick === undefined || pick.includes(n));
      for (let round = 0; round <= rounds; round++) {
        // Rotated, so no strategy always runs first (or right after another).
        for (let k = 0; k < names.length; k++) {
          const name = names[(k + round) % names.length];
          const fn = byName[name];
          const n = round === 0 ? 20 : runs;
          const t0 = performance.now();
          const c0 = process.cpuUsage();
          let out: Model[] = [];
          for (let i = 0; i < n; i++) out = await fn(db);
          const us = ((performance.now() - t0) * 1000) / n;
          const c = process.cpuUsage(c0);
          check(workload, out);
          if (round > 0) {
            (times[name] ??= []).push(us);
            (cpu[name] ??= []).push((c.user + c.system) / n);
          }
        }
      }
      const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
      const base = median(times.separate ?? times[names[0]]);
      const baseCpu = median(cpu.separate ?? cpu[names[0]]);
      for (const name of names) {
        const xs = times[name];
        console.log(`${workload.padEnd(13)} ${name.padEnd(15)} ${median(xs).toFixed(0).padStart(6)} µs/op  ${(median(xs) / base).toFixed(2)}× separate  (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})  client CPU ${median(cpu[name]).toFixed(0).padStart(6)} µs/op  ${(median(cpu[name]) / baseCpu).toFixed(2)}×`);
      }
    }
  } finally {
    await db.close();
    await dropSchema(admin, schema);
    await admin.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
