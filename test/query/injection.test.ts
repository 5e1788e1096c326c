// Hostile values are data: they are bound, never spliced, and come back exactly as sent.
// Hostile keys and identifiers are refused before any SQL is sent.
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { DataTypes, Op, UnknownAttributeError, UsageError } from '../../src/index';
import type { DefinedModel } from '../../src/index';
import { forEachDriver, statements } from '../support/harness';

const HOSTILE = [
  `'; DROP TABLE "Notes"; --`,
  `' OR '1'='1`,
  '$1',
  '$2::text',
  ':name',
  ':1',
  '?',
  '-- not a comment',
  '/* not a comment */',
  '"double" \'single\' `back`',
  'back\\slash\\',
  '\\x00',
  '${template}',
  'unicode ☃ 𝄞',
  'NULL',
  '',
  '%_ like wildcards',
];

forEachDriver('injection', (t) => {
  let Note: DefinedModel;
  before(async () => {
    Note = t.db.define('Note', { body: DataTypes.TEXT, label: DataTypes.STRING, tags: DataTypes.ARRAY(DataTypes.STRING), doc: DataTypes.JSONB });
    await Note.sync({ force: true });
    for (const s of HOSTILE) await Note.create({ body: s, label: s, tags: [s], doc: { [s]: s } });
  });

  it('values round-trip exactly through where (=, Op.in, Op.like, Op.or, ARRAY, JSON)', async () => {
    for (const s of HOSTILE) {
      const eq = await Note.findAll({ where: { body: s } });
      assert.deepEqual(eq.map((n) => n.body), [s], `= ${JSON.stringify(s)}`);
      assert.equal((await Note.findOne({ where: { label: { [Op.in]: [s, 'other'] } } }))!.label, s);
      assert.equal((await Note.findOne({ where: { tags: [s] } }))!.body, s);
      // A nested key is a JSON path (as in Sequelize); '::' in a key is a cast, so such keys are matched with Op.contains.
      if (!s.includes('::')) assert.equal((await Note.findOne({ where: { doc: { [s]: s } } }))!.body, s);
      assert.equal((await Note.findOne({ where: { doc: { [Op.contains]: { [s]: s } } } }))!.body, s);
      assert.equal((await Note.findOne({ where: { [Op.or]: [{ body: s }, { label: `${s}x` }] } }))!.body, s);
      assert.equal(await Note.count({ where: { body: { [Op.like]: s.replace(/[\\%_]/g, '\\$&') } } }), 1, `like ${JSON.stringify(s)}`);
    }
    assert.equal(await Note.count(), HOSTILE.length);
  });

  it('values round-trip exactly through update, increment where, findOrCreate and upsert', async () => {
    for (const s of HOSTILE) {
      const [n] = await Note.update({ label: `${s}!`, tags: [s, s] }, { where: { body: s } });
      assert.equal(n, 1);
      const note = await Note.findOne({ where: { label: `${s}!` } });
      assert.equal(note!.body, s);
      assert.deepEqual(note!.tags, [s, s]);
      const [found, created] = await Note.findOrCreate({ where: { body: s } });
      assert.equal(created, false);
      assert.equal(found.id, note!.id);
      const [up] = await Note.upsert({ id: note!.id, label: s });
      assert.equal(up.label, s);
      assert.equal(up.body, s);
    }
    const [fresh, created] = await Note.findOrCreate({ where: { body: `${HOSTILE[0]} new` }, defaults: { label: HOSTILE[1] } });
    assert.equal(created, true);
    assert.equal(fresh.label, HOSTILE[1]);
    assert.equal(await Note.destroy({ where: { body: `${HOSTILE[0]} new` } }), 1);
    assert.equal(await Note.count(), HOSTILE.length);
  });

  it('the statements hold only placeholders: no value text reaches the SQL', async () => {
    t.log.length = 0;
    await Note.findAll({ where: { body: HOSTILE[0], label: { [Op.in]: HOSTILE } } });
    await Note.update({ body: HOSTILE[1] }, { where: { label: HOSTILE[2] } });
    await Note.destroy({ where: { body: `${HOSTILE[3]} (no such row)` } });
    for (const sql of statements(t.log)) {
      assert.doesNotMatch(sql, /DROP|'|OR '1'|:name|template/, sql);
    }
  });

  it('hostile keys and identifiers are refused, and every row stays in place', async () => {
    t.log.length = 0;
    const attempts: (() => Promise<unknown>)[] = [
      () => Note.findAll({ where: { '"body" IS NOT NULL OR "body"': 'x' } as never }),
      () => Note.findAll({ where: JSON.parse('{"body": {"$ne": null}}') }),
      () => Note.findAll({ where: JSON.parse('{"body": {"ne": null}}') }),
      () => Note.findAll({ where: JSON.parse('{"__proto__": {"body": "x"}}') }),
      () => Note.findAll({ where: { body: { toString: 'x' } } as never }),
      () => Note.findAll({ order: [['body', 'DESC, (SELECT pg_sleep(1))']] as never }),
      () => Note.findAll({ order: ['body; DELETE FROM "Notes"'] as never }),
      () => Note.findAll({ attributes: ['body', '"label" AS "x"'] as never }),
      () => Note.findAll({ attributes: { exclude: ['nope'] } as never }),
      () => Note.update({ body: 'x' }, { where: JSON.parse('{"id": {"$gt": 0}}') }),
      () => Note.destroy({ where: JSON.parse('{"id": {"$gt": 0}}') }),
      () => Note.destroy({ where: JSON.parse('{"$or": [{"id": 1}]}') }),
      () => Note.destroy({ where: { id: { [Op.in]: JSON.parse('"1,2,3"') } } }),
      () => Note.destroy({ where: { id: JSON.parse('[1, 2]') } }),
      () => Note.update({ 'body" = NULL, "label': 'x' } as never, { where: { id: 1 } }),
      () => Note.bulkCreate([{ 'body") VALUES (\'x\'); --': 'y' } as never]),
      () => Note.upsert({ id: 1, body: 'x' }, { conflictFields: ['id") DO NOTHING; --'] }),
    ];
    for (const attempt of attempts) {
      await assert.rejects(attempt(), (e: Error) => e instanceof UsageError || e instanceof UnknownAttributeError, attempt.toString());
    }
    assert.deepEqual(statements(t.log), []);
    assert.equal(await Note.count(), HOSTILE.length);
  });
});
