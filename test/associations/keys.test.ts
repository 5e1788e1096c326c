// sourceKey / targetKey: associations through a unique non-primary key, in sync, accessors and include.
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { DataTypes } from '../../src/index';
import type { DefinedModel } from '../../src/index';
import { forEachDriver } from '../support/harness';
import { constraints } from '../schema/support/catalog';

forEachDriver('associations: sourceKey and targetKey', (t) => {
  let Team: DefinedModel, Player: DefinedModel, Badge: DefinedModel;
  before(async () => {
    Team = t.db.define('Team', { code: { type: DataTypes.STRING(8), unique: true, allowNull: false }, name: DataTypes.STRING });
    Player = t.db.define('Player', { name: DataTypes.STRING });
    Badge = t.db.define('Badge', { label: { type: DataTypes.STRING, unique: true, allowNull: false } });
    Team.hasMany(Player, { as: 'players', sourceKey: 'code', foreignKey: 'teamCode', onUpdate: 'CASCADE' });
    Player.belongsTo(Team, { as: 'team', targetKey: 'code', foreignKey: 'teamCode' });
    Player.belongsToMany(Badge, { through: 'PlayerBadges', as: 'badges', targetKey: 'label', timestamps: false });
    // No foreignKey: named after the primary key (TeamId), as Sequelize does, but typed and constrained by code.
    Team.hasOne(t.db.define('Coach', { name: DataTypes.STRING }), { as: 'coach', sourceKey: 'code' });
    await t.db.sync({ force: true });
  });

  it('the key takes the type of the column it points at, and the constraint references it', async () => {
    assert.equal(Player.definition.byName.teamCode!.type.toSql(), 'VARCHAR(8)');
    assert.equal(t.db.models.PlayerBadges.definition.byName.BadgeLabel!.type.toSql(), 'VARCHAR(255)');
    assert.equal(t.db.models.Coach.definition.byName.TeamId!.type.toSql(), 'VARCHAR(8)');
    assert.deepEqual((await constraints(t.db, 'Players')).filter((c) => c.startsWith('FOREIGN')), ['FOREIGN KEY(Players_teamCode_fkey: teamCode) → "Teams" ON DELETE n ON UPDATE c']);
  });

  it('accessors and include follow the keys; ON UPDATE CASCADE follows a renamed key', async () => {
    const reds: any = await Team.create({ code: 'RED', name: 'Reds' });
    const ann: any = await reds.createPlayer({ name: 'ann' });
    assert.equal(ann.teamCode, 'RED');
    assert.equal((await ann.getTeam()).name, 'Reds');
    const gold: any = await Badge.create({ label: 'gold' });
    await ann.addBadge(gold);
    assert.deepEqual((await ann.getBadges()).map((b: any) => b.label), ['gold']);
    const teams: any[] = await Team.findAll({ include: [{ model: Player, as: 'players', include: ['badges'] }] });
    assert.deepEqual(teams.map((x) => [x.code, x.players.map((p: any) => [p.name, p.badges.map((b: any) => b.label)])]), [['RED', [['ann', ['gold']]]]]);
    const players: any[] = await Player.findAll({ include: ['team'] });
    assert.equal(players[0].team.code, 'RED');
    await reds.update({ code: 'ROUGE' });
    assert.equal((await Player.findByPk(ann.id))!.teamCode, 'ROUGE');
  });
});
