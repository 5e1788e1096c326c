// count({ distinct, col, group, include }), max, min, sum, aggregate, findAndCountAll, and
// '$alias.attribute$' keys inside Op.or / Op.and, written as Sequelize code; rows and SQL checked.
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { DataTypes, Op, UnknownAttributeError, UsageError, col, fn, literal } from '../../src/index';
import type { DefinedModel } from '../../src/index';
import { forEachDriver, statements } from '../support/harness';
import { defineBlog, seedBlog } from '../associations/models';
import type { Blog } from '../associations/models';

forEachDriver('aggregates and counts', (t) => {
  let Sale: DefinedModel;
  const day = (d: number) => new Date(Date.UTC(2024, 0, d));
  before(async () => {
    Sale = t.db.define('Sale', {
      shop: DataTypes.STRING,
      qty: DataTypes.INTEGER,
      price: DataTypes.DECIMAL(10, 2),
      rate: DataTypes.FLOAT,
      coupon: DataTypes.STRING,
      soldAt: DataTypes.DATE,
    }, { timestamps: false, paranoid: false });
    await Sale.sync({ force: true });
    await Sale.bulkCreate([
      { shop: 'a', qty: 2, price: '1.10', rate: 0.5, coupon: 'X', soldAt: day(1) },
      { shop: 'a', qty: 3, price: '2.20', rate: 1.5, coupon: null, soldAt: day(3) },
      { shop: 'b', qty: 5, price: '3.30', rate: 2, coupon: 'X', soldAt: day(2) },
    ]);
  });
  const sent = () => statements(t.log);

  it('count({ distinct, col }) and count({ col }) (NULLs not counted)', async () => {
    t.log.length = 0;
    assert.equal(await Sale.count({ distinct: true, col: 'shop' }), 2);
    assert.deepEqual(sent(), ['SELECT count(DISTINCT "shop") FROM "Sales"']);
    assert.equal(await Sale.count({ col: 'coupon' }), 2);
    assert.equal(await Sale.count({ distinct: true, col: 'coupon' }), 1);
    assert.equal(await Sale.count({ distinct: true }), 3, 'distinct primary keys');
    assert.equal(await Sale.count({ where: { shop: 'a' } }), 2);
    await assert.rejects(Sale.count({ col: 'nope' } as any), UnknownAttributeError);
    await assert.rejects(Sale.count({ distinct: 'yes' } as any), UsageError);
  });

  it("count({ group }) resolves to Sequelize's array of { group values, count }", async () => {
    t.log.length = 0;
    const groups = await Sale.count({ group: 'shop', where: { qty: { [Op.gt]: 1 } } });
    assert.deepEqual(sent(), ['SELECT "shop", count(*) AS "count" FROM "Sales" WHERE "qty" > $1 GROUP BY "shop"']);
    assert.deepEqual([...groups].sort((x, y) => String(x.shop).localeCompare(String(y.shop))), [{ shop: 'a', count: 2 }, { shop: 'b', count: 1 }]);
  });

  it('max, min, sum, aggregate: values of the attribute type; null when no row matches', async () => {
    t.log.length = 0;
    assert.equal(await Sale.max('qty'), 5);
    assert.deepEqual(sent(), ['SELECT max("qty") AS "max" FROM "Sales"']);
    assert.equal(await Sale.min('qty', { where: { shop: 'a' } }), 2);
    assert.equal(await Sale.sum('qty'), 10);
    assert.equal(await Sale.sum('price'), '6.60', 'DECIMAL sums stay exact strings');
    assert.equal(await Sale.sum('rate', { where: { shop: 'a' } }), 2);
    assert.deepEqual(await Sale.max('soldAt'), day(3));
    assert.equal(await Sale.max('price'), '3.30');
    assert.equal(await Sale.sum('qty', { where: { shop: 'zzz' } }), null);
    assert.equal(await Sale.aggregate('qty', 'avg'), 10 / 3);
    assert.equal(await Sale.aggregate('shop', 'count', { distinct: true }), 2);
    t.log.length = 0;
    await assert.rejects(Sale.aggregate('qty', 'max(1); DROP TABLE x; --'), UsageError);
    await assert.rejects(Sale.max('nope' as any), UnknownAttributeError);
    assert.deepEqual(sent(), []);
  });

  it('max, sum, aggregate, count and findAndCountAll leave out soft-deleted rows and apply the default scope (paranoid: false brings the rows back)', async () => {
    const Stock = t.db.define('Stock', { item: DataTypes.STRING, qty: DataTypes.INTEGER, hidden: { type: DataTypes.BOOLEAN, defaultValue: false } }, {
      paranoid: true, defaultScope: { where: { hidden: false } },
    });
    await Stock.sync({ force: true });
    await Stock.bulkCreate([{ item: 'a', qty: 1 }, { item: 'b', qty: 10 }, { item: 'c', qty: 100 }, { item: 'd', qty: 1000, hidden: true }]);
    await Stock.destroy({ where: { item: 'c' } });
    assert.equal(await Stock.max('qty'), 10, 'the soft-deleted 100 and the out-of-scope 1000 are not seen');
    assert.equal(await Stock.sum('qty'), 11);
    assert.equal(await Stock.aggregate('qty', 'count'), 2);
    assert.equal(await Stock.count(), 2);
    assert.equal((await Stock.findAndCountAll()).count, 2);
    assert.equal(await Stock.max('qty', { paranoid: false }), 100);
    assert.equal(await Stock.sum('qty', { paranoid: false }), 111);
    assert.equal(await Stock.unscoped().sum('qty'), 1011);
  });

  it('inside a transaction (managed, and passed as { transaction }): aggregates, findAndCountAll, JSON-path and expression writes, bulkCreate options see and write uncommitted rows; rollback leaves nothing', async () => {
    const Doc = t.db.define('TxDoc', { name: { type: DataTypes.STRING, unique: true }, meta: DataTypes.JSONB, n: DataTypes.INTEGER }, { timestamps: false });
    await Doc.sync({ force: true });
    await t.db.transaction(async () => {
      await Sale.create({ shop: 'tx', qty: 100, price: '9.99', rate: 1, coupon: null, soldAt: day(9) });
      assert.equal(await Sale.max('qty'), 100, 'the managed transaction is read');
      assert.equal(await Sale.sum('qty', { where: { shop: 'tx' } }), 100);
      const page = await Sale.findAndCountAll({ where: { shop: 'tx' } });
      assert.equal(page.count, 1);
      assert.equal(page.rows.length, 1);
      assert.deepEqual(await Sale.count({ group: 'shop', where: { shop: 'tx' } }), [{ shop: 'tx', count: 1 }]);
      await Doc.bulkCreate([{ name: 'a', meta: { k: { v: 1 } }, n: 1 }, { name: 'b', meta: { k: { v: 2 } }, n: 2 }]);
      await Doc.bulkCreate([{ name: 'a', meta: { k: { v: 9 } }, n: 9 }], { updateOnDuplicate: ['meta'] });
      await Doc.bulkCreate([{ name: 'b', meta: {}, n: 0 }], { ignoreDuplicates: true });
      const [changed] = await Doc.update({ n: 50 }, { where: { meta: { k: { v: 9 } } } });
      assert.equal(changed, 1, 'the JSON path matched the row updated on conflict in this transaction');
      await Doc.increment({ n: literal('"n" * 2') } as never, { where: { name: 'b' } });
      assert.deepEqual((await Doc.findAll({ order: [['name', 'ASC']], raw: true })).map((d: any) => [d.name, d.n]), [['a', 50], ['b', 6]]);
      throw new Error('roll back');
    }).catch((e: Error) => assert.equal(e.message, 'roll back'));
    assert.equal(await Sale.count({ where: { shop: 'tx' } }), 0);
    assert.equal(await Sale.max('qty'), 5);
    assert.equal(await Doc.count(), 0);
    // The same calls given the transaction explicitly.
    const tx = await t.db.transaction();
    await Sale.create({ shop: 'tx', qty: 7, price: '1.00', rate: 1, coupon: null, soldAt: day(9) }, { transaction: tx });
    assert.equal(await Sale.sum('qty', { where: { shop: 'tx' }, transaction: tx }), 7);
    assert.equal((await Sale.findAndCountAll({ where: { shop: 'tx' }, transaction: tx })).count, 1);
    assert.equal(await Sale.aggregate('qty', 'max', { where: { shop: 'tx' }, transaction: tx } as never), 7);
    await tx.rollback();
    assert.equal(await Sale.count({ where: { shop: 'tx' } }), 0);
  });

  it('findAndCountAll: the page of rows and the count of every match', async () => {
    t.log.length = 0;
    const { count, rows } = await Sale.findAndCountAll({ where: { qty: { [Op.gte]: 2 } }, order: [['qty', 'DESC']], limit: 2, attributes: ['qty'] });
    assert.equal(count, 3);
    assert.deepEqual(rows.map((r) => r.qty), [5, 3]);
    assert.deepEqual(sent(), ['SELECT count(*) FROM "Sales" WHERE "qty" >= $1', 'SELECT "qty" FROM "Sales" WHERE "qty" >= $1 ORDER BY "qty" DESC LIMIT $2']);
    const raw = await Sale.findAndCountAll({ where: { shop: 'b' }, raw: true, attributes: ['shop', [col('qty'), 'n']] });
    assert.deepEqual(raw, { count: 1, rows: [{ shop: 'b', n: 5 }] });
  });
});

forEachDriver('count and findAndCountAll with include; $alias.attribute$ inside Op.or / Op.and', (t) => {
  let m: Blog;
  before(async () => {
    m = defineBlog(t.db);
    await t.db.sync({ force: true });
    await seedBlog(m);
  });
  const sent = () => statements(t.log);

  it('count({ include }) counts each top-level row once, whatever the to-many include matches', async () => {
    assert.equal(await m.User.count({ include: [{ model: m.Post, as: 'posts' }] }), 3, 'an include that is not required filters nothing');
    t.log.length = 0;
    assert.equal(await m.User.count({ include: [{ model: m.Post, as: 'posts', required: true }] }), 2);
    assert.equal(await m.User.count({ include: [{ model: m.Post, as: 'posts', where: { draft: false } }] }), 2);
    assert.equal(await m.User.count({ include: [{ model: m.Post, as: 'posts', where: { title: 'a2' } }] }), 1);
    assert.equal(await m.User.count({ include: [{ model: m.Post, as: 'posts', separate: false, required: true }] }), 2, 'a joined to-many include does not multiply the count');
    assert.match(sent()[0], /^SELECT count\(DISTINCT "User"\."id"\) FROM "Users" AS "User" WHERE EXISTS \(SELECT 1 FROM "Posts" AS "posts" WHERE "posts"\."authorId" = "User"\."id"\)$/);
    assert.equal(await m.Post.count({ include: [{ model: m.Tag, as: 'tags', where: { name: 'red' } }] }), 2);
    assert.equal(await m.Post.count({ include: ['author'], where: { '$author.name$': 'ada' } }), 2);
  });

  it('findAndCountAll({ include, limit }): rows limited, count of distinct top-level rows', async () => {
    const { count, rows } = await m.User.findAndCountAll({ include: [{ model: m.Post, as: 'posts', required: true }], order: [['name', 'ASC']], limit: 1 });
    assert.equal(count, 2);
    assert.deepEqual(rows.map((u: any) => [u.name, u.posts.map((p: any) => p.title).sort()]), [['ada', ['a1', 'a2']]]);
  });

  it('group with include: aggregates over an association (the include only joins)', async () => {
    t.log.length = 0;
    const users = await m.User.findAll({
      attributes: ['id', 'name', [fn('COUNT', col('posts.id')), 'postCount']],
      include: [{ model: m.Post, as: 'posts', attributes: [] }],
      group: ['User.id'],
      order: [['name', 'ASC']],
    });
    assert.deepEqual(sent(), ['SELECT "User"."id", "User"."name", COUNT("posts"."id") AS "postCount" FROM "Users" AS "User" LEFT OUTER JOIN "Posts" AS "posts" ON "posts"."authorId" = "User"."id" GROUP BY "User"."id" ORDER BY "User"."name" ASC']);
    assert.deepEqual(users.map((u) => [u.name, Number(u.get('postCount'))]), [['ada', 2], ['bob', 1], ['cy', 0]]);
    assert.ok(users[0] instanceof m.User);
    const red = await m.Post.findAll({
      attributes: ['title', [fn('COUNT', col('tags.id')), 'n']],
      include: [{ model: m.Tag, as: 'tags', attributes: [], where: { name: { [Op.in]: ['red', 'green'] } } }],
      group: ['Post.id'], having: { n: { [Op.gte]: 2 } }, raw: true,
    });
    assert.deepEqual(red.map((r: any) => [r.title, Number(r.n)]), [['a1', 2]]);
  });

  it('aliased attributes with include (no group): expressions on the top-level rows, includes loaded as usual', async () => {
    t.log.length = 0;
    const posts = await m.Post.findAll({
      attributes: ['id', 'title', [fn('upper', col('author.name')), 'authorName'], [literal('(SELECT count(*) FROM "Comments" AS c WHERE c."postId" = "Post"."id")'), 'comments']],
      include: ['author'], order: [['title', 'ASC']],
    });
    assert.match(sent()[0], /^SELECT "Post"\."id", "Post"\."title", "Post"\."authorId", "author"\."id", .*, upper\("author"\."name"\) AS "authorName", \(SELECT count\(\*\) FROM "Comments" AS c WHERE c\."postId" = "Post"\."id"\) AS "comments" FROM "Posts" AS "Post" LEFT OUTER JOIN "Users" AS "author"/);
    assert.deepEqual(posts.map((p: any) => [p.title, p.get('authorName'), Number(p.get('comments')), p.author.name]), [['a1', 'ADA', 2, 'ada'], ['a2', 'ADA', 0, 'ada'], ['b1', 'BOB', 1, 'bob']]);
    const users = await m.User.findAll({ attributes: { include: [[fn('lower', col('name')), 'low']] }, include: ['posts'], where: { name: 'ada' } });
    assert.equal(users[0].get('low'), 'ada');
    await assert.rejects(m.User.findAll({ include: [{ model: m.Post, as: 'posts', attributes: ['title', [fn('upper', col('title')), 'T']] as any }] }), /read on the top-level model only/, 'never silently dropped');
    assert.deepEqual(users[0].posts.map((p: any) => p.title).sort(), ['a1', 'a2']);
  });

  it('order with include names a selected alias, or an expression that binds values, as it does without include', async () => {
    t.log.length = 0;
    const byAlias = await m.Post.findAll({ attributes: ['id', 'title', [fn('upper', col('author.name')), 'authorName']], include: ['author'], order: [['authorName', 'DESC'], ['title', 'ASC']] });
    assert.deepEqual(byAlias.map((p: any) => [p.get('authorName'), p.title]), [['BOB', 'b1'], ['ADA', 'a1'], ['ADA', 'a2']]);
    assert.match(sent()[0], / ORDER BY "authorName" DESC, "Post"\."title" ASC$/);
    t.log.length = 0;
    // coalesce(title, $1) binds its second argument: the statement's values carry it.
    const byFn = await m.Post.findAll({ include: ['author'], order: [[fn('coalesce', col('title'), 'zz'), 'DESC']] });
    assert.deepEqual(byFn.map((p: any) => p.title), ['b1', 'a2', 'a1']);
    assert.match(sent()[0], / ORDER BY coalesce\("Post"\."title", \$1(::text)?\) DESC$/);
  });

  it("'$alias.attribute$' keys work inside Op.or and Op.and (to-one joined, to-many as EXISTS)", async () => {
    const posts = await m.Post.findAll({ include: ['author'], where: { [Op.or]: [{ title: 'b1' }, { '$author.name$': 'ada', draft: true }] }, order: [['title', 'ASC']] });
    assert.deepEqual(posts.map((p) => p.title), ['a2', 'b1']);
    t.log.length = 0;
    const users = await m.User.findAll({ include: ['posts'], where: { [Op.or]: [{ name: 'cy' }, { [Op.and]: [{ '$posts.title$': 'b1' }] }] }, order: [['name', 'ASC']] });
    assert.deepEqual(users.map((u) => u.name), ['bob', 'cy']);
    assert.match(sent()[0], /WHERE \("User"\."name" = \$1 OR EXISTS \(SELECT 1 FROM "Posts" AS "posts" WHERE "posts"\."authorId" = "User"\."id" AND "posts"\."title" = \$2\)\)/);
    assert.equal(await m.User.count({ include: ['posts'], where: { [Op.or]: [{ '$posts.title$': 'a1' }, { '$posts.title$': 'b1' }] } }), 2);
    await assert.rejects(m.User.findAll({ where: { [Op.or]: [{ '$posts.title$': 'x' }] } }), UnknownAttributeError, 'without include the key is unknown');
  });
});
