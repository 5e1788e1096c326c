// The three loading strategies of an include ('separate', 'lateral', 'join') return the same
// instances for the same find, on both drivers: an include matrix (nesting, where, order,
// limit, through attributes, paranoid) and a type matrix (every DataType through the lateral
// JSON decoding, compared with the second-query path).
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { DataTypes, Op, UsageError } from '../../src/index';
import type { DefinedModel } from '../../src/index';
import { forEachDriver, statements } from '../support/harness';
import { defineBlog, seedBlog } from './models';
import type { Blog } from './models';

type Strategy = 'separate' | 'lateral' | 'join';
const ALL: Strategy[] = ['separate', 'lateral', 'join'];

/** The plain tree of a result, with every value's JS type visible (a Date is not its ISO text, a Buffer not its bytes). */
function plain(v: unknown): unknown {
  if (v === null || v === undefined) return v;
  if (v instanceof Date) return { date: v.getTime() };
  if (Buffer.isBuffer(v)) return { buffer: v.toString('hex') };
  if (typeof v === 'bigint') return { bigint: String(v) };
  if (Array.isArray(v)) return v.map(plain);
  if (typeof v === 'object') {
    const o = typeof (v as { get?: unknown }).get === 'function' ? (v as { get(o: object): object }).get({ plain: true }) : v;
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, plain(x)]));
  }
  return v;
}

/** Lists whose order the find leaves open are compared sorted by id. */
function sortLists(v: unknown, keep: ReadonlySet<string>, key = ''): unknown {
  if (Array.isArray(v)) {
    const out = v.map((x) => sortLists(x, keep));
    return keep.has(key) ? out : out.sort((a: any, b: any) => (a?.id ?? 0) - (b?.id ?? 0));
  }
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, sortLists(x, keep, k)]));
  return v;
}

interface Case {
  name: string;
  /** The find, with every to-many include's strategy set to `s`. */
  run(m: Blog & { Note: DefinedModel }, s: Strategy): Promise<unknown[]>;
  /** Include aliases whose lists are ordered by the find (compared as they come). */
  ordered?: string[];
  /** Strategies the case does not apply to (a per-parent limit is not for 'join'). */
  skip?: Strategy[];
}

const CASES: Case[] = [
  { name: 'hasMany', run: (m, s) => m.User.findAll({ include: [{ model: m.Post, as: 'posts', strategy: s }], order: ['id'] }) },
  { name: 'hasMany, attributes', run: (m, s) => m.User.findAll({ attributes: ['name'], include: [{ model: m.Post, as: 'posts', strategy: s, attributes: ['title'] }], order: ['name'] }) },
  { name: 'hasMany with where (required: false)', run: (m, s) => m.User.findAll({ include: [{ model: m.Post, as: 'posts', strategy: s, where: { draft: false }, required: false }], order: ['id'] }) },
  { name: 'hasMany with where (required)', run: (m, s) => m.User.findAll({ include: [{ model: m.Post, as: 'posts', strategy: s, where: { draft: false } }], order: ['id'] }) },
  { name: 'hasMany ordered', ordered: ['posts'], run: (m, s) => m.User.findAll({ include: [{ model: m.Post, as: 'posts', strategy: s, order: [['title', 'DESC']] }], order: ['id'] }) },
  { name: 'order routed from the top level', ordered: ['posts'], run: (m, s) => m.User.findAll({ include: [{ model: m.Post, as: 'posts', strategy: s }], order: [['id', 'ASC'], [{ model: m.Post, as: 'posts' }, 'title', 'DESC']] }) },
  { name: 'per-parent limit', ordered: ['posts'], skip: ['join'], run: (m, s) => m.User.findAll({ include: [{ model: m.Post, as: 'posts', strategy: s, order: [['title', 'ASC']], limit: 1 }], order: ['id'] }) },
  { name: 'top-level limit and offset count parents', run: (m, s) => m.User.findAll({ include: [{ model: m.Post, as: 'posts', strategy: s }], order: ['id'], limit: 2, offset: 1 }) },
  { name: 'nested: posts → comments → writer (to-one inside)', run: (m, s) => m.User.findAll({ include: [{ model: m.Post, as: 'posts', strategy: s, include: [{ model: m.Comment, as: 'comments', strategy: s, include: ['writer'] }] }], order: ['id'] }) },
  { name: 'to-one beside a to-many, and a to-one above one', run: (m, s) => m.Post.findAll({ include: [{ model: m.User, as: 'author', include: ['profile', { model: m.Post, as: 'posts', strategy: s }] }, { model: m.Comment, as: 'comments', strategy: s }], order: ['id'] }) },
  { name: 'belongsToMany with through attributes', run: (m, s) => m.Post.findAll({ include: [{ model: m.Tag, as: 'tags', strategy: s, through: { attributes: ['addedBy'] } }], order: ['id'] }) },
  { name: 'belongsToMany without junction attributes, through where', run: (m, s) => m.Post.findAll({ include: [{ model: m.Tag, as: 'tags', strategy: s, through: { attributes: [], where: { addedBy: 'bob' } }, required: false }], order: ['id'] }) },
  { name: 'belongsToMany nested in hasMany, a target under several parents', run: (m, s) => m.Tag.findAll({ include: [{ model: m.Post, as: 'posts', strategy: s, include: [{ model: m.User, as: 'author' }, { model: m.Tag, as: 'tags', strategy: s }] }], order: ['id'] }) },
  { name: "'$posts.title$' in the top-level where", run: (m, s) => m.User.findAll({ where: { '$posts.title$': 'b1' }, include: [{ model: m.Post, as: 'posts', strategy: s }], order: ['id'] }), skip: ['join'] },
  { name: 'paranoid target: soft-deleted rows left out', run: (m, s) => m.User.findAll({ include: [{ model: m.Note, as: 'notes', strategy: s }], order: ['id'] }) },
  { name: 'paranoid: false', run: (m, s) => m.User.findAll({ include: [{ model: m.Note, as: 'notes', strategy: s, paranoid: false }], order: ['id'] }) },
  { name: 'findOne', run: async (m, s) => [await m.User.findOne({ where: { name: 'ada' }, include: [{ model: m.Post, as: 'posts', strategy: s, include: [{ model: m.Tag, as: 'tags', strategy: s }] }] })] },
  { name: 'mixed: lateral over separate', run: (m, s) => m.User.findAll({ include: [{ model: m.Post, as: 'posts', strategy: s, include: [{ model: m.Comment, as: 'comments', strategy: 'separate' }] }], order: ['id'] }) },
  { name: 'mixed: joined to-many beside a lateral one', run: (m, s) => m.User.findAll({ include: [{ model: m.Post, as: 'posts', strategy: 'join' }, { model: m.Note, as: 'notes', strategy: s }], order: ['id'] }) },
];

forEachDriver('include strategies', (t) => {
  let m: Blog & { Note: DefinedModel };
  before(async () => {
    const blog = defineBlog(t.db);
    const Note = t.db.define('Note', { text: DataTypes.STRING }, { paranoid: true });
    blog.User.hasMany(Note, { as: 'notes', foreignKey: 'userId' });
    m = { ...blog, Note };
    await t.db.sync({ force: true });
    await seedBlog(m);
    const [ada, bob] = await m.User.findAll({ order: ['id'] });
    const notes = await m.Note.bulkCreate([{ text: 'kept', userId: ada.id }, { text: 'gone', userId: ada.id }, { text: 'bob', userId: bob.id }]);
    await notes[1].destroy();
  });

  for (const c of CASES) {
    it(`same results under every strategy: ${c.name}`, async () => {
      const keep = new Set(c.ordered ?? []);
      const results = new Map<Strategy, unknown>();
      for (const s of ALL) {
        if (c.skip?.includes(s)) continue;
        results.set(s, sortLists(plain(await c.run(m, s)), keep));
      }
      const base = results.get('separate');
      assert.ok(Array.isArray(base) && base.length > 0, 'the case finds something');
      for (const [s, got] of results) assert.deepEqual(got, base, `${s} differs from separate`);
    });
  }

  it('lateral: one statement with LEFT JOIN LATERAL json_agg, real instances with dirty tracking', async () => {
    t.log.length = 0;
    const users: any[] = await m.User.findAll({ include: [{ model: m.Post, as: 'posts', strategy: 'lateral', order: ['title'], include: [{ model: m.Tag, as: 'tags', strategy: 'lateral', through: { attributes: ['addedBy'] } }] }], order: ['id'] });
    const sent = statements(t.log).filter((s) => !/WHERE false$/.test(s));
    assert.equal(sent.length, 1, sent.join('\n'));
    // Integers and strings travel as JSON values; other types as their text, parsed by their column's parser.
    assert.match(sent[0], /LEFT JOIN LATERAL \(SELECT json_agg\(json_build_array\("posts"\."id"::INTEGER, "posts"\."title", "posts"\."draft", "posts"\."authorId"::INTEGER, "posts"\."createdAt"::text, .*\) ORDER BY "posts"\."title" ASC\) AS "j" FROM "Posts" AS "posts" LEFT JOIN LATERAL \(SELECT json_agg/);
    assert.match(sent[0], /WHERE "posts->tags->PostTag"\."postId" = "posts"\."id"/);
    const post = users[0].posts[0];
    assert.ok(post instanceof m.Post);
    assert.ok(post.createdAt instanceof Date);
    assert.equal(post.changed(), false);
    assert.equal(post.tags[0].PostTag.addedBy, 'ada');
    assert.equal(post.tags[0].changed(), false);
    post.title = 'A1';
    assert.deepEqual(post.changed(), ['title']);
    await post.save();
    assert.equal((await m.Post.findByPk(post.id))!.title, 'A1');
    await post.update({ title: 'a1' });
    assert.equal(post.changed(), false);
  });

  it('lateral to-one include, and lateral under a separately loaded include', async () => {
    const posts: any[] = await m.Post.findAll({ include: [{ model: m.User, as: 'author', strategy: 'lateral' }], order: ['id'] });
    assert.deepEqual(posts.map((p) => p.author.name), ['ada', 'ada', 'bob']);
    const users: any[] = await m.User.findAll({ include: [{ model: m.Post, as: 'posts', strategy: 'separate', include: [{ model: m.Comment, as: 'comments', strategy: 'lateral', order: ['body'] }] }], order: ['id'] });
    const a1 = users[0].posts.find((p: any) => p.title === 'a1');
    assert.deepEqual(a1.comments.map((c: any) => c.body), ['meh', 'nice']);
  });

  it('defaults by kind: to-many a second query, to-one joined (measured on a quiet machine: lateral costs the server more than it saves the client)', async () => {
    await m.User.findAll({ include: ['posts'] });
    t.log.length = 0;
    await m.User.findAll({ include: ['posts', 'profile'], order: ['id'] });
    let sent = statements(t.log);
    assert.equal(sent.length, 2);
    assert.match(sent[0], /LEFT OUTER JOIN "Profiles" AS "profile" ON /);
    assert.doesNotMatch(sent[0], /LATERAL/);
    assert.match(sent[1], /WHERE "posts"\."authorId" = ANY\(\$1::INTEGER\[\]\)/);
    t.log.length = 0;
    await m.Post.findAll({ include: ['tags'] });
    sent = statements(t.log);
    assert.equal(sent.length, 2);
    assert.match(sent[1], /WHERE "tags->PostTag"\."postId" = ANY\(\$1::INTEGER\[\]\)/);
    // A joined to-many under a default hasMany: the hasMany is loaded by a second query, the comments joined to it.
    t.log.length = 0;
    const users: any[] = await m.User.findAll({ include: [{ model: m.Post, as: 'posts', include: [{ model: m.Comment, as: 'comments', separate: false }] }], order: ['id'] });
    sent = statements(t.log);
    assert.equal(sent.length, 2);
    assert.match(sent[1], /WHERE "posts"\."authorId" = ANY\(\$1::INTEGER\[\]\)/);
    assert.equal(users[0].posts.find((p: any) => p.title === 'a1').comments.length, 2);
  });

  it('strategy is checked: unknown values, a contradicting separate, a joined to-many under a lateral one', async () => {
    await assert.rejects(m.User.findAll({ include: [{ model: m.Post, as: 'posts', strategy: 'subquery' as never }] }), (e: Error) => e instanceof UsageError && /strategy must be one of 'separate', 'lateral', 'join'/.test(e.message));
    await assert.rejects(m.User.findAll({ include: [{ model: m.Post, as: 'posts', strategy: 'lateral', separate: false }] }), (e: Error) => e instanceof UsageError && /contradicts strategy/.test(e.message));
    await assert.rejects(m.User.findAll({ include: [{ model: m.Post, as: 'posts', strategy: 'lateral', include: [{ model: m.Comment, as: 'comments', separate: false }] }] }), (e: Error) => e instanceof UsageError && /under a lateral include cannot be joined/.test(e.message));
    // separate keeps its Sequelize meaning next to strategy.
    await m.User.findAll({ include: [{ model: m.Post, as: 'posts', strategy: 'separate', separate: true }] });
    await m.User.findAll({ include: [{ model: m.Post, as: 'posts', strategy: 'join', separate: false }] });
  });

  it('lateral values are bound parameters: a where value that looks like SQL is data', async () => {
    const users: any[] = await m.User.findAll({ include: [{ model: m.Post, as: 'posts', strategy: 'lateral', where: { title: { [Op.in]: ["a1') OR 1=1 --", 'b1'] } } }], order: ['id'] });
    assert.deepEqual(users.map((u) => [u.name, u.posts.map((p: any) => p.title)]), [['bob', ['b1']]]);
  });
});

const UUID = '0f8fad5b-d9cb-469f-a165-70867728950e';

const TYPES = {
  string: DataTypes.STRING, binary: DataTypes.STRING.BINARY, text: DataTypes.TEXT, citext: DataTypes.CITEXT,
  integer: DataTypes.INTEGER, smallint: DataTypes.SMALLINT, bigint: DataTypes.BIGINT, float: DataTypes.FLOAT,
  real: DataTypes.REAL, double: DataTypes.DOUBLE, decimal: DataTypes.DECIMAL(20, 10), numeric: DataTypes.NUMERIC,
  boolean: DataTypes.BOOLEAN, date: DataTypes.DATE, dateonly: DataTypes.DATEONLY, time: DataTypes.TIME,
  uuid: DataTypes.UUID, json: DataTypes.JSON, jsonb: DataTypes.JSONB, hstore: DataTypes.HSTORE,
  enumerated: DataTypes.ENUM('small', 'large', "it's"), strings: DataTypes.ARRAY(DataTypes.STRING),
  integers: DataTypes.ARRAY(DataTypes.INTEGER), bigints: DataTypes.ARRAY(DataTypes.BIGINT),
  decimals: DataTypes.ARRAY(DataTypes.DECIMAL(6, 2)), booleans: DataTypes.ARRAY(DataTypes.BOOLEAN),
  uuids: DataTypes.ARRAY(DataTypes.UUID), enums: DataTypes.ARRAY(DataTypes.ENUM('x', 'y')), blob: DataTypes.BLOB,
};

const VALUES = {
  string: 'héllo "quoted" \\ back\'slash ✓ \u2028', binary: Buffer.from([0, 1, 2, 254, 255]), text: 'line one\nline two\t' + 'x'.repeat(3000),
  citext: 'MiXeD Case', integer: -2147483648, smallint: 32767, bigint: '9223372036854775807', float: 1.5, real: -0.5,
  double: 0.1 + 0.2, decimal: '1234567890.0123456789', numeric: '3.14159265358979323846264338327950288419716939937510',
  boolean: false, date: new Date('2024-02-29T12:34:56.789Z'), dateonly: '2024-02-29', time: '13:14:15.5', uuid: UUID,
  json: { a: [1, { b: null }], s: 'x"y', n: 1.25 }, jsonb: { z: 1, a: { nested: [true, 'two'] } },
  hstore: { a: '1', b: null, 'we"ird k,ey': 'va\\l=>ue' }, enumerated: "it's", strings: ['a', 'b,c', '"q"', null, 'NULL', '', '{}'],
  integers: [1, -2, 3], bigints: ['9007199254740993', '-1'], decimals: ['1.10', '9999.99'], booleans: [true, false, null],
  uuids: [UUID], enums: ['y', 'x'], blob: Buffer.from('binary\u0000data', 'latin1'),
};

forEachDriver('include strategies: every DataType through the lateral JSON', (t) => {
  let Host: DefinedModel;
  let Item: DefinedModel;
  before(async () => {
    Host = t.db.define('Host', { name: DataTypes.STRING }, { timestamps: false });
    Item = t.db.define('Item', TYPES, { tableName: 'typed_items' });
    Host.hasMany(Item, { as: 'items', foreignKey: 'hostId' });
    Item.belongsTo(Host, { as: 'host', foreignKey: 'hostId' });
    await t.db.sync({ force: true });
    const [h1] = await Host.bulkCreate([{ name: 'one' }, { name: 'two' }]);
    await Item.create({ ...VALUES, hostId: h1.id });
    await Item.create({ ...Object.fromEntries(Object.keys(VALUES).map((k) => [k, null])), hostId: h1.id });
    await Item.create({ ...VALUES, string: 'second', date: new Date('1999-12-31T23:59:59.999Z'), float: NaN, double: -Infinity, real: Infinity, integer: 0, boolean: true, hostId: h1.id });
  });

  it('every value, and null, reads back identically under every strategy', async () => {
    const got = new Map<Strategy, any[]>();
    for (const s of ALL) got.set(s, await Host.findAll({ include: [{ model: Item, as: 'items', strategy: s, order: ['id'] }], order: ['id'] }));
    const base = got.get('separate')!;
    assert.equal(base[0].items.length, 3);
    assert.deepEqual(base[1].items, []);
    for (const s of ALL) {
      const hosts = got.get(s)!;
      assert.deepEqual(plain(hosts), plain(base), s);
      const [full, nulls, odd] = hosts[0].items;
      assert.ok(Number.isNaN(odd.float) && odd.double === -Infinity && odd.real === Infinity && odd.boolean === true, `${s}: NaN, ±Infinity, true`);
      // JS types, not only shapes: what the driver's parsers and the types' fromDriver make.
      assert.ok(full.date instanceof Date && full.date.getTime() === VALUES.date.getTime(), `${s}: date`);
      assert.ok(Buffer.isBuffer(full.blob) && full.blob.equals(VALUES.blob), `${s}: blob`);
      assert.ok(Buffer.isBuffer(full.binary) && full.binary.equals(VALUES.binary), `${s}: binary`);
      assert.equal(full.bigint, VALUES.bigint, `${s}: bigint`);
      assert.equal(full.numeric, VALUES.numeric, `${s}: numeric`);
      assert.deepEqual(full.hstore, VALUES.hstore, `${s}: hstore`);
      assert.deepEqual(full.enums, VALUES.enums, `${s}: enum array`);
      assert.deepEqual(full.json, VALUES.json, `${s}: json`);
      assert.deepEqual(full.decimals, VALUES.decimals, `${s}: numeric array`);
      assert.equal(full.string, VALUES.string, `${s}: string`);
      assert.equal(full.changed(), false, `${s}: nothing changed`);
      assert.equal(nulls.changed(), false, `${s}: nothing changed (nulls)`);
      for (const k of Object.keys(VALUES)) assert.equal(nulls[k], null, `${s}: ${k} null`);
    }
    for (const s of ALL) {
      const full = got.get(s)![0].items[0];
      // Mutable values are snapshotted: an in-place change is seen.
      full.json.s = 'changed';
      full.hstore.a = '2';
      assert.deepEqual(full.changed()?.sort(), ['hstore', 'json'], `${s}: in-place change seen`);
    }
  });

  it("bigint: 'bigint' on the Database is honoured inside the lateral JSON", async () => {
    const db = t.connect({ bigint: 'bigint' });
    try {
      const H = db.define('Host', { name: DataTypes.STRING }, { timestamps: false });
      const I = db.define('Item', TYPES, { tableName: 'typed_items' });
      H.hasMany(I, { as: 'items', foreignKey: 'hostId' });
      const [sep] = await H.findAll({ include: [{ model: I, as: 'items', strategy: 'separate', order: ['id'] }], order: ['id'], limit: 1 }) as any[];
      const [lat] = await H.findAll({ include: [{ model: I, as: 'items', strategy: 'lateral', order: ['id'] }], order: ['id'], limit: 1 }) as any[];
      assert.equal(typeof lat.items[0].bigint, 'bigint');
      assert.equal(lat.items[0].bigint, 9223372036854775807n);
      assert.deepEqual(lat.items[0].bigints, [9007199254740993n, -1n]);
      assert.deepEqual(plain(lat), plain(sep));
    } finally {
      await db.close();
    }
  });

  it('a column whose type is not the declared one is refused by lateral, never read as another value', async () => {
    await t.db.query('CREATE TABLE "mismatched" ("id" SERIAL PRIMARY KEY, "hostId" INTEGER, "n" BIGINT)');
    await t.db.query('INSERT INTO "mismatched" ("hostId", "n") SELECT min("id"), 9007199254740993 FROM "Hosts"');
    const M = t.db.define('Mismatched', { n: DataTypes.INTEGER }, { tableName: 'mismatched', timestamps: false });
    Host.hasMany(M, { as: 'mismatched', foreignKey: 'hostId' });
    await assert.rejects(Host.findAll({ include: [{ model: M, as: 'mismatched', strategy: 'lateral' }] }), (e: Error) => e instanceof UsageError && /Mismatched\.n is declared INTEGER but its column has another type \(OID 20\)/.test(e.message));
    // The second query reads the column's own type: the digits are kept.
    const [h] = await Host.findAll({ include: [{ model: M, as: 'mismatched', strategy: 'separate' }], order: ['id'], limit: 1 }) as any[];
    assert.equal(h.mismatched[0].n, '9007199254740993');
  });

  it('a column widened by another connection after the types were read: lateral fails on the server, never rounds the value', async () => {
    await t.db.query('CREATE TABLE "widened" ("id" SERIAL PRIMARY KEY, "hostId" INTEGER, "n" INTEGER)');
    await t.db.query('INSERT INTO "widened" ("hostId", "n") SELECT min("id"), 7 FROM "Hosts"');
    const W = t.db.define('Widened', { n: DataTypes.INTEGER }, { tableName: 'widened', timestamps: false });
    Host.hasMany(W, { as: 'widened', foreignKey: 'hostId' });
    const lateral = () => Host.findAll({ include: [{ model: W, as: 'widened', strategy: 'lateral' }], order: ['id'], limit: 1 }) as Promise<any[]>;
    assert.equal((await lateral())[0].widened[0].n, 7, 'the column types are read and kept');
    // Another Database (its own connection, its own type cache) changes the column.
    const other = t.connect();
    try {
      await other.query('ALTER TABLE "widened" ALTER COLUMN "n" TYPE BIGINT');
      await other.query('UPDATE "widened" SET "n" = 9007199254740993');
    } finally {
      await other.close();
    }
    await assert.rejects(lateral(), (e: Error & { code?: string }) => e.code === '22003' && /out of range/.test(e.message));
    const [h] = await Host.findAll({ include: [{ model: W, as: 'widened', strategy: 'separate' }], order: ['id'], limit: 1 }) as any[];
    assert.equal(h.widened[0].n, '9007199254740993', 'the second query reads the column as it is now');
  });

  it('columns named apart from their attributes (field, underscored) read back the same under every strategy', async () => {
    const Note = t.db.define('FieldNote', { title: { type: DataTypes.STRING, field: 'the_title' }, madeAt: DataTypes.DATE }, { underscored: true, tableName: 'field_notes' });
    Host.hasMany(Note, { as: 'fieldNotes', foreignKey: 'hostId' });
    await Note.sync({ force: true });
    const [h] = await Host.findAll({ order: ['id'], limit: 1 });
    await Note.bulkCreate([{ title: 'x', madeAt: new Date(5000), hostId: h.id }, { title: 'y', madeAt: null, hostId: h.id }]);
    const got = new Map<Strategy, unknown>();
    for (const s of ALL) got.set(s, plain(await Host.findAll({ include: [{ model: Note, as: 'fieldNotes', strategy: s, order: ['id'] }], order: ['id'] })));
    assert.deepEqual(got.get('lateral'), got.get('separate'));
    assert.deepEqual(got.get('join'), got.get('separate'));
    assert.deepEqual((got.get('lateral') as any)[0].fieldNotes.map((n: any) => [n.title, n.madeAt]), [['x', { date: 5000 }], ['y', null]]);
  });

  it('to-one by lateral reads the same parent values as the JOIN', async () => {
    const joined: any[] = await Item.findAll({ include: [{ model: Host, as: 'host' }], order: ['id'] });
    const lateral: any[] = await Item.findAll({ include: [{ model: Host, as: 'host', strategy: 'lateral' }], order: ['id'] });
    assert.deepEqual(plain(lateral), plain(joined));
  });
});
