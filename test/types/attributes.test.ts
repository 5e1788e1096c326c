// Compile-time tests of the types users see. `npm run build:test` fails when a line marked
// as an expected error compiles, or when an unmarked line does not; the runtime part only
// checks that the file ran.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { Column, DataTypes, Database, Default, Model, Table } from '../../src/index';
import type { Attributes, CreationAttributes } from '../../src/index';

@Table
class Person extends Model {
  declare id: number;
  @Column declare name: string;
  @Default(0) @Column declare age: number;
  @Column(DataTypes.JSONB) declare tags: string[] | null;
  @Column born!: Date;
  @Column nickname: string = '';
  get shout(): string {
    return this.name.toUpperCase();
  }
  greet(): string {
    return `hi ${this.name}`;
  }
}

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
function expectType<T extends true>(_proof?: T): void {}

// Attributes<Person>: the data properties only, no methods, no Model API; plus the managed
// timestamps the runtime adds (Person does not declare them).
expectType<Equal<keyof Attributes<Person>, 'id' | 'name' | 'age' | 'tags' | 'born' | 'nickname' | 'shout' | 'createdAt' | 'updatedAt'>>();
expectType<Equal<Attributes<Person>['tags'], string[] | null>>();
// CreationAttributes: every attribute optional (defaults, auto-increment, timestamps fill them; NOT NULL is checked at save).
expectType<Equal<CreationAttributes<Person>['age'], number | null | undefined>>();
expectType<Equal<keyof CreationAttributes<Person>, 'id' | 'name' | 'age' | 'tags' | 'born' | 'nickname' | 'createdAt' | 'updatedAt'>>();

function compileOnly(): void {
  Person.build({ name: 'Ada', age: 36, tags: ['a'], born: new Date(), nickname: 'A' });
  Person.build({});
  void Person.create({ name: 'Ada' });
  // @ts-expect-error an unknown key
  Person.build({ nmae: 'Ada' });
  // @ts-expect-error an unknown key in create
  void Person.create({ name: 'Ada', extra: 1 });
  // @ts-expect-error a wrong type
  Person.build({ age: '36' });
  // @ts-expect-error a wrong type for a Date
  Person.build({ born: 'yesterday' });
  // @ts-expect-error methods are not attributes
  Person.build({ greet: () => 'x' });
  // @ts-expect-error the Model API is not an attribute
  Person.build({ isNewRecord: true });
  // @ts-expect-error a getter-only property cannot be given
  Person.build({ shout: 'X' });

  const p: Person = Person.build({ name: 'Ada' });
  const n: string = p.get('name');
  const a: number = p.get('age');
  // @ts-expect-error get of an unknown attribute
  p.get('nope');
  p.set('age', 1);
  // @ts-expect-error set with the wrong type
  p.set('age', 'one');
  p.set({ name: 'Grace' });
  const changed: false | ('id' | 'name' | 'age' | 'tags' | 'born' | 'nickname' | 'shout' | 'createdAt' | 'updatedAt')[] = p.changed();
  void p.increment('age');
  // @ts-expect-error increment of an unknown attribute
  void p.increment('agee');
  void [n, a, changed];

  // Every model class is still a Model and a typeof Model.
  const asModel: Model = p;
  const asClass: typeof Model = Person;
  void [asModel, asClass];

  // A model from define() takes any attribute (no class to read them from).
  const db = new Database('pglite://memory');
  const Defined = db.define('Defined', { title: DataTypes.STRING });
  const d = Defined.build({ title: 'x' });
  const title: unknown = d.title;
  void title;

  // DataTypes keep their concrete classes.
  void DataTypes.STRING(20).BINARY;
  // @ts-expect-error STRING takes a length, not a string
  DataTypes.STRING('20');
}

it('the type tests compiled', () => {
  assert.equal(typeof compileOnly, 'function');
});
