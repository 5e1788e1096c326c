import { it } from 'node:test';
import assert from 'node:assert/strict';
import { Column, DataTypes, Model, Table, Timestamps, UpdatedAt } from '../../src/index';
import { forEachDriver, statements } from '../support/harness';

forEachDriver('managed timestamps', (t) => {
  it('createdAt on insert; updatedAt on insert and on every writing save, update and increment', async () => {
    const Post = t.db.define('Post', { title: DataTypes.STRING, n: { type: DataTypes.INTEGER, defaultValue: 0 } });
    await Post.sync({ force: true });
    const p = await Post.create({ title: 'a' });
    const created = (p.createdAt as Date).getTime();
    assert.equal((p.updatedAt as Date).getTime(), created);
    let last = created;
    const tick = () => new Promise((r) => setTimeout(r, 3));
    for (const write of [() => p.set('title', 'b').save(), () => p.update({ title: 'c' }), () => p.increment('n')]) {
      await tick();
      await write();
      const now = (p.updatedAt as Date).getTime();
      assert.ok(now > last, 'updatedAt moved forward');
      assert.equal((p.createdAt as Date).getTime(), created, 'createdAt never moves');
      last = now;
    }
    const [row] = await t.db.query<{ createdAt: Date; updatedAt: Date }>('SELECT "createdAt", "updatedAt" FROM "Posts"');
    assert.equal(row.updatedAt.getTime(), last);
    assert.equal(row.createdAt.getTime(), created);
  });

  it('{ silent: true } leaves updatedAt alone on save', async () => {
    const Post = t.db.define('Post', { title: DataTypes.STRING, n: DataTypes.INTEGER });
    const p = await Post.create({ title: 'a' });
    const stamp = (p.updatedAt as Date).getTime();
    p.title = 'quiet';
    t.log.length = 0;
    await p.save({ silent: true });
    assert.deepEqual(statements(t.log), ['UPDATE "Posts" SET "title" = $1 WHERE "id" = $2']);
    assert.equal((p.updatedAt as Date).getTime(), stamp);
  });

  it('timestamps: false turns both off; createdAt: false with a renamed updatedAt (the seed notes)', async () => {
    const Plain = t.db.define('Plain', { v: DataTypes.STRING }, { timestamps: false });
    await Plain.sync({ force: true });
    const a = await Plain.create({ v: 'x' });
    assert.deepEqual(Object.keys(a.get({ plain: true })).sort(), ['id', 'v']);

    class Foo extends Model {}
    Foo.init({ v: DataTypes.STRING }, { sequelize: t.db, timestamps: true, createdAt: false, updatedAt: 'updatedTimeStamp' });
    await Foo.sync({ force: true });
    const f = await Foo.create({ v: 'y' });
    const plain = f.get({ plain: true }) as Record<string, unknown>;
    assert.ok(plain.updatedTimeStamp instanceof Date);
    assert.equal('createdAt' in plain, false);
    const cols = await t.db.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_name = 'Foos' AND table_schema = current_schema() ORDER BY ordinal_position`);
    assert.deepEqual(cols.map((c) => c.column_name), ['id', 'v', 'updatedTimeStamp']);
  });

  it('decorators: @Timestamps(false), and @UpdatedAt on a property of our own', async () => {
    @Table @Timestamps(false)
    class Note extends Model {
      @Column declare body: string;
      @UpdatedAt @Column declare touched: Date;
    }
    t.db.addModels([Note]);
    await Note.sync({ force: true });
    const n = await Note.create({ body: 'x' });
    assert.ok(n.touched instanceof Date);
    const first = n.touched.getTime();
    await new Promise((r) => setTimeout(r, 3));
    await n.update({ body: 'y' });
    assert.ok(n.touched.getTime() > first);
    assert.equal('createdAt' in n.get({ plain: true }), false);
  });
});
