// findAll/findOne/findByPk with include, on both drivers: strategy, options, nesting, where and order across includes.
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { Op, UsageError } from '../../src/index';
import { forEachDriver, statements } from '../support/harness';
import { defineBlog, seedBlog } from './models';
import type { Blog } from './models';

const names = (rows: readonly any[]) => rows.map((r) => r.name);
const titles = (rows: readonly any[] | undefined) => (rows ?? []).map((r) => r.title);

forEachDriver('include', (t) => {
  let m: Blog;
  before(async () => {
    m = defineBlog(t.db);
    await t.db.sync({ force: true });
    await seedBlog(m);
  });

  it('belongsTo by JOIN: one statement, real instances with their own dirty tracking', async () => {
    t.log.length = 0;
    const posts: any[] = await m.Post.findAll({ include: [{ model: m.User, as: 'author' }], order: ['title'] });
    assert.equal(statements(t.log).length, 1);
    assert.match(statements(t.log)[0], /FROM "Posts" AS "Post" LEFT OUTER JOIN "Users" AS "author" ON "author"."id" = "Post"."authorId"/);
    assert.deepEqual(posts.map((p) => [p.title, p.author.name]), [['a1', 'ada'], ['a2', 'ada'], ['b1', 'bob']]);
    const author = posts[0].author;
    assert.ok(author instanceof m.User);
    assert.notEqual(posts[0].author, posts[1].author);
    assert.equal(author.changed(), false);
    author.name = 'Ada';
    assert.deepEqual(author.changed(), ['name']);
    await author.save();
    assert.equal((await m.User.findByPk(author.id))!.name, 'Ada');
    await author.update({ name: 'ada' });
    assert.equal(posts[0].changed(), false);
  });

  it('hasMany by a second query (strategy: separate): WHERE key = ANY($1), no parent multiplied, empty lists', async () => {
    t.log.length = 0;
    const users: any[] = await m.User.findAll({ include: [{ model: m.Post, as: 'posts', strategy: 'separate' }], order: ['name'] });
    const sent = statements(t.log);
    assert.equal(sent.length, 2);
    assert.match(sent[1], /FROM "Posts" AS "posts" WHERE "posts"."authorId" = ANY\(\$1::INTEGER\[\]\)/);
    assert.deepEqual(names(users), ['ada', 'bob', 'cy']);
    assert.deepEqual(users.map((u) => titles(u.posts).sort()), [['a1', 'a2'], ['b1'], []]);
    assert.ok(users[0].posts[0] instanceof m.Post);
  });

  it('limit and offset count parents even with a to-many include', async () => {
    const users: any[] = await m.User.findAll({ include: [{ model: m.Post, as: 'posts' }], order: [['name', 'ASC']], limit: 2 });
    assert.deepEqual(names(users), ['ada', 'bob']);
    assert.equal(users[0].posts.length, 2);
    const second: any[] = await m.User.findAll({ include: ['posts'], order: ['name'], limit: 1, offset: 1 });
    assert.deepEqual(names(second), ['bob']);
    assert.deepEqual(titles(second[0].posts), ['b1']);
  });

  it('a where on an include makes it required (EXISTS), unless required: false', async () => {
    const users: any[] = await m.User.findAll({ include: [{ model: m.Post, as: 'posts', where: { draft: true } }], order: ['name'] });
    assert.deepEqual(names(users), ['ada']);
    assert.deepEqual(titles(users[0].posts), ['a2']);
    const all: any[] = await m.User.findAll({ include: [{ model: m.Post, as: 'posts', where: { draft: true }, required: false }], order: ['name'] });
    assert.deepEqual(names(all), ['ada', 'bob', 'cy']);
    assert.deepEqual(all.map((u) => titles(u.posts)), [['a2'], [], []]);
    const withLimit: any[] = await m.User.findAll({ include: [{ model: m.Post, as: 'posts', required: true }], order: ['name'], limit: 5 });
    assert.deepEqual(names(withLimit), ['ada', 'bob']);
  });

  it('a required to-one include is an INNER JOIN with its where in ON', async () => {
    t.log.length = 0;
    const users: any[] = await m.User.findAll({ include: [{ model: m.Profile, as: 'profile', where: { bio: 'poetry' } }] });
    assert.match(statements(t.log)[0], /INNER JOIN "Profiles" AS "profile" ON "profile"."userId" = "User"."id" AND "profile"."bio" = \$1/);
    assert.deepEqual(names(users), ['cy']);
    const optional: any[] = await m.User.findAll({ include: ['profile'], order: ['name'] });
    assert.deepEqual(optional.map((u) => u.profile?.bio ?? null), ['math', null, 'poetry']);
  });

  it('nested includes to any depth: posts → comments → writer, and post → author → profile', async () => {
    const users: any[] = await m.User.findAll({
      where: { name: 'ada' },
      include: [{ model: m.Post, as: 'posts', include: [{ model: m.Comment, as: 'comments', include: ['writer'], order: ['body'] }, 'tags'], order: ['title'] }],
    });
    const [ada] = users;
    assert.deepEqual(titles(ada.posts), ['a1', 'a2']);
    assert.deepEqual(ada.posts[0].comments.map((c: any) => [c.body, c.writer.name]), [['meh', 'cy'], ['nice', 'bob']]);
    assert.deepEqual(ada.posts[1].comments, []);
    assert.deepEqual(names(ada.posts[0].tags).sort(), ['green', 'red']);
    const comments: any[] = await m.Comment.findAll({ include: [{ model: m.User, as: 'writer', include: [{ model: m.Profile, as: 'profile' }] }], order: ['body'] });
    assert.deepEqual(comments.map((c) => [c.body, c.writer.name, c.writer.profile?.bio ?? null]), [['meh', 'cy', 'poetry'], ['nice', 'bob', null], ['ok', 'ada', 'math']]);
  });

  it('a required include under an optional to-one one decides whether that one is joined, never drops the top-level row', async () => {
    const comments: any[] = await m.Comment.findAll({ include: [{ model: m.User, as: 'writer', include: [{ model: m.Profile, as: 'profile', where: { bio: 'math' } }] }], order: ['body'] });
    assert.deepEqual(comments.map((c) => [c.body, c.writer?.name ?? null, c.writer?.profile?.bio ?? null]), [['meh', null, null], ['nice', null, null], ['ok', 'ada', 'math']]);
    const required: any[] = await m.Comment.findAll({ include: [{ model: m.User, as: 'writer', required: true, include: [{ model: m.Profile, as: 'profile', where: { bio: 'math' } }] }] });
    assert.deepEqual(required.map((c) => c.body), ['ok']);
  });

  it('belongsToMany with through attributes and through where', async () => {
    const posts: any[] = await m.Post.findAll({ include: [{ model: m.Tag, as: 'tags', through: { attributes: ['addedBy'] } }], order: ['title'] });
    const a1 = posts[0];
    const byName = Object.fromEntries(a1.tags.map((x: any) => [x.name, x]));
    assert.equal(byName.red.PostTag.addedBy, 'ada');
    assert.equal(byName.green.PostTag.addedBy, 'bob');
    assert.ok(byName.red.PostTag instanceof m.PostTag);
    assert.deepEqual(a1.toJSON().tags.map((x: any) => x.PostTag).sort((x: any, y: any) => x.addedBy.localeCompare(y.addedBy)), [{ addedBy: 'ada' }, { addedBy: 'bob' }]);
    assert.deepEqual(posts[1].tags, []);
    const byBob: any[] = await m.Post.findAll({ include: [{ model: m.Tag, as: 'tags', through: { where: { addedBy: 'bob' } }, required: true }], order: ['title'] });
    assert.deepEqual(byBob.map((p) => [p.title, names(p.tags)]), [['a1', ['green']], ['b1', ['red']]]);
    const none: any[] = await m.Post.findAll({ include: [{ model: m.Tag, as: 'tags', through: { attributes: [] } }], where: { title: 'b1' } });
    assert.equal(none[0].tags[0].PostTag, undefined);
    const redPosts: any[] = await m.Tag.findAll({ where: { name: 'red' }, include: [{ model: m.Post, as: 'posts', order: [['title', 'DESC']] }] });
    assert.deepEqual(titles(redPosts[0].posts), ['b1', 'a1']);
  });

  it("'$alias.attribute$' keys in the top-level where and order across includes", async () => {
    const posts: any[] = await m.Post.findAll({ where: { '$author.name$': 'bob' }, include: ['author'] });
    assert.deepEqual(titles(posts), ['b1']);
    const users: any[] = await m.User.findAll({ where: { '$posts.title$': { [Op.like]: 'a%' } }, include: ['posts'] });
    assert.deepEqual(names(users), ['ada']);
    const ordered: any[] = await m.Post.findAll({ include: [{ model: m.User, as: 'author' }], order: [[{ model: m.User, as: 'author' }, 'name', 'DESC'], ['title', 'ASC']] });
    assert.deepEqual(titles(ordered), ['b1', 'a1', 'a2']);
    const childOrder: any[] = await m.User.findAll({ where: { name: 'ada' }, include: ['posts'], order: [['name', 'ASC'], [{ model: m.Post, as: 'posts' }, 'title', 'DESC']] });
    assert.deepEqual(titles(childOrder[0].posts), ['a2', 'a1']);
  });

  it('attributes on an include read those (plus the keys), limit per parent, findOne and findByPk', async () => {
    const users: any[] = await m.User.findAll({ include: [{ model: m.Post, as: 'posts', attributes: ['title'], limit: 1, order: [['title', 'DESC']] }], order: ['name'] });
    assert.deepEqual(users.map((u) => titles(u.posts)), [['a2'], ['b1'], []]);
    assert.equal(users[0].posts[0].draft, undefined);
    assert.ok(users[0].posts[0].id > 0);
    const one: any = await m.User.findOne({ where: { name: 'bob' }, include: ['posts', 'profile'] });
    assert.deepEqual(titles(one.posts), ['b1']);
    assert.equal(one.profile, null);
    const byPk: any = await m.Post.findByPk(one.posts[0].id, { include: ['author', 'tags'] });
    assert.equal(byPk.author.name, 'bob');
    assert.deepEqual(names(byPk.tags), ['red']);
    assert.deepEqual(byPk.get({ plain: true }).author.name, 'bob');
  });

  it('separate: true loads a to-one include by a second query; accessors take include; paranoid is accepted', async () => {
    t.log.length = 0;
    const posts: any[] = await m.Post.findAll({ include: [{ model: m.User, as: 'author', separate: true, paranoid: false }], order: ['title'] });
    assert.equal(statements(t.log).length, 2);
    assert.match(statements(t.log)[1], /WHERE "author"."id" = ANY\(\$1::INTEGER\[\]\)/);
    assert.deepEqual(posts.map((p) => p.author.name), ['ada', 'ada', 'bob']);
    const ada: any = await m.User.findOne({ where: { name: 'ada' } });
    const mine = await ada.getPosts({ include: ['tags', { model: m.Comment, as: 'comments' }], order: ['title'] });
    assert.deepEqual(mine.map((p: any) => [p.title, p.tags.length, p.comments.length]), [['a1', 2, 2], ['a2', 0, 0]]);
    await assert.rejects(m.Post.findAll({ include: [{ as: 'author', paranoid: 'no' } as any] }), /paranoid must be true or false/);
  });

  it('lock with joined includes locks the top-level rows only (FOR UPDATE OF)', async () => {
    await t.db.transaction(async () => {
      t.log.length = 0;
      const posts: any[] = await m.Post.findAll({ include: ['author'], where: { title: 'a1' }, lock: true, limit: 1 });
      assert.equal(posts[0].author.name, 'ada');
      assert.match(statements(t.log)[0], /LIMIT \$2 FOR UPDATE OF "Post"$/);
    });
  });

  it('separate: false joins a to-many include in one statement and de-duplicates the rows', async () => {
    t.log.length = 0;
    const users: any[] = await m.User.findAll({ include: [{ model: m.Post, as: 'posts', separate: false, order: ['title'] }], order: ['name'] });
    assert.equal(statements(t.log).length, 1);
    assert.match(statements(t.log)[0], /LEFT OUTER JOIN "Posts" AS "posts" ON "posts"."authorId" = "User"."id" ORDER BY "User"."name" ASC, "posts"."title" ASC$/);
    assert.deepEqual(users.map((u) => [u.name, titles(u.posts)]), [['ada', ['a1', 'a2']], ['bob', ['b1']], ['cy', []]]);
    // Sibling and nested to-many joins multiply rows; every list still holds each row once.
    const deep: any[] = await m.User.findAll({
      where: { name: 'ada' },
      include: [{ model: m.Post, as: 'posts', separate: false, include: [{ model: m.Comment, as: 'comments', separate: false, include: ['writer'] }, { model: m.Tag, as: 'tags', separate: false, through: { attributes: ['addedBy'] } }] }],
    });
    assert.equal(deep.length, 1);
    const a1 = deep[0].posts.find((p: any) => p.title === 'a1');
    assert.equal(deep[0].posts.length, 2);
    assert.deepEqual(a1.comments.map((c: any) => [c.body, c.writer.name]).sort(), [['meh', 'cy'], ['nice', 'bob']]);
    assert.deepEqual(a1.tags.map((x: any) => [x.name, x.PostTag.addedBy]).sort(), [['green', 'bob'], ['red', 'ada']]);
    assert.ok(a1 instanceof m.Post);
    assert.equal(a1.changed(), false);
  });

  it('separate: false with limit counts parents (chosen in a subquery); required keeps only parents that match', async () => {
    t.log.length = 0;
    const users: any[] = await m.User.findAll({ include: [{ model: m.Post, as: 'posts', separate: false }], order: ['name'], limit: 1, offset: 1 });
    assert.deepEqual(users.map((u) => [u.name, titles(u.posts)]), [['bob', ['b1']]]);
    assert.match(statements(t.log)[0], /FROM \(SELECT "User"\.\* FROM "Users" AS "User" ORDER BY "User"."name" ASC LIMIT \$1 OFFSET \$2\) AS "User" LEFT OUTER JOIN/);
    const required: any[] = await m.User.findAll({ include: [{ model: m.Post, as: 'posts', separate: false, where: { draft: false } }], order: ['name'], limit: 2 });
    assert.deepEqual(required.map((u) => [u.name, titles(u.posts)]), [['ada', ['a1']], ['bob', ['b1']]]);
    const tagged: any[] = await m.Post.findAll({ include: [{ model: m.Tag, as: 'tags', separate: false, through: { attributes: [] } }], order: ['title'], limit: 2 });
    assert.deepEqual(tagged.map((p) => [p.title, names(p.tags).sort()]), [['a1', ['green', 'red']], ['a2', []]]);
    await assert.rejects(m.User.findAll({ where: { '$profile.bio$': 'math' }, include: ['profile', { model: m.Post, as: 'posts', separate: false }], limit: 1 }), /cannot be combined/);
  });

  it('attributes that leave out the keys still load the includes (the keys are read, at every level)', async () => {
    const users: any[] = await m.User.findAll({ attributes: ['name'], include: 'posts', order: ['name'] });
    assert.deepEqual(users.map((u) => titles(u.posts).sort()), [['a1', 'a2'], ['b1'], []]);
    const posts: any[] = await m.Post.findAll({ attributes: ['title'], include: [{ association: 'comments', attributes: ['body'], include: [{ association: 'writer', separate: true }] }], order: ['title'] });
    assert.deepEqual(posts.map((p) => [p.title, p.comments.map((c: any) => c.writer.name).sort()]), [['a1', ['bob', 'cy']], ['a2', []], ['b1', ['ada']]]);
  });

  it('inside db.transaction, includes and accessors read what the transaction wrote (every statement on its connection)', async () => {
    await t.db.transaction(async () => {
      const dee = await m.User.create({ name: 'dee' });
      const post = await m.Post.create({ title: 'd1', authorId: dee.id });
      const [red] = await m.Tag.findAll({ where: { name: 'red' } });
      await post.addTag(red);
      const found: any = await m.User.findOne({ where: { name: 'dee' }, include: [{ association: 'posts', include: ['tags'] }] });
      assert.deepEqual(found.posts.map((p: any) => [p.title, p.tags.map((g: any) => g.name)]), [['d1', ['red']]]);
      assert.deepEqual(titles(await dee.getPosts()), ['d1']);
      assert.equal(await post.countTags(), 1);
      throw new Error('undo');
    }).catch((e) => assert.equal(e.message, 'undo'));
    assert.equal(await m.User.count({ where: { name: 'dee' } }), 0, 'rolled back');
  });

  it('refuses what it cannot honour, before any SQL', async () => {
    t.log.length = 0;
    await assert.rejects(m.User.findAll({ include: [m.Tag] }), (e: Error) => e instanceof UsageError && /Tag is not associated to User/.test(e.message));
    await assert.rejects(m.User.findAll({ include: ['nope'] }), /no association "nope"/);
    await assert.rejects(m.User.findAll({ include: [{ model: m.Post, as: 'posts', whre: {} } as any] }), /unknown include option "whre"/);
    await assert.rejects(m.User.findAll({ include: [{ as: 'posts', where: { nope: 1 } } as any] }), /nope/);
    await assert.rejects(m.User.findAll({ include: ['posts'], raw: true }), /raw/);
    await assert.rejects(m.Post.findAll({ include: [{ as: 'author', limit: 1 }] }), /limit applies to a to-many/);
    await assert.rejects(m.User.findAll({ where: { '$nope.x$': 1 } as any, include: ['posts'] }), /not an include/);
    assert.deepEqual(statements(t.log), []);
  });
});
