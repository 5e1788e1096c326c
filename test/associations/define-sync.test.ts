// Association definitions: foreign-key attributes, sync (constraints, indexes, junctions, cycles), decorators.
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { BelongsTo, BelongsToMany, Column, DataTypes, DefinitionError, ForeignKey, HasMany, HasOne, Model, Table } from '../../src/index';
import type { CreationAttributes, DefinedModel, NonAttribute } from '../../src/index';
import { forEachDriver } from '../support/harness';
import { columns, constraints, indexes } from '../schema/support/catalog';

forEachDriver('associations: definitions and sync', (t) => {
  let User: DefinedModel, Post: DefinedModel, Profile: DefinedModel, Tag: DefinedModel;
  before(async () => {
    User = t.db.define('User', { name: DataTypes.STRING });
    Post = t.db.define('Post', { title: DataTypes.STRING });
    Profile = t.db.define('Profile', { bio: DataTypes.TEXT });
    Tag = t.db.define('Tag', { name: DataTypes.STRING });
    User.hasMany(Post, { as: 'posts', foreignKey: 'authorId', onDelete: 'CASCADE' });
    Post.belongsTo(User, { as: 'author', foreignKey: 'authorId' });
    User.hasOne(Profile);
    Post.belongsToMany(Tag, { through: 'PostTags' });
    Tag.belongsToMany(Post, { through: 'PostTags' });
    await t.db.sync({ force: true });
  });

  it('adds the foreign key as a real, typed attribute of the model that holds it', () => {
    const a = Post.definition.byName.authorId!;
    assert.equal(a.type.key, 'INTEGER');
    assert.equal(a.allowNull, true);
    assert.equal(Profile.definition.byName.UserId!.type.key, 'INTEGER');
    assert.deepEqual(Object.keys(User.associations), ['posts', 'Profile']);
    assert.deepEqual(Object.keys(Post.associations), ['author', 'Tags']);
    const p = Post.build({ title: 'x', authorId: 3 });
    assert.equal(p.authorId, 3);
  });

  it('sync creates the constraints with their actions, an index per key, and the junction', async () => {
    assert.deepEqual((await constraints(t.db, 'Posts')).filter((c) => c.startsWith('FOREIGN')), ['FOREIGN KEY(Posts_authorId_fkey: authorId) → "Users" ON DELETE c ON UPDATE c']);
    assert.deepEqual((await constraints(t.db, 'Profiles')).filter((c) => c.startsWith('FOREIGN')), ['FOREIGN KEY(Profiles_UserId_fkey: UserId) → "Users" ON DELETE n ON UPDATE c']);
    assert.match(Object.values(await indexes(t.db, 'Posts')).join('\n'), /INDEX "Posts_authorId_idx" ON .*\("authorId"\)/);
    assert.deepEqual(await constraints(t.db, 'PostTags'), [
      'FOREIGN KEY(PostTags_PostId_fkey: PostId) → "Posts" ON DELETE c ON UPDATE c',
      'FOREIGN KEY(PostTags_TagId_fkey: TagId) → "Tags" ON DELETE c ON UPDATE c',
      'PRIMARY KEY(PostTags_pkey: PostId,TagId)',
    ]);
    // The primary key leads with PostId, so only TagId gets its own index.
    assert.deepEqual(Object.keys(await indexes(t.db, 'PostTags')), ['PostTags_TagId_idx']);
    const cols = await columns(t.db, 'PostTags');
    assert.deepEqual(Object.keys(cols).sort(), ['PostId', 'TagId', 'createdAt', 'updatedAt']);
    assert.equal(cols.PostId.nullable, false);
  });

  it('a second sync finds nothing to change', async () => {
    assert.deepEqual(await t.db.sync({ alter: true, dryRun: true }), []);
  });

  it('ON DELETE CASCADE works in the database', async () => {
    const u = await User.create({ name: 'gone' });
    await Post.create({ title: 'p', authorId: u.id });
    await u.destroy();
    assert.equal(await Post.count({ where: { authorId: u.id } }), 0);
  });

  it('a cycle of references syncs: constraints are added once both tables exist', async () => {
    const A = t.db.define('CycA', { n: DataTypes.INTEGER }, { freezeTableName: true });
    const B = t.db.define('CycB', { n: DataTypes.INTEGER }, { freezeTableName: true });
    A.belongsTo(B, { as: 'b', foreignKey: 'bId' });
    B.belongsTo(A, { as: 'a', foreignKey: 'aId' });
    await t.db.sync();
    assert.deepEqual((await constraints(t.db, 'CycA')).filter((c) => c.startsWith('FOREIGN')), ['FOREIGN KEY(CycA_bId_fkey: bId) → "CycB" ON DELETE n ON UPDATE c']);
    assert.deepEqual((await constraints(t.db, 'CycB')).filter((c) => c.startsWith('FOREIGN')), ['FOREIGN KEY(CycB_aId_fkey: aId) → "CycA" ON DELETE n ON UPDATE c']);
    const a = await A.create({ n: 1 });
    const b = await B.create({ n: 2, aId: a.id });
    await a.update({ bId: b.id });
    assert.equal((await A.findByPk(a.id))!.bId, b.id);
  });

  it('db.drop() drops a cycle of references (the constraint that closes it first)', async () => {
    const db = t.connect();
    try {
      const X = db.define('CycX', { n: DataTypes.INTEGER }, { freezeTableName: true });
      const Y = db.define('CycY', { n: DataTypes.INTEGER }, { freezeTableName: true });
      X.belongsTo(Y, { as: 'y' });
      Y.belongsTo(X, { as: 'x' });
      await db.sync();
      const dropped = await db.drop();
      assert.match(dropped[0], /^ALTER TABLE IF EXISTS "CycY" DROP CONSTRAINT IF EXISTS "CycY_xId_fkey"$/);
      assert.deepEqual(await db.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name IN ('CycX', 'CycY')`), [{ n: 0 }]);
    } finally {
      await db.close();
    }
  });

  it('constraints: false adds the attribute and index but no FOREIGN KEY; foreignKey { allowNull: false } is NOT NULL', async () => {
    const C = t.db.define('Comment', { body: DataTypes.TEXT });
    C.belongsTo(Post, { constraints: false });
    C.belongsTo(User, { as: 'writer', foreignKey: { name: 'writerId', allowNull: false } });
    await C.sync({ force: true });
    assert.equal(C.definition.byName.PostId!.type.key, 'INTEGER');
    const fks = (await constraints(t.db, 'Comments')).filter((c) => c.startsWith('FOREIGN'));
    assert.deepEqual(fks, ['FOREIGN KEY(Comments_writerId_fkey: writerId) → "Users" ON DELETE c ON UPDATE c']);
    assert.equal((await columns(t.db, 'Comments')).writerId.nullable, false);
    assert.match(Object.keys(await indexes(t.db, 'Comments')).join(','), /Comments_PostId_idx/);
  });

  it('refuses unknown options, bad aliases and missing through', () => {
    assert.throws(() => User.hasMany(Post, { as: 'x', foreignKy: 'a' } as never), (e: Error) => e instanceof DefinitionError && /unknown option "foreignKy"/.test(e.message));
    assert.throws(() => User.hasMany(Post, { as: 'name' }), /also an attribute/);
    assert.throws(() => User.hasMany(Post, { as: 'posts' }), /already has an association named "posts"/);
    assert.throws(() => Post.belongsToMany(Tag, {} as never), /needs through/);
    assert.throws(() => User.hasMany(Post, { as: 'more', onDelete: 'EXPLODE' as never }).source, DefinitionError);
  });
});

forEachDriver('associations: decorators', (t) => {
  // Post is declared before User and Profile: the decorators never read them early.
  @Table class DPost extends Model {
    @Column declare title: string;
    @ForeignKey(() => DUser) @Column declare authorId: number;
    @BelongsTo(() => DUser, 'authorId') declare author?: NonAttribute<DUser>;
    @BelongsToMany(() => DTag, () => DPostTag) declare tags?: NonAttribute<DTag[]>;
  }
  @Table class DUser extends Model {
    declare id: number;
    @Column declare name: string;
    @HasMany(() => DPost, 'authorId') declare posts?: NonAttribute<DPost[]>;
    @HasOne(() => DProfile) declare profile?: NonAttribute<DProfile>;
  }
  @Table class DProfile extends Model {
    @Column declare bio: string;
    @ForeignKey(() => DUser) @Column declare ownerId: number;
  }
  @Table class DTag extends Model {
    @Column declare name: string;
    // A junction defined by name registers a model while decorators resolve; the ones after it are defined once.
    @BelongsToMany(() => DUser, { through: 'DTagFans', timestamps: false }) declare fans?: NonAttribute<DUser[]>;
    @HasMany(() => DPost, { foreignKey: 'featuredTagId', constraints: false }) declare featured?: NonAttribute<DPost[]>;
  }
  @Table class DPostTag extends Model {
    @ForeignKey(() => DPost) @Column declare postId: number;
    @ForeignKey(() => DTag) @Column declare tagId: number;
    @Column declare addedBy: string;
  }

  before(async () => {
    t.db.addModels([DPost, DUser, DProfile, DTag, DPostTag]);
    await t.db.sync({ force: true });
  });

  it('defines the associations once every model is registered, using @ForeignKey; the junction\'s auto id gives way to the pair', async () => {
    assert.deepEqual(Object.keys(DPost.associations), ['author', 'tags']);
    assert.deepEqual(Object.keys(DTag.associations), ['fans', 'featured']);
    assert.deepEqual(Object.keys(t.db.models.DTagFans.definition.byName), ['DTagId', 'DUserId']);
    assert.equal(DPost.associations.tags.foreignKey, 'postId');
    assert.equal(DPost.associations.tags.otherKey, 'tagId');
    assert.equal(DUser.associations.profile.foreignKey, 'ownerId');
    assert.deepEqual((await constraints(t.db, 'DPostTags')).filter((c) => !c.startsWith('FOREIGN')), ['PRIMARY KEY(DPostTags_pkey: postId,tagId)']);
    assert.deepEqual((await constraints(t.db, 'DProfiles')).filter((c) => c.startsWith('FOREIGN')), ['FOREIGN KEY(DProfiles_ownerId_fkey: ownerId) → "DUsers" ON DELETE n ON UPDATE c']);
  });

  it('NonAttribute properties are not attributes in the types', () => {
    const values: CreationAttributes<DPost> = { title: 'x', authorId: 1 };
    // @ts-expect-error author is an association, not an attribute
    const wrong: CreationAttributes<DPost> = { title: 'x', author: undefined };
    assert.ok(values && wrong);
    assert.throws(() => DPost.build({ author: null } as never), /has no attribute "author"/);
  });

  it('the accessors work on decorated models', async () => {
    const u = await DUser.create({ name: 'ada' });
    const p = await (u as any).createPost({ title: 'hello' });
    assert.equal(p.authorId, u.id);
    const author = await (p as any).getAuthor();
    assert.ok(author instanceof DUser);
    assert.equal(author.name, 'ada');
  });
});
