// The instance layout's guarantees, whatever the layout: values and snapshot never leak
// between instances, in-place mutation and reverting are seen exactly, and the snapshot
// follows save, reload and a rolled-back transaction.
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { DataTypes, Model, ValidationError } from '../../src/index';
import type { DefinedModel } from '../../src/index';
import { forEachDriver, statements } from '../support/harness';

type Loose = { findByPk(key: unknown, options?: object): Promise<any>; findAll(options?: object): Promise<any[]> } & DefinedModel;

forEachDriver('instance layout: exact dirty tracking', (t) => {
  let Doc: Loose;
  before(async () => {
    Doc = <Loose>t.db.define('Doc', {
      title: { type: DataTypes.STRING, allowNull: false },
      meta: DataTypes.JSONB,
      tags: DataTypes.ARRAY(DataTypes.TEXT),
      due: DataTypes.DATE,
      score: DataTypes.DOUBLE,
    });
    await Doc.sync({ force: true });
    await Doc.bulkCreate([
      { title: 'a', meta: { n: 1, deep: { x: [1] } }, tags: ['p'], due: new Date(Date.UTC(2024, 0, 1)), score: 0.5 },
      { title: 'b', meta: { n: 2, deep: { x: [2] } }, tags: ['q'], due: new Date(Date.UTC(2024, 0, 2)), score: 1.5 },
    ]);
  });

  const column = async (id: number, col: string) => (await t.db.query<Record<string, unknown>>(`SELECT "${col}" AS v FROM "Docs" WHERE id = $1`, { bind: [id] }))[0].v;

  it('instances read together share no state: mutating one leaves the other clean', async () => {
    const [a, b] = await Doc.findAll({ order: [['id', 'ASC']] });
    a.meta.deep.x.push(9);
    a.tags.push('z');
    (a.due as Date).setUTCMonth(5);
    assert.deepEqual(a.changed(), ['meta', 'tags', 'due']);
    assert.equal(b.changed(), false);
    assert.deepEqual(b.meta, { n: 2, deep: { x: [2] } });
  });

  it('in-place mutation then changed(); putting the content back makes it clean again', async () => {
    const d = await Doc.findByPk(1, { batch: false });
    d.meta.deep.x.push(2);
    assert.deepEqual(d.changed(), ['meta']);
    assert.equal(d.changed('meta'), true);
    d.meta.deep.x.pop();
    assert.equal(d.changed(), false);
    d.tags.push('x');
    d.tags.pop();
    assert.equal(d.changed(), false);
    (d.due as Date).setUTCFullYear(2031);
    assert.deepEqual(d.changed(), ['due']);
    (d.due as Date).setUTCFullYear(2024);
    assert.equal(d.changed(), false);
  });

  it('assigning a value and then the original (or an equal copy) again is not a change; save sends nothing', async () => {
    const d = await Doc.findByPk(1, { batch: false });
    const title = d.title;
    d.title = 'other';
    d.score = 7;
    assert.deepEqual(d.changed(), ['title', 'score']);
    d.title = title;
    d.score = 0.5;
    d.meta = { n: 1, deep: { x: [1] } };
    d.due = new Date(Date.UTC(2024, 0, 1));
    assert.equal(d.changed(), false);
    t.log.length = 0;
    await d.save();
    assert.deepEqual(statements(t.log), []);
  });

  it('after a save the snapshot is the saved state: a later in-place mutation is a new change', async () => {
    const d = await Doc.findByPk(2, { batch: false });
    d.meta.n = 20;
    t.log.length = 0;
    await d.save();
    assert.equal(statements(t.log).length, 1);
    assert.match(statements(t.log)[0], /^UPDATE "Docs" SET "meta" = /);
    assert.equal(d.changed(), false);
    assert.deepEqual(await column(2, 'meta'), { n: 20, deep: { x: [2] } });
    d.meta.n = 21;
    assert.deepEqual(d.changed(), ['meta']);
    d.meta.n = 20;
    assert.equal(d.changed(), false);
  });

  it('save after reload: reload drops local changes, and the next change is saved alone', async () => {
    const d = await Doc.findByPk(1, { batch: false });
    d.title = 'local';
    await t.db.query(`UPDATE "Docs" SET tags = '{r,s}' WHERE id = 1`);
    await d.reload();
    assert.equal(d.title, 'a');
    assert.deepEqual(d.tags, ['r', 's']);
    assert.equal(d.changed(), false);
    d.tags.push('t');
    t.log.length = 0;
    await d.save();
    assert.match(statements(t.log)[0], /^UPDATE "Docs" SET "tags" = /);
    assert.deepEqual(await column(1, 'tags'), ['r', 's', 't']);
    assert.equal(await column(1, 'title'), 'a');
    assert.equal(d.changed(), false);
  });

  it('a rolled-back transaction puts the instance back: the assigned value stays, dirty again', async () => {
    const d = await Doc.findByPk(2, { batch: false });
    d.title = 'in-tx';
    d.meta.deep.x.push(3);
    await assert.rejects(t.db.transaction(async () => {
      await d.save();
      assert.equal(d.changed(), false);
      throw new Error('roll back');
    }), /roll back/);
    assert.equal(await column(2, 'title'), 'b');
    assert.equal(d.title, 'in-tx');
    assert.deepEqual(d.changed(), ['title', 'meta']);
    d.meta.deep.x.pop();
    assert.deepEqual(d.changed(), ['title']);
    await d.save();
    assert.equal(await column(2, 'title'), 'in-tx');
    assert.equal(d.changed(), false);
  });

  it('a partial read leaves the unread attributes unset and clean; only what is assigned is saved', async () => {
    const d = await Doc.findByPk(1, { attributes: ['id', 'meta'], batch: false });
    assert.equal(d.title, undefined);
    assert.equal(d.changed(), false);
    d.meta.n = 5;
    t.log.length = 0;
    await d.save();
    assert.match(statements(t.log)[0], /^UPDATE "Docs" SET "meta" = \$1, "updatedAt" = \$2 WHERE "id" = \$3/);
    assert.equal(await column(1, 'title'), 'a');
  });

  // DATE attributes are deferred: a loaded instance holds the snapshot's time, and the Date
  // is made on first read (AttributeDefinition.deferred).
  it('a deferred Date is one object on every read; mutating it after that is a change', async () => {
    const d = await Doc.findByPk(2, { batch: false });
    const due = d.due as Date;
    assert.ok(due instanceof Date);
    assert.equal(d.due, due);
    assert.equal(d.get('due'), due);
    assert.equal(d.getDataValue('due'), due);
    assert.equal(d.changed(), false);
    due.setUTCDate(20);
    assert.deepEqual(d.changed(), ['due']);
    assert.equal((d.previous('due') as Date).getTime(), Date.UTC(2024, 0, 2));
    due.setUTCDate(2);
    assert.equal(d.changed(), false);
  });

  it('unread Dates: plain values, toJSON, getDataValue and previous give the loaded time', async () => {
    const [a, b] = await Doc.findAll({ order: [['id', 'ASC']] });
    assert.equal((a.get({ plain: true }).due as Date).getTime(), Date.UTC(2024, 0, 1));
    assert.equal(b.toJSON().due.getTime(), Date.UTC(2024, 0, 2));
    assert.equal((a.getDataValue('createdAt') as Date).getTime(), (a.createdAt as Date).getTime());
    assert.equal((a.previous('due') as Date).getTime(), Date.UTC(2024, 0, 1));
    // dataValues (Sequelize's live view) reads an unread Date as a Date, never the internal marker.
    const [c] = await Doc.findAll({ order: [['id', 'ASC']] });
    assert.ok(c.dataValues.due instanceof Date);
    assert.equal((c.dataValues.due as Date).getTime(), Date.UTC(2024, 0, 1));
    assert.equal((Object.getOwnPropertyDescriptor(c.dataValues, 'due')!.value as Date).getTime(), Date.UTC(2024, 0, 1));
    assert.equal(a.changed(), false);
    assert.equal(b.changed(), false);
    assert.equal(c.changed(), false);
  });

  it('changed(key, true) on an unread Date writes the loaded time', async () => {
    const d = await Doc.findByPk(1, { batch: false });
    await t.db.query(`UPDATE "Docs" SET due = '2001-01-01T00:00:00Z' WHERE id = 1`);
    d.changed('due', true);
    assert.deepEqual(d.changed(), ['due']);
    t.log.length = 0;
    await d.save();
    assert.match(statements(t.log)[0], /^UPDATE "Docs" SET "due" = \$1, "updatedAt" = \$2 WHERE "id" = \$3/);
    assert.equal((await column(1, 'due') as Date).getTime(), Date.UTC(2024, 0, 1));
    assert.equal(d.changed(), false);
  });

  it('a hook that only reads a Date does not make it written; a validator sees the Date', async () => {
    const seen: unknown[] = [];
    const Event = <Loose>t.db.define('Event', {
      title: DataTypes.STRING,
      at: { type: DataTypes.DATE, validate: { isAfter2000(v: unknown) { seen.push(v); if (!(v instanceof Date) || v.getTime() < Date.UTC(2000, 0, 1)) throw new Error('at must be after 2000'); } } },
    }, { hooks: { beforeUpdate: (e: any) => { seen.push(e.at); } } });
    await Event.sync({ force: true });
    await Event.create({ title: 'x', at: new Date(Date.UTC(2020, 5, 1)) });
    const e = await Event.findByPk(1, { batch: false });
    seen.length = 0;
    await e.validate();
    assert.ok(seen[0] instanceof Date && (seen[0] as Date).getTime() === Date.UTC(2020, 5, 1));
    e.title = 'y';
    t.log.length = 0;
    await e.save();
    assert.match(statements(t.log)[0], /^UPDATE "Events" SET "title" = \$1, "updatedAt" = \$2 WHERE "id" = \$3/);
    (e.at as Date).setUTCFullYear(1990);
    await assert.rejects(e.save(), ValidationError);
  });

  it('a rolled-back transaction restores an unread Date and its time', async () => {
    const d = await Doc.findByPk(2, { batch: false });
    d.title = 'tx2';
    await assert.rejects(t.db.transaction(async () => {
      await d.save();
      throw new Error('roll back');
    }), /roll back/);
    assert.equal((d.due as Date).getTime(), Date.UTC(2024, 0, 2));
    assert.deepEqual(d.changed(), ['title']);
  });

  it('a Date that a class field makes an own property is stored eagerly and tracked the same', async () => {
    // What `due!: Date` compiles to with useDefineForClassFields: an own property per instance.
    class Slot extends Model {
      constructor() {
        super();
        Object.defineProperty(this, 'due', { value: undefined, writable: true, enumerable: true, configurable: true });
      }
    }
    Slot.init({ due: DataTypes.DATE }, { sequelize: t.db, modelName: 'Slot', timestamps: false });
    assert.equal(Slot.definition.byName.due!.deferred, false);
    await (Slot as any).sync({ force: true });
    await (Slot as any).create({ due: new Date(Date.UTC(2022, 1, 3)) });
    const s = await (Slot as any).findByPk(1, { batch: false });
    assert.ok(Object.prototype.hasOwnProperty.call(s, 'due'));
    assert.equal(s.due.getTime(), Date.UTC(2022, 1, 3));
    s.due.setUTCDate(4);
    assert.deepEqual(s.changed(), ['due']);
    assert.equal(Doc.definition.byName.due!.deferred, true);
  });

  it('console.log shows the attribute values by name, unread Dates as Dates, nothing hidden', async () => {
    const d = await Doc.findByPk(1, { batch: false });
    const shown = inspect(d);
    assert.match(shown, /^Doc \{/);
    assert.ok(shown.includes("title: 'a'"), shown);
    assert.ok(shown.includes(`due: ${new Date(Date.UTC(2024, 0, 1)).toISOString()}`), shown);
    assert.ok(!shown.includes('Symbol('), shown);
    // A deferred DATE is an accessor on the prototype, not an own property.
    assert.ok(Object.keys(d).includes('title'));
    assert.ok(!Object.keys(d).includes('due'));
    assert.equal(d.changed(), false);
  });
});
