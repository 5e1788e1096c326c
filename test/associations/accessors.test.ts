// Association accessors with Sequelize's names, against both drivers.
import { before, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { DataTypes, UsageError } from '../../src/index';
import type { DefinedModel } from '../../src/index';
import { forEachDriver, statements } from '../support/harness';

forEachDriver('associations: accessors', (t) => {
  let User: DefinedModel, Post: DefinedModel, Profile: DefinedModel, Tag: DefinedModel, PostTag: DefinedModel;
  let ada: any, bob: any;
  before(async () => {
    User = t.db.define('User', { name: DataTypes.STRING });
    Post = t.db.define('Post', { title: DataTypes.STRING });
    Profile = t.db.define('Profile', { bio: DataTypes.TEXT });
    Tag = t.db.define('Tag', { name: DataTypes.STRING });
    PostTag = t.db.define('PostTag', { addedBy: DataTypes.STRING }, { timestamps: false });
    User.hasMany(Post, { as: 'posts', foreignKey: 'authorId' });
    Post.belongsTo(User, { as: 'author', foreignKey: 'authorId' });
    User.hasOne(Profile, { as: 'profile' });
    Post.belongsToMany(Tag, { through: PostTag, as: 'tags' });
    Tag.belongsToMany(Post, { through: PostTag, as: 'posts' });
    await t.db.sync({ force: true });
  });
  beforeEach(async () => {
    await PostTag.destroy({ where: {}, all: true });
    await Post.destroy({ where: {}, all: true });
    await Profile.destroy({ where: {}, all: true });
    await User.destroy({ where: {}, all: true });
    ada = await User.create({ name: 'ada' });
    bob = await User.create({ name: 'bob' });
  });

  it('belongsTo: get, set (instance, key, null) and create', async () => {
    const p: any = await Post.create({ title: 'a' });
    assert.equal(await p.getAuthor(), null);
    await p.setAuthor(ada);
    assert.equal((await Post.findByPk(p.id))!.authorId, ada.id);
    assert.equal(p.changed(), false);
    assert.equal((await p.getAuthor()).name, 'ada');
    await p.setAuthor(bob.id);
    assert.equal((await p.getAuthor()).name, 'bob');
    await p.setAuthor(null);
    assert.equal((await Post.findByPk(p.id))!.authorId, null);
    const carol = await p.createAuthor({ name: 'carol' });
    assert.equal((await Post.findByPk(p.id))!.authorId, carol.id);
    assert.equal(await p.getAuthor({ where: { name: 'nobody' } }), null);
  });

  it('hasOne: get, set replaces the previous one, create', async () => {
    assert.equal(await ada.getProfile(), null);
    const first = await ada.createProfile({ bio: 'one' });
    assert.equal(first.UserId, ada.id);
    assert.equal((await ada.getProfile()).bio, 'one');
    const second = await Profile.create({ bio: 'two' });
    await ada.setProfile(second);
    assert.equal((await ada.getProfile()).bio, 'two');
    assert.equal((await Profile.findByPk(first.id))!.UserId, null);
    await ada.setProfile(null);
    assert.equal(await ada.getProfile(), null);
  });

  it('hasMany: get, count, has, add, remove, set, create', async () => {
    const [p1, p2, p3] = await Post.bulkCreate([{ title: 'p1' }, { title: 'p2' }, { title: 'p3' }]);
    await ada.addPost(p1);
    await ada.addPosts([p2, p3.id]);
    assert.equal(await ada.countPosts(), 3);
    assert.deepEqual((await ada.getPosts({ order: [['title', 'DESC']] })).map((p: any) => p.title), ['p3', 'p2', 'p1']);
    assert.deepEqual((await ada.getPosts({ where: { title: 'p2' } })).map((p: any) => p.title), ['p2']);
    assert.equal(await ada.hasPost(p1), true);
    assert.equal(await ada.hasPosts([p1, p2]), true);
    assert.equal(await bob.hasPost(p1), false);
    await ada.removePost(p1);
    assert.equal(await ada.hasPost(p1), false);
    assert.equal((await Post.findByPk(p1.id))!.authorId, null);
    await ada.setPosts([p1, p3]);
    assert.deepEqual((await ada.getPosts({ order: ['title'] })).map((p: any) => p.title), ['p1', 'p3']);
    assert.equal((await Post.findByPk(p2.id))!.authorId, null);
    const made = await bob.createPost({ title: 'new' });
    assert.equal(made.authorId, bob.id);
    await ada.setPosts([]);
    assert.equal(await ada.countPosts(), 0);
  });

  it('setPosts runs its statements in one transaction, a SAVEPOINT inside the caller\'s', async () => {
    const [p1, p2] = await Post.bulkCreate([{ title: 'p1', authorId: ada.id }, { title: 'p2' }]);
    t.log.length = 0;
    await ada.setPosts([p2]);
    const sent = t.log.filter((s) => !s.startsWith('SET search_path'));
    assert.equal(sent[0], 'BEGIN');
    assert.equal(sent[sent.length - 1], 'COMMIT');
    assert.equal(statements(sent).length, 2);
    t.log.length = 0;
    await assert.rejects(t.db.transaction(async () => {
      await ada.setPosts([p1]);
      throw new Error('undo');
    }), /undo/);
    assert.ok(t.log.some((s) => /^SAVEPOINT/.test(s)));
    assert.deepEqual((await ada.getPosts()).map((p: any) => p.title), ['p2']);
  });

  it('belongsToMany: add with through values, get with the junction row, count, has, remove, set, create', async () => {
    const p: any = await Post.create({ title: 'p', authorId: ada.id });
    const [red, green, blue] = await Tag.bulkCreate([{ name: 'red' }, { name: 'green' }, { name: 'blue' }]);
    await p.addTag(red, { through: { addedBy: 'ada' } });
    await p.addTags([green, blue.id]);
    await p.addTag(red);
    assert.equal(await PostTag.count({ where: { PostId: p.id } }), 3);
    const tags = await p.getTags({ order: ['name'] });
    assert.deepEqual(tags.map((x: any) => x.name), ['blue', 'green', 'red']);
    assert.equal(tags[2].PostTag.addedBy, 'ada');
    assert.ok(tags[2] instanceof Tag);
    const keysOnly = await p.getTags({ order: ['name'], joinTableAttributes: ['PostId'] });
    assert.equal(keysOnly[2].PostTag.PostId, p.id);
    assert.equal(keysOnly[2].PostTag.addedBy, undefined, 'joinTableAttributes limits the junction row read');
    assert.deepEqual((await p.getTags({ through: { where: { addedBy: 'ada' } } })).map((x: any) => x.name), ['red']);
    assert.equal(await p.countTags(), 3);
    assert.equal(await p.countTags({ where: { name: 'red' } }), 1);
    assert.equal(await p.hasTags([red, green]), true);
    await p.removeTag(green);
    assert.equal(await p.hasTag(green), false);
    await p.setTags([green], { through: { addedBy: 'bob' } });
    assert.deepEqual((await p.getTags()).map((x: any) => [x.name, x.PostTag.addedBy]), [['green', 'bob']]);
    const made = await p.createTag({ name: 'pink' }, { through: { addedBy: 'cy' } });
    assert.ok(made instanceof Tag);
    assert.equal(await p.countTags(), 2);
    assert.deepEqual((await red.getPosts()).map((x: any) => x.title), []);
    assert.deepEqual((await green.getPosts()).map((x: any) => x.title), ['p']);
  });

  it('refuses unknown options and unsaved instances', async () => {
    const p: any = Post.build({ title: 'unsaved' });
    await assert.rejects(ada.addPost(p), UsageError);
    await assert.rejects(ada.getPosts({ wehre: {} }), /unknown option "wehre"/);
    await assert.rejects(ada.addPosts([{}]), UsageError);
  });
});
