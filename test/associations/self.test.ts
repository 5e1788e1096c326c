// Self-associations: a tree (hasMany/belongsTo on one model) and friends through a junction.
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { DataTypes } from '../../src/index';
import type { DefinedModel } from '../../src/index';
import { forEachDriver } from '../support/harness';
import { constraints } from '../schema/support/catalog';

forEachDriver('associations: self-associations', (t) => {
  let Node: DefinedModel, Person: DefinedModel;
  before(async () => {
    Node = t.db.define('Node', { name: DataTypes.STRING }, { timestamps: false });
    Node.hasMany(Node, { as: 'children', foreignKey: 'parentId' });
    Node.belongsTo(Node, { as: 'parent', foreignKey: 'parentId' });
    Person = t.db.define('Person', { name: DataTypes.STRING }, { timestamps: false });
    Person.belongsToMany(Person, { as: 'friends', through: 'Friendships', timestamps: false });
    await t.db.sync({ force: true });
  });

  it('a tree: the key references its own table; includes alias the same table twice', async () => {
    assert.deepEqual((await constraints(t.db, 'Nodes')).filter((c) => c.startsWith('FOREIGN')), ['FOREIGN KEY(Nodes_parentId_fkey: parentId) → "Nodes" ON DELETE n ON UPDATE c']);
    const root: any = await Node.create({ name: 'root' });
    const a: any = await root.createChild({ name: 'a' });
    await root.createChild({ name: 'b' });
    await a.createChild({ name: 'a1' });
    const [top]: any[] = await Node.findAll({ where: { parentId: null }, include: [{ model: Node, as: 'children', order: ['name'], include: [{ as: 'children' }, 'parent'] }] });
    assert.deepEqual(top.children.map((c: any) => [c.name, c.parent.name, c.children.map((g: any) => g.name)]), [['a', 'root', ['a1']], ['b', 'root', []]]);
    const leaf: any = await Node.findOne({ where: { name: 'a1' }, include: [{ as: 'parent', include: ['parent'] }] });
    assert.equal(leaf.parent.parent.name, 'root');
  });

  it('friends through a junction: otherKey named from the alias, accessors and include', async () => {
    assert.deepEqual(Object.keys(t.db.models.Friendships.definition.byName), ['PersonId', 'friendId']);
    const [ann, bob, cy]: any[] = await Person.bulkCreate([{ name: 'ann' }, { name: 'bob' }, { name: 'cy' }]);
    await ann.addFriends([bob, cy]);
    await bob.addFriend(cy);
    const people: any[] = await Person.findAll({ include: ['friends'], order: ['name'] });
    assert.deepEqual(people.map((p) => [p.name, p.friends.map((f: any) => f.name).sort()]), [['ann', ['bob', 'cy']], ['bob', ['cy']], ['cy', []]]);
    assert.equal(await ann.countFriends(), 2);
    assert.equal(await cy.hasFriend(ann), false);
  });
});
