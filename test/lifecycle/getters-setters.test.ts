import { it } from 'node:test';
import assert from 'node:assert/strict';
import { DataTypes, DefinitionError } from '../../src/index';
import { forEachDriver, statements } from '../support/harness';

forEachDriver('getters, setters and VIRTUAL', (t) => {
  const define = () => t.db.define('Profile', {
    firstName: DataTypes.STRING,
    lastName: DataTypes.STRING,
    email: {
      type: DataTypes.STRING,
      set(this: { setDataValue(k: string, v: unknown): void }, v: string) {
        this.setDataValue('email', v.trim().toLowerCase());
      },
    },
    title: {
      type: DataTypes.STRING,
      get(this: { getDataValue(k: string): unknown }) {
        const v = this.getDataValue('title') as string | null;
        return v === null || v === undefined ? v : v.toUpperCase();
      },
    },
    fullName: {
      type: DataTypes.VIRTUAL(DataTypes.STRING, ['firstName', 'lastName']),
      get(this: { firstName: string; lastName: string }) {
        return `${this.firstName} ${this.lastName}`;
      },
      set(this: { firstName: string; lastName: string }, v: string) {
        const [first, ...rest] = v.split(' ');
        this.firstName = first;
        this.lastName = rest.join(' ');
      },
    },
  });

  it('a setter transforms what is stored; a getter what is read; get({ raw: true }) and getDataValue skip the getter', async () => {
    const P = define();
    await P.sync({ force: true });
    const p = await P.create({ email: '  Ada@Example.COM ', title: 'dr', firstName: 'Ada', lastName: 'Lovelace' });
    assert.equal(p.email, 'ada@example.com');
    assert.equal(p.title, 'DR');
    assert.equal(p.get('title'), 'DR');
    assert.equal(p.get('title', { raw: true }), 'dr');
    assert.equal(p.getDataValue('title'), 'dr');
    assert.equal(p.get({ raw: true }).title, 'dr');
    assert.equal(p.get({ plain: true }).title, 'DR');
    assert.equal(p.toJSON().fullName, 'Ada Lovelace', 'toJSON includes the virtual attribute');
    const [row] = await t.db.query<{ email: string; title: string }>('SELECT email, title FROM "Profiles"');
    assert.deepEqual(row, { email: 'ada@example.com', title: 'dr' }, 'the stored values, not the getter\'s');
    const read = (await P.findByPk(p.id))!;
    assert.equal(read.title, 'DR');
    assert.equal(read.getDataValue('title'), 'dr');
  });

  it('dirty tracking sees the stored value: a setter that stores the same value is no change; a VIRTUAL setter dirties its dependencies', async () => {
    const P = define();
    await P.sync({ force: true });
    const p = await P.create({ email: 'a@b.co', firstName: 'Ada', lastName: 'L' });
    p.email = ' A@B.CO ';
    assert.equal(p.changed(), false, 'the setter stored the same value');
    t.log.length = 0;
    await p.save();
    assert.deepEqual(statements(t.log), []);
    p.fullName = 'Grace Hopper';
    assert.deepEqual(p.changed(), ['firstName', 'lastName']);
    await p.save();
    assert.deepEqual(statements(t.log), ['UPDATE "Profiles" SET "firstName" = $1, "lastName" = $2, "updatedAt" = $3 WHERE "id" = $4']);
    assert.equal((await P.findByPk(p.id))!.fullName, 'Grace Hopper');
    p.setDataValue('title', 'x');
    assert.deepEqual(p.changed(), ['title']);
    await p.update({ fullName: 'Alan Turing' });
    assert.equal(p.changed(), false);
    await assert.rejects(p.update({ email: ' NEW@X.Y ', fullName: 'Bad Value', title: 5 as unknown as string }));
    assert.equal(p.email, 'a@b.co', 'a failed update puts the stored values back, setters notwithstanding');
    assert.equal(p.fullName, 'Alan Turing');
    assert.equal(p.changed(), false);
    assert.equal((await P.findByPk(p.id))!.lastName, 'Turing');
  });

  it('selecting a VIRTUAL attribute loads its dependencies; build and set go through setters', async () => {
    const P = define();
    await P.sync({ force: true });
    await P.create({ fullName: 'Ada Lovelace', email: 'X@Y.Z' });
    t.log.length = 0;
    const [p] = await P.findAll({ attributes: ['fullName'] });
    assert.match(statements(t.log)[0], /^SELECT "firstName", "lastName" FROM "Profiles"/);
    assert.equal(p.fullName, 'Ada Lovelace');
    const b = P.build({ email: ' Q@Q.Q ' });
    assert.equal(b.email, 'q@q.q');
    b.set('fullName', 'A B');
    assert.equal(b.firstName, 'A');
    assert.throws(() => t.db.define('BadVirtual', { v: { type: DataTypes.VIRTUAL(DataTypes.STRING, ['nope']) } }), DefinitionError);
  });
});
