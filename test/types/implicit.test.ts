// Compile-time tests of the implicit attributes: the `id` and the managed timestamps the
// runtime adds are typed without being declared; a declaration of one's own wins, and
// `declare [NoImplicitAttributes]: true` opts a model out. The runtime half checks that
// the typed attributes are really there.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { Column, DataTypes, Database, Model, NoImplicitAttributes, Op, PrimaryKey, Table } from '../../src/index';

@Table
class Plain extends Model {
  @Column declare title: string;
}

@Table
class OwnKey extends Model {
  @PrimaryKey @Column(DataTypes.UUID) declare id: string;
  @Column declare title: string;
}

@Table({ timestamps: false })
class Bare extends Model {
  declare [NoImplicitAttributes]: true;
  @PrimaryKey @Column declare code: string;
}

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
function expectType<T extends true>(_proof?: T): void {}

async function compileOnly(): Promise<void> {
  const p = await Plain.create({ title: 'x' });
  expectType<Equal<typeof p.id, number>>();
  expectType<Equal<typeof p.createdAt, Date>>();
  expectType<Equal<typeof p.updatedAt, Date>>();
  const found = await Plain.findAll({ where: { id: { [Op.in]: [1, 2] }, createdAt: { [Op.lt]: new Date() } }, order: [['createdAt', 'DESC']] });
  const firstId: number = found[0].id;
  const viaGet: number = p.get('id');
  const raw = await Plain.findOne({ raw: true });
  const rawStamp: Date | undefined = raw?.updatedAt;
  Plain.build({ id: 3, title: 'y' });
  // @ts-expect-error the implicit id is a number
  void Plain.findAll({ where: { id: 'one' } });
  // @ts-expect-error timestamps are dates
  void Plain.findAll({ where: { createdAt: 5 } });

  // A declaration of one's own wins: this id is a UUID string.
  const o = await OwnKey.create({ title: 'x' });
  expectType<Equal<typeof o.id, string>>();
  expectType<Equal<typeof o.createdAt, Date>>();
  void OwnKey.findByPk('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11');
  // @ts-expect-error the declared id is a string
  void OwnKey.findAll({ where: { id: 1 } });

  // Opted out: nothing implicit.
  const b = await Bare.create({ code: 'x' });
  // @ts-expect-error no implicit id on an opted-out model
  void b.id;
  // @ts-expect-error no implicit timestamps either
  void Bare.findAll({ where: { createdAt: new Date() } });
  void [firstId, viaGet, rawStamp];
}

it('the implicit attributes are typed where the runtime adds them', async () => {
  assert.equal(typeof compileOnly, 'function');
  const db = new Database('pglite://memory', { models: [Plain, OwnKey, Bare] });
  // No statement: the definitions alone show what the runtime adds.
  assert.deepEqual(Plain.build({ title: 't' }).get({ plain: true }), { title: 't' });
  // Model.definition is internal (left out of the published declarations); tests compile from src.
  const names = (m: typeof Model) => m.definition.attributes.map((a) => a.name);
  assert.deepEqual(names(Plain), ['id', 'title', 'createdAt', 'updatedAt']);
  assert.deepEqual(names(OwnKey), ['id', 'title', 'createdAt', 'updatedAt']);
  assert.deepEqual(names(Bare), ['code']);
  await db.close();
});
