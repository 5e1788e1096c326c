/**
 * Every section of the seed notes (Sequelize's "model basics" and "model instances"), in
 * order, with only the import changed to inscribe (and the destructive calls given a
 * `match`). Runs on embedded PGlite (or, when DATABASE_URL is set, on the server in a schema
 * of its own that it drops at the end: see sandbox.ts) and prints what each step did.
 *
 *   npm run build && tsc -p examples/tsconfig.json && node build/examples/seed-walkthrough.js
 */
import { DataTypes, Model, Sequelize } from 'inscribe';
import { openSandbox } from './sandbox';
import type { Sandbox } from './sandbox';

const step = (title: string) => console.log(`\n== ${title}`);
const url = process.env.DATABASE_URL ?? 'pglite://memory';

async function main(): Promise<void> {
  const sandbox = await openSandbox(url);
  try {
    await walk(sandbox);
  } finally {
    await sandbox.close();
  }
}

async function walk(sandbox: Sandbox): Promise<void> {
  const { match } = sandbox;
  step('connection');
  // The seed's form: no server named 'database' with user 'user' exists here, so it is
  // constructed (options checked, no connection yet) and closed.
  const remote = new Sequelize('database', 'user', 'pass', { host: 'localhost', dialect: 'postgres', port: 5432 });
  console.log('constructed', remote);
  await remote.close();
  // define: { schema } puts every model in the sandbox schema on a server (nothing on PGlite).
  const sequelize = new Sequelize(url, { define: sandbox.define });
  await sequelize.authenticate();
  console.log(`authenticated against ${url.startsWith('pglite') ? 'embedded PGlite' : 'the server'}`);

  step('model definition: sequelize.define');
  const User = sequelize.define('User', {
    firstName: { type: DataTypes.STRING, allowNull: false },
    age: { type: DataTypes.INTEGER /* allowNull defaults to true */ },
  }, {});
  console.log('sequelize.models.User === User:', sequelize.models.User === User);

  step('model definition: extending Model and calling init');
  class Member extends Model {}
  Member.init({
    firstName: { type: DataTypes.STRING, allowNull: false },
    age: { type: DataTypes.INTEGER },
  }, { sequelize, modelName: 'Member' });
  console.log('sequelize.models.Member === Member:', sequelize.models.Member === Member);

  step('table name inference');
  console.log(`User → ${User.tableName}, Member → ${Member.tableName}`);

  step('freezeTableName, per model and for every model');
  const Frozen = sequelize.define('Frozen', {}, { freezeTableName: true });
  console.log(`per model: Frozen → ${Frozen.tableName}`);
  const global = new Sequelize(url.startsWith('pglite') ? 'pglite://memory' : url, { define: { freezeTableName: true } });
  const Person = global.define('Person', {});
  console.log(`through define: Person → ${Person.tableName}`);
  await global.close();

  step('providing the table name directly');
  const Named = sequelize.define('Named', {}, { tableName: 'tableName' });
  console.log(`Named → ${Named.tableName}`);

  step('model sync');
  await User.sync({ force: true, match });
  console.log('User.sync({ force: true }) recreated "Users"');
  await sequelize.sync({ force: true, match });
  console.log(`sequelize.sync({ force: true }) synced ${Object.keys(sequelize.models).join(', ')}`);

  step('dropping tables');
  await User.drop({ match });
  console.log('User.drop() dropped "Users"');
  await sequelize.drop({ match });
  console.log('sequelize.drop() dropped every table');

  step('database safety check');
  try {
    await sequelize.sync({ force: true, match: /_test$/ });
  } catch (err) {
    console.log(`refused: ${(err as Error).message}`);
  }

  step('timestamps');
  const NoStamps = sequelize.define('NoStamps', { v: DataTypes.STRING }, { timestamps: false });
  class Foo extends Model {}
  Foo.init({ v: DataTypes.STRING }, { sequelize, timestamps: true, createdAt: false, updatedAt: 'updatedTimeStamp' });
  await NoStamps.sync({ force: true, match });
  await Foo.sync({ force: true, match });
  console.log('timestamps: false →', Object.keys((await NoStamps.create({ v: 'a' })).get({ plain: true })));
  console.log("createdAt: false, updatedAt: 'updatedTimeStamp' →", Object.keys((await Foo.create({ v: 'b' })).get({ plain: true })));

  step('default values');
  const Defaulted = sequelize.define('Defaulted', { name: { type: DataTypes.STRING, defaultValue: 'john Doe' } });
  await Defaulted.sync({ force: true, match });
  console.log('name defaults to:', (await Defaulted.create({})).name);

  step('data types');
  const types = {
    STRING: DataTypes.STRING, 'STRING(1234)': DataTypes.STRING(1234), 'STRING.BINARY': DataTypes.STRING.BINARY, TEXT: DataTypes.TEXT,
    "TEXT('tiny')": DataTypes.TEXT('tiny'), INTEGER: DataTypes.INTEGER, BIGINT: DataTypes.BIGINT, 'BIGINT(11)': DataTypes.BIGINT(11),
    FLOAT: DataTypes.FLOAT, 'FLOAT(11)': DataTypes.FLOAT(11), 'FLOAT(11, 10)': DataTypes.FLOAT(11, 10), DOUBLE: DataTypes.DOUBLE,
    'DOUBLE(11)': DataTypes.DOUBLE(11), 'DOUBLE(11, 10)': DataTypes.DOUBLE(11, 10),
  };
  for (const [name, type] of Object.entries(types)) {
    const t = typeof type === 'function' ? type() : type;
    console.log(`${name.padEnd(15)} → ${t.toSql()}${t.warnings.length ? `   (${t.warnings.join('; ')})` : ''}`);
  }

  step('UUIDs');
  const Token = sequelize.define('Token', { id: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4, primaryKey: true } });
  await Token.sync({ force: true, match });
  console.log('generated id:', (await Token.create({})).id);

  step('taking advantage of models being classes');
  class Author extends Model {
    // `declare` tells TypeScript about the attributes without creating class fields.
    declare firstName: string;
    declare lastName: string;
    getFullName() {
      return [this.firstName, this.lastName].join(' ');
    }
  }
  Author.init({
    firstName: { type: Sequelize.TEXT, defaultValue: 'john' },
    lastName: { type: Sequelize.TEXT },
  }, { sequelize });
  await Author.sync({ force: true, match });
  const author = Author.build({ lastName: 'Smith' });
  console.log('getFullName():', author.getFullName());

  step('creating a model instance with build');
  const Jane = sequelize.define('Jane', { name: DataTypes.STRING, favoriteColor: DataTypes.STRING, age: { type: DataTypes.INTEGER, defaultValue: 0 }, cash: { type: DataTypes.INTEGER, defaultValue: 0 } }, { modelName: 'Jane', tableName: 'people' });
  await Jane.sync({ force: true, match });
  const built = Jane.build({ name: 'jane' });
  console.log('jane instanceof Jane:', built instanceof Jane, '| isNewRecord:', built.isNewRecord);

  step('the create method');
  const jane = await Jane.create({ name: 'jane' });
  console.log('jane is in the database now, id', jane.id);

  step('updating an instance');
  jane.name = 'Aida';
  await jane.save();
  console.log('after save:', jane.name);
  jane.set({ name: 'ada', favoriteColor: 'blue' });
  await jane.save();
  console.log('after set + save:', jane.get({ plain: true }));
  await jane.update({ favoriteColor: 'green' });
  console.log('after update:', jane.favoriteColor);

  step('incrementing and decrementing integer values');
  await jane.increment({ age: 2, cash: 100 });
  console.log(`age ${jane.age}, cash ${jane.cash}`);
  await jane.decrement('cash', { by: 30 });
  console.log(`after decrement: cash ${jane.cash}`);

  step('closing the connection');
  await sequelize.close();
  console.log('closed');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
