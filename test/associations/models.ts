// The blog models the include tests share: users, profiles, posts, comments, tags through PostTag.
import { DataTypes } from '../../src/index';
import type { Database, DefinedModel } from '../../src/index';

export interface Blog { User: DefinedModel; Profile: DefinedModel; Post: DefinedModel; Comment: DefinedModel; Tag: DefinedModel; PostTag: DefinedModel }

export function defineBlog(db: Database): Blog {
  const User = db.define('User', { name: DataTypes.STRING });
  const Profile = db.define('Profile', { bio: DataTypes.TEXT });
  const Post = db.define('Post', { title: DataTypes.STRING, draft: { type: DataTypes.BOOLEAN, defaultValue: false } });
  const Comment = db.define('Comment', { body: DataTypes.TEXT });
  const Tag = db.define('Tag', { name: DataTypes.STRING });
  const PostTag = db.define('PostTag', { addedBy: DataTypes.STRING }, { timestamps: false });
  User.hasMany(Post, { as: 'posts', foreignKey: 'authorId', onDelete: 'CASCADE' });
  Post.belongsTo(User, { as: 'author', foreignKey: 'authorId' });
  User.hasOne(Profile, { as: 'profile', foreignKey: 'userId' });
  Profile.belongsTo(User, { as: 'user', foreignKey: 'userId' });
  Post.hasMany(Comment, { as: 'comments', foreignKey: 'postId' });
  Comment.belongsTo(User, { as: 'writer', foreignKey: 'writerId' });
  Post.belongsToMany(Tag, { through: PostTag, as: 'tags', foreignKey: 'postId', otherKey: 'tagId' });
  Tag.belongsToMany(Post, { through: PostTag, as: 'posts', foreignKey: 'tagId', otherKey: 'postId' });
  return { User, Profile, Post, Comment, Tag, PostTag };
}

/**
 * ada: posts a1 (tags red, green; comments by bob, cy), a2 (draft, no tags), profile 'math'
 * bob: post b1 (tag red, comment by ada); no profile
 * cy: no posts, profile 'poetry'
 */
export async function seedBlog(m: Blog): Promise<void> {
  const [ada, bob, cy] = await m.User.bulkCreate([{ name: 'ada' }, { name: 'bob' }, { name: 'cy' }]);
  await m.Profile.bulkCreate([{ bio: 'math', userId: ada.id }, { bio: 'poetry', userId: cy.id }]);
  const [a1, a2, b1] = await m.Post.bulkCreate([{ title: 'a1', authorId: ada.id }, { title: 'a2', authorId: ada.id, draft: true }, { title: 'b1', authorId: bob.id }]);
  await m.Comment.bulkCreate([{ body: 'nice', postId: a1.id, writerId: bob.id }, { body: 'meh', postId: a1.id, writerId: cy.id }, { body: 'ok', postId: b1.id, writerId: ada.id }]);
  const [red, green] = await m.Tag.bulkCreate([{ name: 'red' }, { name: 'green' }, { name: 'blue' }]);
  await m.PostTag.bulkCreate([{ postId: a1.id, tagId: red.id, addedBy: 'ada' }, { postId: a1.id, tagId: green.id, addedBy: 'bob' }, { postId: b1.id, tagId: red.id, addedBy: 'bob' }]);
  void a2;
}
