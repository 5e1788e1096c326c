// Includes of a paranoid model: soft-deleted rows are left out unless paranoid: false (both strategies, to-one and to-many).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { DataTypes } from '../../src/index';
import { forEachDriver } from '../support/harness';

forEachDriver('include of a paranoid model', (t) => {
  const setup = async () => {
    const Owner = t.db.define('Owner', { name: DataTypes.STRING });
    const Pet = t.db.define('Pet', { name: DataTypes.STRING }, { paranoid: true });
    Owner.hasMany(Pet, { as: 'pets', foreignKey: 'ownerId' });
    Pet.belongsTo(Owner, { as: 'owner', foreignKey: 'ownerId' });
    await t.db.sync({ force: true });
    const ada = await Owner.create({ name: 'ada' });
    const bob = await Owner.create({ name: 'bob' });
    await Pet.bulkCreate([{ name: 'cat', ownerId: ada.get('id') }, { name: 'dog', ownerId: ada.get('id') }, { name: 'eel', ownerId: bob.get('id') }]);
    await (await Pet.findOne({ where: { name: 'dog' } }))!.destroy();
    await (await Pet.findOne({ where: { name: 'eel' } }))!.destroy();
    return { Owner, Pet };
  };
  const petsOf = (owners: any[]) => owners.map((o) => [o.name, (o.pets ?? []).map((p: any) => p.name).sort()]);

  it('to-many, by a second query and by JOIN: soft-deleted children are left out, parents stay; paranoid: false brings them back', async () => {
    const { Owner } = await setup();
    assert.deepEqual(petsOf(await Owner.findAll({ include: 'pets', order: ['name'] })), [['ada', ['cat']], ['bob', []]]);
    assert.deepEqual(petsOf(await Owner.findAll({ include: [{ association: 'pets', separate: false }], order: ['name'] })), [['ada', ['cat']], ['bob', []]]);
    assert.deepEqual(petsOf(await Owner.findAll({ include: [{ association: 'pets', paranoid: false }], order: ['name'] })), [['ada', ['cat', 'dog']], ['bob', ['eel']]]);
    // A where on the include makes it required: a parent whose only match is soft-deleted is gone.
    assert.deepEqual(petsOf(await Owner.findAll({ include: [{ association: 'pets', where: { name: 'dog' } }] })), []);
    assert.deepEqual(petsOf(await Owner.findAll({ include: [{ association: 'pets', where: { name: 'dog' }, paranoid: false }] })), [['ada', ['dog']]]);
  });

  it('to-one by JOIN: a soft-deleted target reads as null without dropping the row', async () => {
    const { Pet } = await setup();
    const all = await Pet.findAll({ paranoid: false, include: 'owner', order: ['name'] });
    assert.deepEqual(all.map((p: any) => [p.name, p.owner?.name ?? null]), [['cat', 'ada'], ['dog', 'ada'], ['eel', 'bob']]);
    const P2 = t.db.define('Tag2', { label: DataTypes.STRING }, { paranoid: true });
    const Note = t.db.define('Note2', { body: DataTypes.STRING });
    Note.belongsTo(P2, { as: 'tag', foreignKey: 'tagId' });
    await t.db.sync();
    const gone = await P2.create({ label: 'gone' });
    await Note.create({ body: 'n', tagId: gone.get('id') });
    await gone.destroy();
    const notes: any[] = await Note.findAll({ include: 'tag' });
    assert.equal(notes.length, 1, 'the note stays');
    assert.equal(notes[0].tag, null, 'its soft-deleted tag is not joined');
    const withDeleted: any[] = await Note.findAll({ include: [{ association: 'tag', paranoid: false }] });
    assert.equal(withDeleted[0].tag.label, 'gone');
  });
});
