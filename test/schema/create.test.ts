import { it } from 'node:test';
import assert from 'node:assert/strict';
import { DataTypes } from '../../src/index';
import { forEachDriver, statements } from '../support/harness';
import { columns, constraints, count, ddlIn, enumValues, inSchema, indexes, tableComment, tableExists } from './support/catalog';
import { ddlOf } from '../support/ddl';

forEachDriver('schema: sync creates', (t) => {
  it('creates columns, types, NOT NULL, SQL defaults, the primary key, unique constraints, indexes and comments', async () => {
    const Item = t.db.define('Item', {
      sku: { type: DataTypes.STRING(40), allowNull: false, unique: true, comment: "the item's code" },
      price: { type: DataTypes.DECIMAL(10, 2), defaultValue: '9.99' },
      stock: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      active: { type: DataTypes.BOOLEAN, defaultValue: true },
      seenAt: { type: DataTypes.DATE, defaultValue: DataTypes.NOW },
      shelf: { type: DataTypes.STRING, unique: 'shelf_slot' },
      slot: { type: DataTypes.INTEGER, unique: 'shelf_slot' },
      tags: DataTypes.ARRAY(DataTypes.TEXT),
    }, { comment: 'things we sell', timestamps: false, indexes: [{ fields: ['price'] }, { name: 'items_stock_active', fields: ['stock', 'active'], unique: true }] });
    const ran = await ddlOf(Item);
    assert.ok(ran.some((s) => s.startsWith('CREATE TABLE "Items"')));

    const cols = await columns(t.db, 'Items');
    assert.deepEqual(Object.keys(cols), ['id', 'sku', 'price', 'stock', 'active', 'seenAt', 'shelf', 'slot', 'tags']);
    assert.equal(cols.id.type, 'integer');
    assert.match(cols.id.default!, /^nextval\(/);
    assert.deepEqual(cols.sku, { type: 'character varying(40)', nullable: false, default: null, comment: "the item's code" });
    assert.equal(cols.price.type, 'numeric(10,2)');
    assert.match(cols.price.default!, /9\.99/);
    assert.equal(cols.stock.nullable, false);
    assert.equal(cols.stock.default, '0');
    assert.equal(cols.active.default, 'true');
    assert.equal(cols.seenAt.type, 'timestamp with time zone');
    assert.equal(cols.seenAt.default, 'CURRENT_TIMESTAMP');
    assert.equal(cols.tags.type, 'text[]');
    assert.equal(await tableComment(t.db, 'Items'), 'things we sell');

    assert.deepEqual(await constraints(t.db, 'Items'), ['PRIMARY KEY(Items_pkey: id)', 'UNIQUE(Items_sku_key: sku)', 'UNIQUE(shelf_slot: shelf,slot)']);
    assert.deepEqual(await indexes(t.db, 'Items'), {
      Items_price_idx: 'CREATE INDEX "Items_price_idx" ON "Items" USING btree (price)',
      items_stock_active: 'CREATE UNIQUE INDEX items_stock_active ON "Items" USING btree (stock, active)',
    });

    // The constraints work: a second row with the same shelf and slot is refused.
    await Item.create({ sku: 'a', shelf: 'A', slot: 1, stock: 1 });
    await assert.rejects(Item.create({ sku: 'b', shelf: 'A', slot: 1, stock: 2 }), { name: 'UniqueConstraintError' });
  });

  it('creates foreign keys with ON DELETE / ON UPDATE, referenced tables first whatever the registration order', async () => {
    const db = t.connect();
    try {
      const Comment = db.define('Comment', {
        body: DataTypes.TEXT,
        postId: { type: DataTypes.INTEGER, references: { model: 'Post' }, onDelete: 'CASCADE', onUpdate: 'RESTRICT' },
        authorId: { type: DataTypes.INTEGER, references: { model: 'Author', key: 'id' }, onDelete: 'SET NULL' },
      }, { timestamps: false });
      db.define('Post', { title: DataTypes.STRING, authorId: { type: DataTypes.INTEGER, references: { model: 'Author' } } }, { timestamps: false });
      db.define('Author', { name: DataTypes.STRING }, { timestamps: false });
      const ran = await ddlOf(db);
      const creates = ran.filter((s) => s.startsWith('CREATE TABLE')).map((s) => s.split(' ')[2]);
      assert.deepEqual(creates, ['"Authors"', '"Posts"', '"Comments"']);
      assert.deepEqual(await constraints(db, 'Comments'), [
        'FOREIGN KEY(Comments_authorId_fkey: authorId) → "Authors" ON DELETE n ON UPDATE a',
        'FOREIGN KEY(Comments_postId_fkey: postId) → "Posts" ON DELETE c ON UPDATE r',
        'PRIMARY KEY(Comments_pkey: id)',
      ]);
      const author = await db.model('Author').create({ name: 'Ann' });
      const post = await db.model('Post').create({ title: 'T', authorId: author.id });
      await Comment.create({ body: 'x', postId: post.id, authorId: author.id });
      await post.destroy();
      assert.equal(await count(db, 'Comments'), 0, 'ON DELETE CASCADE removed the comment');
      await db.drop();
      for (const table of ['Authors', 'Posts', 'Comments']) assert.equal(await tableExists(db, table), false);
    } finally {
      await db.close();
    }
  });

  it('creates enum types with their table and drops them with it', async () => {
    const Ticket = t.db.define('Ticket', { state: { type: DataTypes.ENUM('open', "won't fix", 'closed'), defaultValue: 'open', allowNull: false }, labels: DataTypes.ARRAY(DataTypes.ENUM('bug', 'feature')) }, { timestamps: false });
    await Ticket.sync();
    assert.deepEqual(await enumValues(t.db, 'enum_Tickets_state'), ['open', "won't fix", 'closed']);
    assert.deepEqual(await enumValues(t.db, 'enum_Tickets_labels'), ['bug', 'feature']);
    const cols = await columns(t.db, 'Tickets');
    assert.equal(cols.state.type, '"enum_Tickets_state"');
    assert.equal(cols.labels.type, '"enum_Tickets_labels"[]');
    const row = await Ticket.create({ labels: ['bug'] });
    assert.equal(row.state, 'open');

    t.log.length = 0;
    await Ticket.drop();
    assert.deepEqual(statements(t.log), [`DROP TABLE IF EXISTS ${inSchema(t, 'Tickets')}`, `DROP TYPE IF EXISTS ${inSchema(t, 'enum_Tickets_state')}`, `DROP TYPE IF EXISTS ${inSchema(t, 'enum_Tickets_labels')}`]);
    assert.equal(await tableExists(t.db, 'Tickets'), false);
    assert.equal(await enumValues(t.db, 'enum_Tickets_state'), null);
    assert.equal(await enumValues(t.db, 'enum_Tickets_labels'), null);
  });

  it('creates the hstore and citext extensions a model needs, and the table works with them', async () => {
    const Profile = t.db.define('Profile', { attrs: DataTypes.HSTORE, email: DataTypes.CITEXT }, { timestamps: false });
    await Profile.sync();
    const ext = await t.db.query<{ extname: string }>(`SELECT extname FROM pg_extension WHERE extname IN ('hstore', 'citext') ORDER BY 1`);
    assert.deepEqual(ext.map((e) => e.extname), ['citext', 'hstore']);
    const cols = await columns(t.db, 'Profiles');
    assert.equal(cols.attrs.type, 'hstore');
    assert.equal(cols.email.type, 'citext');
    await Profile.create({ attrs: { a: '1', b: null }, email: 'Ann@Example.com' });
    const found = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Profiles" WHERE email = 'ann@example.com' AND attrs -> 'a' = '1'`);
    assert.equal(found[0].n, 1);
    await Profile.drop();
    assert.equal(await tableExists(t.db, 'Profiles'), false);
  });

  it("creates a model's own schema, and the Database's schema option, when missing", async () => {
    const suffix = `${process.pid}_${Date.now().toString(36)}`;
    const own = `sync_own_${suffix}`;
    const search = `sync_path_${suffix}`;
    const db = t.connect({ schema: search });
    try {
      // Known Database bug (reported, not ours to fix here): on PGlite with a `schema` option, a
      // transaction as the very first statement waits forever for the search_path statement.
      await db.authenticate();
      const Note = db.define('Note', { text: DataTypes.TEXT }, { schema: own, timestamps: false });
      const Plain = db.define('Plain', { text: DataTypes.TEXT }, { timestamps: false });
      const ran = await ddlOf(db);
      assert.deepEqual(ran.filter((s) => s.startsWith('CREATE SCHEMA')).sort(), [`CREATE SCHEMA IF NOT EXISTS "${own}"`, `CREATE SCHEMA IF NOT EXISTS "${search}"`].sort());
      assert.ok(ran.includes(`CREATE TABLE "${own}"."Notes" ("id" SERIAL NOT NULL, "text" TEXT, CONSTRAINT "Notes_pkey" PRIMARY KEY ("id"))`));
      assert.equal(await tableExists(db, 'Notes', own), true);
      assert.equal(await tableExists(db, 'Plains', search), true, 'unqualified tables go to the schema option');
      await Note.create({ text: 'n' });
      await Plain.create({ text: 'p' });
      assert.deepEqual(ddlIn(await db.sync({ dryRun: true })), [], 'nothing left to do');
    } finally {
      await db.query(`DROP SCHEMA IF EXISTS "${own}" CASCADE`);
      await db.query(`DROP SCHEMA IF EXISTS "${search}" CASCADE`);
      await db.close();
    }
  });

  it('dry run returns the DDL and runs none of it', async () => {
    const Draft = t.db.define('Draft', { title: { type: DataTypes.STRING, allowNull: false }, kind: DataTypes.ENUM('a', 'b') }, { indexes: [{ fields: ['title'] }] });
    t.log.length = 0;
    const plan = await Draft.sync({ dryRun: true });
    assert.deepEqual(plan, [
      `CREATE TYPE "enum_Drafts_kind" AS ENUM (E'a', E'b')`,
      'CREATE TABLE "Drafts" ("id" SERIAL NOT NULL, "title" VARCHAR(255) NOT NULL, "kind" "enum_Drafts_kind", "createdAt" TIMESTAMPTZ NOT NULL, "updatedAt" TIMESTAMPTZ NOT NULL, CONSTRAINT "Drafts_pkey" PRIMARY KEY ("id"))',
      'CREATE INDEX "Drafts_title_idx" ON "Drafts" ("title")',
    ]);
    assert.deepEqual(ddlIn(t.log), [], 'only catalog reads were sent');
    assert.ok(!t.log.includes('BEGIN'), 'a dry run opens no transaction');
    assert.equal(await tableExists(t.db, 'Drafts'), false);
    assert.equal(await enumValues(t.db, 'enum_Drafts_kind'), null);
    // The same DDL runs for real.
    assert.deepEqual(await ddlOf(Draft), plan);
    assert.equal(await tableExists(t.db, 'Drafts'), true);
    assert.deepEqual(await Draft.drop({ dryRun: true }), [`DROP TABLE IF EXISTS ${inSchema(t, 'Drafts')}`, `DROP TYPE IF EXISTS ${inSchema(t, 'enum_Drafts_kind')}`]);
    assert.equal(await tableExists(t.db, 'Drafts'), true);
  });

  it('plain sync leaves an existing table alone and sends no DDL', async () => {
    const Keep = t.db.define('Keep', { a: DataTypes.STRING });
    await Keep.sync();
    await Keep.create({ a: 'x' });
    const Changed = t.db.define('Keep', { a: DataTypes.INTEGER, b: DataTypes.STRING });
    t.log.length = 0;
    assert.deepEqual(await ddlOf(Changed), []);
    assert.deepEqual(ddlIn(t.log), []);
    assert.equal((await columns(t.db, 'Keeps')).a.type, 'character varying(255)');
    assert.equal(await count(t.db, 'Keeps'), 1);
  });

  it('per-call logging receives each DDL statement as it runs', async () => {
    const Logged = t.db.define('Logged', { a: DataTypes.STRING }, { timestamps: false });
    const seen: string[] = [];
    const resolved = await Logged.sync({ logging: (sql) => seen.push(sql) });
    assert.equal(resolved, Logged, 'sync resolves to the model, as in Sequelize');
    assert.equal(seen.length, 1);
    assert.ok(t.log.includes(seen[0]), "the Database's logging saw it too");
  });
});

