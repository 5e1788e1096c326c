// Models declared with standard (TC39) decorators — this file is compiled without
// experimentalDecorators — registered, synced and used on both drivers, and the errors a
// standard-decorator user can run into.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AllowNull, AutoIncrement, Column, CreatedAt, DataTypes, Database, Default, DefinitionError, FreezeTableName, Index, Model, PrimaryKey, Table, Timestamps, Unique,
} from '../../../src/index';
import { forEachDriver } from '../../support/harness';

describe('standard decorators: compiled without experimentalDecorators', () => {
  it('this file really is compiled with standard decorators (no design:type)', () => {
    class Probe extends Model {
      @Column(DataTypes.STRING) name!: string;
    }
    assert.equal(Reflect.getMetadata?.('design:type', Probe.prototype, 'name'), undefined);
    assert.equal(typeof (Probe as unknown as Record<symbol, unknown>)[(Symbol as unknown as { metadata: symbol }).metadata], 'object', 'the class has a decorator metadata object');
  });

  it('a field without a DataType or an initializer is a registration error naming the class and the property', () => {
    class Untyped extends Model {
      @Column title!: string;
    }
    const db = new Database('pglite://memory');
    assert.throws(() => db.addModels([Untyped]), (err: Error) => {
      assert.ok(err instanceof DefinitionError);
      assert.match(err.message, /attribute "title" of class Untyped is declared with a standard \(TC39\) decorator/);
      assert.match(err.message, /@Column\(DataTypes\.STRING\) title!: string/);
      return true;
    });
  });

  it('a non-integer or object initializer is not guessed at', () => {
    class Ratio extends Model {
      @Column ratio = 0.5;
    }
    assert.throws(() => new Database('pglite://memory').addModels([Ratio]), /attribute "ratio" of class Ratio .* non-integer 0\.5/);
  });

  it('on a method or a static field it is a clear error at class definition, not a TypeError', () => {
    const defineOnMethod = () => {
      class OnMethod extends Model {
        // @ts-expect-error a method is not an attribute (the types refuse it too)
        @Column greet(): string {
          return 'hi';
        }
      }
      return OnMethod;
    };
    assert.throws(defineOnMethod, (err: Error) => err instanceof DefinitionError && /@Column decorates a class field .* not a method \(greet\)/.test(err.message));
    const defineOnStatic = () => {
      class OnStatic extends Model {
        @Column(DataTypes.STRING) static label: string;
      }
      return OnStatic;
    };
    assert.throws(defineOnStatic, /@Column cannot decorate the static field label/);
  });
});

forEachDriver('standard decorators: models work end to end', (t) => {
  @Table({ tableName: 'std_people' })
  @Timestamps({ updatedAt: false })
  class Person extends Model {
    @PrimaryKey @AutoIncrement @Column(DataTypes.INTEGER) id!: number;
    @AllowNull(false) @Unique @Column(DataTypes.STRING(80)) email!: string;
    @Index @Column(DataTypes.TEXT) name!: string;
    @Column age = 18;
    @Default(true) @Column(DataTypes.BOOLEAN) active!: boolean;
    @Column nickname = '';
    @Column(DataTypes.JSONB) meta!: Record<string, unknown> | null;
    @CreatedAt joined!: Date;
  }

  /** No @Table: the field decorators' metadata alone registers it. */
  @FreezeTableName
  class Tag extends Model {
    @Column(DataTypes.STRING) label!: string;
  }

  class Admin extends Person {
    @Column level = 1;
  }

  it('registers, syncs and infers column types from DataTypes and initializers', async () => {
    t.db.addModels([Person, Tag]);
    await Person.sync({ force: true });
    await Tag.sync({ force: true });
    const cols = await t.db.query<{ column_name: string; data_type: string; is_nullable: string }>(
      `SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'std_people' ORDER BY ordinal_position`);
    assert.deepEqual(cols.map((c) => `${c.column_name} ${c.data_type} ${c.is_nullable}`), [
      'id integer NO', 'email character varying NO', 'name text YES', 'age integer YES', 'active boolean YES', 'nickname character varying YES', 'meta jsonb YES',
      'joined timestamp with time zone NO',
    ]);
    const unique = await t.db.query(`SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'std_people' AND indexdef LIKE 'CREATE UNIQUE INDEX%(email)'`);
    assert.equal(unique.length, 1, 'the @Unique constraint exists');
    const index = await t.db.query(`SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'std_people' AND indexdef LIKE 'CREATE INDEX%(name)'`);
    assert.equal(index.length, 1, 'the @Index exists');
    assert.equal(Tag.tableName, 'Tag');
  });

  it('create, find, save and increment: initializers act as defaults, values round-trip', async () => {
    const ada = await Person.create({ email: 'ada@example.com', name: 'Ada', meta: { lang: 'en' } });
    assert.equal(typeof ada.id, 'number');
    assert.equal(ada.age, 18);
    assert.equal(ada.active, true);
    assert.equal(ada.nickname, '');
    assert.ok(ada.joined instanceof Date);
    ada.name = 'Augusta Ada';
    await ada.save();
    await ada.increment('age', { by: 2 });
    const found = await Person.findByPk(ada.id);
    assert.ok(found instanceof Person);
    assert.deepEqual([found.name, found.age, found.meta], ['Augusta Ada', 20, { lang: 'en' }]);
    assert.equal(found.changed(), false);
    await assert.rejects(Person.create({ name: 'no email' } as never), /email/);
  });

  it('a subclass inherits the attributes its parent declared', async () => {
    t.db.addModels([Admin]);
    assert.deepEqual(Admin.build({ email: 'x' }).get({ plain: true }), { email: 'x', age: 18, active: true, nickname: '', level: 1 });
  });
});
