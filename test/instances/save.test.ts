import { it } from 'node:test';
import assert from 'node:assert/strict';
import { Column, DataTypes, EmptyResultError, Model, Table, UpdatedAt } from '../../src/index';
import { forEachDriver, statements } from '../support/harness';

forEachDriver('save and dirty tracking', (t) => {
  const define = () => t.db.define('Doc', {
    title: { type: DataTypes.STRING, allowNull: false },
    body: DataTypes.TEXT,
    views: { type: DataTypes.INTEGER, defaultValue: 0 },
    meta: DataTypes.JSON,
    data: DataTypes.JSONB,
    attrs: DataTypes.HSTORE,
    tags: DataTypes.ARRAY(DataTypes.TEXT),
    blob: DataTypes.BLOB,
    due: DataTypes.DATE,
  });

  it('a partial update sends only the changed columns (plus updatedAt), all bound', async () => {
    const Doc = define();
    await Doc.sync({ force: true });
    const d = await Doc.create({ title: 'One', body: 'b' });
    t.log.length = 0;
    d.title = "Two'; DROP TABLE \"Docs\"; --";
    await d.save();
    assert.deepEqual(statements(t.log), ['UPDATE "Docs" SET "title" = $1, "updatedAt" = $2 WHERE "id" = $3']);
    const rows = await t.db.query('SELECT title, body FROM "Docs"');
    assert.deepEqual(rows, [{ title: "Two'; DROP TABLE \"Docs\"; --", body: 'b' }]);
  });

  it('values PostgreSQL may store differently are read back with RETURNING; the rest need no round trip of values', async () => {
    const Money = t.db.define('Money', { price: DataTypes.DECIMAL(10, 2), ref: DataTypes.UUID, tag: DataTypes.STRING, meta: DataTypes.JSONB, n: DataTypes.INTEGER });
    await Money.sync({ force: true });
    const m = await Money.create({ price: '1.5', ref: 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', tag: 'x', n: 1 });
    assert.equal(m.price, '1.50', 'create reads the stored value back');
    assert.equal(m.ref, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11');
    t.log.length = 0;
    m.price = '2.5';
    await m.save();
    assert.deepEqual(statements(t.log), ['UPDATE "Monies" SET "price" = $1, "updatedAt" = $2 WHERE "id" = $3 RETURNING "price", "updatedAt"']);
    assert.equal(m.price, '2.50');
    assert.equal(m.changed(), false);
    m.ref = 'B0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11';
    m.meta = { b: 1, a: 2 };
    await m.save();
    assert.equal(m.ref, 'b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11');
    assert.equal(m.changed(), false);
    t.log.length = 0;
    m.tag = 'y';
    m.n = 2;
    await m.save();
    assert.deepEqual(statements(t.log), ['UPDATE "Monies" SET "tag" = $1, "n" = $2, "updatedAt" = $3 WHERE "id" = $4']);
    assert.equal(m.changed(), false);
    const [row] = await t.db.query<Record<string, unknown>>('SELECT tag, n, "updatedAt" FROM "Monies" WHERE id = $1', { bind: [m.id] });
    assert.deepEqual(row, { tag: 'y', n: 2, updatedAt: m.updatedAt }, 'the snapshot taken from the sent values is what the row holds');
  });

  it('the statement cache keys on the set of columns: an explicit updatedAt and an automatic one never swap values', async () => {
    @Table
    class Early extends Model {
      @UpdatedAt @Column declare touched: Date;
      @Column declare a: string;
    }
    t.db.addModels([Early]);
    await Early.sync({ force: true });
    const e = await Early.create({ a: 'one' });
    e.a = 'two';
    await e.save(); // [touched (automatic), a]
    const explicit = new Date('2001-01-01T00:00:00Z');
    e.a = 'three';
    e.touched = explicit;
    await e.save(); // [touched (given), a]: the same set of columns, so the same statement
    assert.deepEqual(await t.db.query('SELECT a, touched FROM "Earlies"'), [{ a: 'three', touched: explicit }]);
  });

  it('save() with nothing changed sends no query; setting an equal value is not a change', async () => {
    const Doc = define();
    const d = await Doc.create({ title: 'Same', meta: { a: 1 }, data: { b: [1, 2] }, tags: ['x'], due: new Date('2020-01-01T00:00:00Z') });
    t.log.length = 0;
    await d.save();
    d.title = 'Same';
    d.meta = { a: 1 };
    d.data = { b: [1, 2] };
    d.tags = ['x'];
    d.due = new Date('2020-01-01T00:00:00Z');
    assert.equal(d.changed(), false);
    await d.save();
    assert.deepEqual(statements(t.log), []);
  });

  it('a float column stores -0 and 0 apart: switching between them is a change, and is saved; on an INTEGER it is not', async () => {
    const Reading = t.db.define('Reading', { value: DataTypes.DOUBLE, level: DataTypes.INTEGER }, { timestamps: false });
    await Reading.sync({ force: true });
    const r = await Reading.create({ value: 0, level: 0 });
    r.value = -0;
    r.level = -0;
    assert.deepEqual(r.changed(), ['value']);
    await r.save();
    await r.reload();
    assert.ok(Object.is(r.value, -0), String(r.value));
    r.value = 0;
    assert.deepEqual(r.changed(), ['value']);
    await r.save();
    await r.reload();
    assert.ok(Object.is(r.value, 0));
    assert.equal(r.changed(), false);
  });

  it('changed(), changed(key), previous(key), previous()', async () => {
    const Doc = define();
    const d = await Doc.create({ title: 'Before', views: 3 });
    assert.equal(d.changed(), false);
    d.title = 'After';
    d.views = 4;
    assert.deepEqual(d.changed(), ['title', 'views']);
    assert.equal(d.changed('title'), true);
    assert.equal(d.changed('body'), false);
    assert.equal(d.previous('title'), 'Before');
    assert.deepEqual(d.previous(), { title: 'Before', views: 3 });
    await d.save();
    assert.equal(d.changed(), false, 'after a write the snapshot is the new state');
    assert.equal(d.previous('title'), 'After');
  });

  it('in-place mutation of JSON, JSONB, HSTORE, ARRAY, BLOB and DATE values is a change, and is saved', async () => {
    const Doc = define();
    const d = await Doc.create({
      title: 'Mutable', meta: { a: { b: 1 } }, data: { list: [1] }, attrs: { k: 'v' }, tags: ['a'], blob: Buffer.from([1, 2]), due: new Date('2020-01-01T00:00:00Z'),
    });
    (d.meta as { a: { b: number } }).a.b = 2;
    (d.data as { list: number[] }).list.push(2);
    (d.attrs as Record<string, string>).k2 = 'v2';
    (d.tags as string[]).push('b');
    (d.blob as Buffer)[0] = 9;
    (d.due as Date).setUTCFullYear(2030);
    assert.deepEqual(d.changed(), ['meta', 'data', 'attrs', 'tags', 'blob', 'due']);
    await d.save();
    const [row] = await t.db.query('SELECT meta, data, attrs, tags, blob, due FROM "Docs" WHERE id = $1', { bind: [d.id] });
    assert.deepEqual(row, {
      meta: { a: { b: 2 } }, data: { list: [1, 2] }, attrs: { k: 'v', k2: 'v2' }, tags: ['a', 'b'], blob: Buffer.from([9, 2]), due: new Date('2030-01-01T00:00:00Z'),
    });
    assert.equal(d.changed(), false);
    // Objects read from the database are not shared with the snapshot either.
    const again = await (await Doc.create({ title: 'R', data: { n: 1 } })).reload();
    (again.data as { n: number }).n = 5;
    assert.deepEqual(again.changed(), ['data']);
  });

  it('changed(key, true) forces the next save to write that attribute; dataValues is live, as in Sequelize', async () => {
    const Doc = define();
    const d = await Doc.create({ title: 'Forced' });
    d.changed('title', true);
    assert.deepEqual(d.changed(), ['title']);
    t.log.length = 0;
    await d.save();
    assert.deepEqual(statements(t.log), ['UPDATE "Docs" SET "title" = $1, "updatedAt" = $2 WHERE "id" = $3']);
    assert.equal(d.changed(), false);
    const live = d.dataValues as Record<string, unknown>;
    live.title = 'through dataValues';
    assert.equal(d.title, 'through dataValues');
    assert.deepEqual(d.changed(), ['title']);
  });

  it('save({ fields }) writes only those; update(values) sets and saves exactly those keys', async () => {
    const Doc = define();
    const d = await Doc.create({ title: 'F', body: 'b' });
    d.title = 'F2';
    d.body = 'b2';
    t.log.length = 0;
    await d.save({ fields: ['body'] });
    assert.deepEqual(statements(t.log), ['UPDATE "Docs" SET "body" = $1, "updatedAt" = $2 WHERE "id" = $3']);
    assert.deepEqual(d.changed(), ['title'], 'title is still pending');
    t.log.length = 0;
    await d.update({ views: 10 });
    assert.deepEqual(statements(t.log), ['UPDATE "Docs" SET "views" = $1, "updatedAt" = $2 WHERE "id" = $3']);
    const [row] = await t.db.query('SELECT title, body, views FROM "Docs" WHERE id = $1', { bind: [d.id] });
    assert.deepEqual(row, { title: 'F', body: 'b2', views: 10 });
  });

  it('an assignment made while a save is in flight is kept and stays dirty', async () => {
    const Doc = define();
    const d = await Doc.create({ title: 'A' });
    d.title = 'B';
    const pending = d.save();
    d.title = 'C';
    await pending;
    assert.equal(d.title, 'C');
    assert.deepEqual(d.changed(), ['title']);
    assert.equal(d.previous('title'), 'B');
  });

  it('reload() re-reads the row and drops local changes; destroy() deletes it; reload of a gone row throws', async () => {
    const Doc = define();
    const d = await Doc.create({ title: 'R' });
    await t.db.query('UPDATE "Docs" SET title = $1 WHERE id = $2', { bind: ['Elsewhere', d.id] });
    d.body = 'local';
    await d.reload();
    assert.equal(d.title, 'Elsewhere');
    assert.equal(d.body, null);
    assert.equal(d.changed(), false);
    await d.destroy();
    assert.deepEqual(await t.db.query('SELECT id FROM "Docs" WHERE id = $1', { bind: [d.id] }), []);
    await assert.rejects(d.reload(), EmptyResultError);
    d.title = 'ghost';
    await assert.rejects(d.save(), EmptyResultError);
  });

  it('an instance read without its primary key cannot be written back, and says why', async () => {
    const Doc = define();
    await Doc.create({ title: 'NoKey' });
    const [partial] = await Doc.findAll({ attributes: ['title'], where: { title: 'NoKey' } });
    partial.title = 'Changed';
    await assert.rejects(partial.save(), /read without its primary key "id"/);
    await assert.rejects(partial.reload(), /read without its primary key "id"/);
    assert.deepEqual(await t.db.query('SELECT title FROM "Docs" WHERE title = $1', { bind: ['NoKey'] }), [{ title: 'NoKey' }]);
  });

  it('a changed primary key is written, and the row is found by its old key', async () => {
    const Doc = define();
    const d = await Doc.create({ title: 'K' });
    const old = d.id;
    d.id = 100000 + old;
    await d.save();
    assert.deepEqual(await t.db.query('SELECT id FROM "Docs" WHERE title = $1', { bind: ['K'] }), [{ id: 100000 + old }]);
  });
});
