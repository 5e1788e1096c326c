// The PostgreSQL operators of Sequelize's Op: arrays, JSONB, patterns (startsWith & co.
// escape % and _), regular expressions, full text, ANY/ALL, ranges (through expressions).
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { DataTypes, Op, UnknownAttributeError, UsageError, cast, col, fn, where } from '../../src/index';
import type { DefinedModel, WhereOptions } from '../../src/index';
import { forEachDriver, statements } from '../support/harness';

forEachDriver('Op: PostgreSQL operators', (t) => {
  let Post: DefinedModel;
  before(async () => {
    Post = t.db.define('Post', {
      title: DataTypes.STRING,
      body: DataTypes.TEXT,
      views: DataTypes.INTEGER,
      tags: DataTypes.ARRAY(DataTypes.STRING),
      meta: DataTypes.JSONB,
    }, { timestamps: false });
    await Post.sync({ force: true });
    await Post.bulkCreate([
      { title: '50% off', body: 'cats and dogs', views: 10, tags: ['sale', 'pets'], meta: { lang: 'en', n: 1 } },
      { title: '50 and more', body: 'the cat sat', views: 20, tags: ['pets'], meta: { lang: 'fr' } },
      { title: 'snake_case', body: 'A fish', views: 30, tags: [], meta: { lang: 'en' } },
    ]);
  });
  const titles = async (w: WhereOptions) => (await Post.findAll({ where: w, order: [['id', 'ASC']] })).map((p) => p.title);
  const lastWhere = () => { const s = statements(t.log); return s[s.length - 1].split(' WHERE ')[1]?.replace(/ ORDER BY .*$/, ''); };

  it('contains, contained, overlap on ARRAY; contains and contained on JSONB', async () => {
    assert.deepEqual(await titles({ tags: { [Op.contains]: ['pets'] } }), ['50% off', '50 and more']);
    assert.equal(lastWhere(), '"tags" @> $1::text::VARCHAR(255)[]');
    assert.deepEqual(await titles({ tags: { [Op.contained]: ['pets', 'x'] } }), ['50 and more', 'snake_case']);
    assert.deepEqual(await titles({ tags: { [Op.overlap]: ['sale', 'x'] } }), ['50% off']);
    assert.deepEqual(await titles({ meta: { [Op.contains]: { lang: 'en' } } }), ['50% off', 'snake_case']);
    assert.equal(lastWhere(), '"meta" @> $1::jsonb');
    assert.deepEqual(await titles({ meta: { [Op.contained]: { lang: 'fr', n: 2 } } }), ['50 and more']);
    await assert.rejects(titles({ views: { [Op.contains]: [1] } } as any), /needs an ARRAY/);
    await assert.rejects(titles({ tags: { [Op.contains]: 'pets' } } as any), /takes an array/);
  });

  it('startsWith, endsWith and substring match the value literally (% and _ escaped)', async () => {
    assert.deepEqual(await titles({ title: { [Op.startsWith]: '50%' } }), ['50% off']);
    assert.equal(lastWhere(), '"title" LIKE $1');
    assert.deepEqual(await titles({ title: { [Op.startsWith]: '50' } }), ['50% off', '50 and more']);
    assert.deepEqual(await titles({ title: { [Op.endsWith]: 'more' } }), ['50 and more']);
    assert.deepEqual(await titles({ title: { [Op.substring]: 'e_c' } }), ['snake_case']);
    assert.deepEqual(await titles({ title: { [Op.substring]: '_' } }), ['snake_case'], '_ is not a wildcard');
    await assert.rejects(titles({ views: { [Op.startsWith]: '1' } } as any), /needs a text attribute/);
  });

  it('regexp, iRegexp, notRegexp, notIRegexp', async () => {
    assert.deepEqual(await titles({ body: { [Op.regexp]: '^cat' } }), ['50% off']);
    assert.equal(lastWhere(), '"body" ~ $1');
    assert.deepEqual(await titles({ body: { [Op.iRegexp]: '^a ' } }), ['snake_case']);
    assert.deepEqual(await titles({ body: { [Op.notRegexp]: 'cat' } }), ['snake_case']);
    assert.deepEqual(await titles({ body: { [Op.notIRegexp]: 'CAT|FISH' } }), []);
  });

  it('match: full text search with fn()', async () => {
    assert.deepEqual(await titles({ body: { [Op.match]: fn('to_tsquery', 'dogs') } }), ['50% off']);
    assert.equal(lastWhere(), '"body" @@ to_tsquery($1::text)');
  });

  it('any and all: = ANY($1) with one array parameter; [Op.gt]: { [Op.any]: [...] }; like any', async () => {
    assert.deepEqual(await titles({ views: { [Op.any]: [10, 30] } }), ['50% off', 'snake_case']);
    assert.equal(lastWhere(), '"views" = ANY($1::INTEGER[])');
    assert.deepEqual(await titles({ views: { [Op.gt]: { [Op.all]: [5, 15] } } }), ['50 and more', 'snake_case']);
    assert.equal(lastWhere(), '"views" > ALL($1::INTEGER[])');
    assert.deepEqual(await titles({ views: { [Op.lt]: { [Op.any]: [15, 5] } } }), ['50% off']);
    assert.deepEqual(await titles({ title: { [Op.iLike]: { [Op.any]: ['SNAKE%', '%MORE'] } } }), ['50 and more', 'snake_case']);
    assert.equal(lastWhere(), '"title" ILIKE ANY($1::text[])');
    await assert.rejects(titles({ views: { [Op.any]: [1, null] } } as any), /never matches/);
  });

  it('range operators compare expressions (Inscribe has no RANGE type)', async () => {
    const r = (op: symbol) => where(fn('int4range', 0, col('views')), op, cast('[20,50)', 'int4range'));
    assert.deepEqual(await titles(r(Op.adjacent) as any), ['50 and more']);
    assert.equal(lastWhere(), 'int4range($1::integer, "views") -|- CAST($2::text AS INT4RANGE)');
    assert.deepEqual(await titles(r(Op.strictLeft) as any), ['50% off', '50 and more']);
    assert.deepEqual(await titles(r(Op.strictRight) as any), []);
    assert.deepEqual(await titles(r(Op.noExtendRight) as any), ['50% off', '50 and more', 'snake_case']);
    assert.deepEqual(await titles(r(Op.noExtendLeft) as any), []);
    await assert.rejects(titles({ views: { [Op.adjacent]: [1, 2] } } as any), /range operator/);
  });

  it('Op.col compares with another attribute, checked against the model', async () => {
    await Post.update({ body: '50 and more' }, { where: { views: 20 } });
    assert.deepEqual(await titles({ title: { [Op.col]: 'body' } }), ['50 and more']);
    assert.equal(lastWhere(), '"title" = "body"');
    await assert.rejects(titles({ title: { [Op.col]: 'secret' } } as any), UnknownAttributeError);
    await assert.rejects(titles({ title: { [Op.col]: '"body"; DROP TABLE x' } } as any), UnknownAttributeError);
    await assert.rejects(titles({ title: { [Op.col]: 3 } } as any), UsageError);
  });
});
