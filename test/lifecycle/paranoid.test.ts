import { it } from 'node:test';
import assert from 'node:assert/strict';
import { Column, DataTypes, DeletedAt, Model, Op, Table, UsageError } from '../../src/index';
import { forEachDriver, statements } from '../support/harness';

forEachDriver('paranoid', (t) => {
  const define = (name = 'Post') => t.db.define(name, { title: { type: DataTypes.STRING, unique: true } }, { paranoid: true });

  it('soft-deleted rows are invisible to findAll, findOne, findByPk, count and findOrCreate; paranoid: false shows them', async () => {
    const Post = define();
    await Post.sync({ force: true });
    const [a, b] = await Post.bulkCreate([{ title: 'a' }, { title: 'b' }]);
    t.log.length = 0;
    await a.destroy();
    assert.deepEqual(statements(t.log), ['UPDATE "Posts" SET "deletedAt" = $1 WHERE "id" = $2']);
    assert.ok(a.deletedAt instanceof Date);
    assert.equal(a.isSoftDeleted(), true);
    const [raw] = await t.db.query<{ n: string }>('SELECT count(*)::text AS n FROM "Posts"');
    assert.equal(raw.n, '2', 'the row is still there');
    assert.deepEqual((await Post.findAll()).map((p) => p.title), ['b']);
    assert.equal(await Post.findOne({ where: { title: 'a' } }), null);
    assert.equal(await Post.findByPk(a.id), null);
    assert.equal(await Post.count(), 1);
    assert.equal(await Post.count({ where: { title: 'a' } }), 0);
    assert.equal((await Post.findAll({ paranoid: false })).length, 2);
    assert.equal((await Post.findByPk(a.id, { paranoid: false }))!.title, 'a');
    assert.equal(await Post.count({ paranoid: false }), 2);
    // findOrCreate does not "find" the deleted row; the unique title then refuses a second one.
    await assert.rejects(Post.findOrCreate({ where: { title: 'a' } }));
    assert.equal((await Post.findOrCreate({ where: { title: 'b' } }))[1], false);
    assert.equal(b.isSoftDeleted(), false);
  });

  it('Model.destroy soft-deletes (and needs a where); force: true deletes; restore() and Model.restore bring rows back', async () => {
    const Post = define();
    await Post.sync({ force: true });
    await Post.bulkCreate([{ title: 'a' }, { title: 'b' }, { title: 'c' }]);
    await assert.rejects(Post.destroy({} as never), UsageError);
    await assert.rejects(Post.destroy({ where: { title: 'a' }, forse: true } as never), /unknown option "forse"/);
    await assert.rejects(Post.findAll({ force: true } as never), /unknown option "force"/);
    await assert.rejects(Post.restore({ where: { title: 'a' }, paranoid: false } as never), /unknown option "paranoid"/);
    await assert.rejects(Post.update({ title: 'z' }, { where: { title: 'a' }, individualHooks: true, wehre: 1 } as never), /unknown option "wehre"/);
    assert.equal(await Post.destroy({ where: { title: { [Op.in]: ['a', 'b'] } } }), 2);
    assert.equal(await Post.destroy({ where: { title: 'a' } }), 0, 'an already deleted row is not deleted again');
    assert.equal(await Post.count(), 1);
    assert.equal(await Post.restore({ where: { title: 'a' } }), 1);
    assert.deepEqual((await Post.findAll({ order: 'title' })).map((p) => p.title), ['a', 'c']);
    const b = (await Post.findOne({ where: { title: 'b' }, paranoid: false }))!;
    await b.restore();
    assert.equal(b.deletedAt, null);
    assert.equal(await Post.count(), 3);
    const c = (await Post.findOne({ where: { title: 'c' } }))!;
    await c.destroy({ force: true });
    assert.equal(await Post.count({ paranoid: false }), 2);
    await Post.destroy({ where: { title: 'a' }, force: true });
    assert.equal(await Post.count({ paranoid: false }), 1);
  });

  it('Model.update leaves soft-deleted rows alone unless paranoid: false', async () => {
    const Post = define();
    await Post.sync({ force: true });
    const [a] = await Post.bulkCreate([{ title: 'a' }, { title: 'b' }]);
    await a.destroy();
    const [n] = await Post.update({ title: 'x' }, { where: {}, all: true });
    assert.equal(n, 1);
    const [m] = await Post.update({ title: 'y' }, { where: { id: a.id }, paranoid: false });
    assert.equal(m, 1);
  });

  it('@DeletedAt names the attribute and makes the model paranoid; restore on a model that is not paranoid is an error', async () => {
    @Table
    class Note extends Model {
      declare id: number;
      @Column declare text: string;
      @DeletedAt declare removedAt: Date | null;
    }
    t.db.addModels([Note]);
    await Note.sync({ force: true });
    const n = await Note.create({ text: 'x' });
    await n.destroy();
    assert.ok(n.removedAt instanceof Date);
    assert.equal(await Note.count(), 0);
    @Table({ paranoid: true })
    class Card extends Model {
      declare id: number;
      declare deletedAt: Date | null;
      @Column declare label: string;
    }
    t.db.addModels([Card]);
    await Card.sync({ force: true });
    const c = await Card.create({ label: 'x' });
    await Card.destroy({ where: { id: c.id } });
    assert.equal(await Card.findByPk(c.id), null);
    assert.ok((await Card.findByPk(c.id, { paranoid: false }))!.deletedAt instanceof Date);
    const Plain = t.db.define('PlainRow', { x: DataTypes.STRING });
    await Plain.sync({ force: true });
    await assert.rejects(Plain.restore({ where: { x: 'a' } }), /not paranoid/);
  });
});
