// Compile-time tests of `where`: every operator key and operand is checked against the
// attribute's type. `npm run build:test` fails when a line marked as an expected error
// compiles (TS2578, unused @ts-expect-error), or when an unmarked line does not.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { Column, DataTypes, Model, Op, Table } from '../../src/index';
import type { WhereOptions, WhereOperators } from '../../src/index';

@Table
class Member extends Model {
  declare id: number;
  @Column declare name: string;
  @Column declare age: number;
  @Column declare active: boolean;
  @Column declare nick: string | null;
  @Column declare born: Date;
  @Column(DataTypes.ARRAY(DataTypes.TEXT)) declare tags: string[];
}

function compileOnly(): void {
  // Values and operands of the attribute's own type.
  void Member.findAll({ where: { name: 'Ada', age: 36 } });
  void Member.findAll({ where: { age: { [Op.gt]: 18, [Op.lte]: 65 } } });
  void Member.findAll({ where: { age: { [Op.in]: [1, 2, 3] }, name: { [Op.notIn]: ['x'] } } });
  void Member.findAll({ where: { age: { [Op.between]: [1, 9] }, born: { [Op.lt]: new Date() } } });
  void Member.findAll({ where: { name: { [Op.iLike]: 'a%' }, nick: { [Op.like]: '%x' } } });
  void Member.findAll({ where: { nick: null, active: { [Op.is]: true } } });
  void Member.findAll({ where: { nick: { [Op.is]: null }, age: { [Op.not]: null } } });
  void Member.findAll({ where: { age: { [Op.not]: { [Op.in]: [1, 2] } } } });
  void Member.findAll({ where: { age: { [Op.or]: [{ [Op.lt]: 5 }, { [Op.gt]: 65 }, 30, null] } } });
  void Member.findAll({ where: { [Op.or]: [{ name: 'Ada' }, { age: { [Op.gte]: 18 } }] } });
  void Member.findAll({ where: { [Op.or]: { name: 'Ada', age: 3 } } });
  void Member.findAll({ where: { [Op.and]: [{ name: 'Ada' }], [Op.not]: { age: 3 } } });
  void Member.findAll({ where: { tags: ['a', 'b'] } });
  void Member.findAll({ where: { tags: { [Op.in]: [['a'], ['b']] } } });
  void Member.findAll({ where: {} });
  void Member.count({ where: { age: { [Op.ne]: null } } });
  void Member.destroy({ where: { age: { [Op.lt]: 3 } } });
  const reusable: WhereOptions<Member> = { age: { [Op.gte]: 18 } };
  const ops: WhereOperators<number> = { [Op.gte]: 18 };
  void [reusable, ops];

  // @ts-expect-error a string for a number attribute
  void Member.findAll({ where: { age: 'abc' } });
  // @ts-expect-error a string operand for a number attribute
  void Member.findAll({ where: { age: { [Op.gt]: 'abc' } } });
  // @ts-expect-error an unknown attribute inside Op.or
  void Member.findAll({ where: { [Op.or]: [{ nope: 1 }] } });
  // @ts-expect-error an empty operator object
  void Member.findAll({ where: { age: {} } });
  // @ts-expect-error an unknown attribute
  void Member.findAll({ where: { nope: 1 } });
  // @ts-expect-error Op.in takes an array
  void Member.findAll({ where: { age: { [Op.in]: 1 } } });
  // @ts-expect-error Op.in elements of the attribute's type
  void Member.findAll({ where: { age: { [Op.in]: ['1'] } } });
  // @ts-expect-error Op.between takes two bounds
  void Member.findAll({ where: { age: { [Op.between]: [1] } } });
  // @ts-expect-error LIKE on a number attribute
  void Member.findAll({ where: { age: { [Op.like]: '1%' } } });
  // @ts-expect-error Op.is true on a non-boolean attribute
  void Member.findAll({ where: { age: { [Op.is]: true } } });
  // @ts-expect-error a Date attribute compared with a number
  void Member.findAll({ where: { born: { [Op.gt]: 5 } } });
  // @ts-expect-error Op.gt null matches nothing
  void Member.findAll({ where: { age: { [Op.gt]: null } } });
  // @ts-expect-error an empty operator object inside Op.not
  void Member.findAll({ where: { age: { [Op.not]: {} } } });
  // @ts-expect-error a wrong operand inside an attribute's Op.or
  void Member.findAll({ where: { age: { [Op.or]: [{ [Op.lt]: 'x' }] } } });
  // @ts-expect-error a wrong value in a top-level Op.and branch
  void Member.findAll({ where: { [Op.and]: [{ age: 'x' }] } });
  // @ts-expect-error a string key is never an operator
  void Member.findAll({ where: { age: { $gt: 1 } } });
  // @ts-expect-error where in update is checked the same way
  void Member.update({ name: 'x' }, { where: { age: 'abc' } });
  // @ts-expect-error where in count is checked the same way
  void Member.count({ where: { age: { [Op.gt]: 'abc' } } });
}

it('the where type tests compiled', () => {
  assert.equal(typeof compileOnly, 'function');
});
