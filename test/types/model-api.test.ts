// Compile-time tests of the Model API's signatures: increment takes numeric attributes
// only, update/increment resolve to [count] or [count, rows] by `returning`, raw finders
// give plain objects, Model.sequelize is the Database, logging gets (sql, ms: number).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { Column, DataTypes, Database, Model, Table } from '../../src/index';
import type { Attributes, NumericString, WithImplicit } from '../../src/index';

@Table
class Account extends Model {
  declare id: number;
  @Column declare firstName: string;
  @Column declare logins: number;
  @Column declare score: number | null;
  @Column(DataTypes.DECIMAL(10, 2)) declare balance: NumericString;
  @Column(DataTypes.BIGINT) declare views: bigint;
  @Column declare active: boolean;
}

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
function expectType<T extends true>(_proof?: T): void {}

async function compileOnly(): Promise<void> {
  const a = Account.build({ firstName: 'Ada' });

  // increment/decrement: numeric attributes only (number, bigint, NumericString).
  await a.increment('logins');
  await a.increment(['logins', 'score'], { by: 2 });
  await a.increment({ balance: '1.50', views: 1n });
  await a.decrement('score');
  await Account.increment('logins', { where: { id: 1 } });
  // @ts-expect-error a string attribute cannot be incremented
  await a.increment('firstName');
  // @ts-expect-error nor in a list
  await a.increment(['logins', 'firstName']);
  // @ts-expect-error nor in an object
  await a.decrement({ firstName: 1 });
  // @ts-expect-error nor a boolean
  await a.increment('active');
  // @ts-expect-error nor statically
  await Account.increment('firstName', { where: { id: 1 } });
  // @ts-expect-error nor an unknown attribute
  await Account.decrement('nope', { where: { id: 1 } });

  // update / increment: [count] without returning, [count, rows] with it.
  const updated = await Account.update({ firstName: 'B' }, { where: { id: 1 } });
  expectType<Equal<typeof updated, [number]>>();
  const returned = await Account.update({ firstName: 'B' }, { where: { id: 1 }, returning: true });
  expectType<Equal<typeof returned, [number, WithImplicit<Account>[]]>>();
  const [, rows] = await Account.update({ firstName: 'B' }, { where: { id: 1 }, returning: true });
  const first: Account = rows[0];
  const incremented = await Account.increment('logins', { where: { id: 1 } });
  expectType<Equal<typeof incremented, [number]>>();
  const incReturned = await Account.decrement({ logins: 2 }, { where: { id: 1 }, returning: true });
  expectType<Equal<typeof incReturned, [number, WithImplicit<Account>[]]>>();
  const [count] = await Account.update({ firstName: 'B' }, { where: { id: 1 } });
  // @ts-expect-error no rows without returning: true
  const [, none] = await Account.update({ firstName: 'B' }, { where: { id: 1 } });
  void [first, count, none];

  // raw: true gives plain attribute objects, not instances.
  const plain = await Account.findAll({ raw: true });
  expectType<Equal<typeof plain, Attributes<Account>[]>>();
  const instances = await Account.findAll({ where: { logins: 1 } });
  expectType<Equal<typeof instances, WithImplicit<Account>[]>>();
  const one = await Account.findOne({ raw: true });
  expectType<Equal<typeof one, Attributes<Account> | null>>();
  const byPk = await Account.findByPk(1, { raw: true });
  expectType<Equal<typeof byPk, Attributes<Account> | null>>();
  const inst = await Account.findByPk(1);
  expectType<Equal<typeof inst, WithImplicit<Account> | null>>();
  // @ts-expect-error a raw row has no instance methods
  void plain[0].save();

  // Model.sequelize is the Database.
  const db: Database = Account.sequelize;
  await Account.sequelize.query('SELECT 1');

  // logging takes (sql, ms: number) as well as (sql) alone.
  new Database('pglite://memory', { logging: (sql: string, ms: number) => console.log(sql, ms.toFixed(1)) });
  new Database('pglite://memory', { logging: (sql: string) => void sql });
  new Database('pglite://memory', { logging: console.log });
  await Account.sync({ logging: (sql: string, ms: number) => void [sql, ms] });
  // @ts-expect-error ms is a number, never a string
  new Database('pglite://memory', { logging: (sql: string, ms: string) => void [sql, ms] });
  void db;
}

it('the Model API type tests compiled', () => {
  assert.equal(typeof compileOnly, 'function');
});
