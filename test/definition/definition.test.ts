// Pure definition tests: what registration makes of decorators, define() and init().
// No statement is sent: a Database opens its connection on the first query only.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DatabaseOptions } from '../../src/index';
import {
  AllowNull, AutoIncrement, Column, Comment, CreatedAt, DataTypes, Database, Default, DefinitionError, FreezeTableName,
  Index, Model, PrimaryKey, Table, Timestamps, Unique, UpdatedAt, UsageError,
} from '../../src/index';

function offline(options: DatabaseOptions = {}): Database {
  return new Database('pglite://memory', options);
}

function attr(model: typeof Model, name: string) {
  const a = model.definition.byName[name];
  assert.ok(a, `${model.name} has attribute ${name}`);
  return a;
}

describe('type inference from design:type', () => {
  it('maps String, Number, Boolean, Date, BigInt and Buffer as API.md lists', () => {
    @Table
    class Inferred extends Model {
      @Column declare s: string;
      @Column declare n: number;
      @Column declare b: boolean;
      @Column declare d: Date;
      @Column declare big: bigint;
      @Column declare buf: Buffer;
      @Column declare lit: 'a' | 'b';
    }
    const db = offline({ models: [Inferred] });
    const sql = Object.fromEntries(Inferred.definition.attributes.map((a) => [a.name, [a.type.key, a.type.toSql()]]));
    assert.deepEqual(sql, {
      id: ['INTEGER', 'INTEGER'],
      s: ['STRING', 'VARCHAR(255)'],
      n: ['INTEGER', 'INTEGER'],
      b: ['BOOLEAN', 'BOOLEAN'],
      d: ['DATE', 'TIMESTAMPTZ'],
      big: ['BIGINT', 'BIGINT'],
      buf: ['BLOB', 'BYTEA'],
      lit: ['STRING', 'VARCHAR(255)'],
      createdAt: ['DATE', 'TIMESTAMPTZ'],
      updatedAt: ['DATE', 'TIMESTAMPTZ'],
    });
    assert.equal(db.models.Inferred, Inferred);
  });

  it('an explicit type wins over the inferred one', () => {
    @Table
    class Explicit extends Model {
      @Column(DataTypes.TEXT) declare s: string;
      @Column({ type: DataTypes.BIGINT }) declare n: number;
    }
    offline({ models: [Explicit] });
    assert.equal(attr(Explicit, 's').type.toSql(), 'TEXT');
    assert.equal(attr(Explicit, 'n').type.toSql(), 'BIGINT');
  });

  it('a DataType that disagrees with the TypeScript type is a registration warning naming both', () => {
    @Table
    class Mismatched extends Model {
      @Column(DataTypes.INTEGER) declare name: string;
      @Column(DataTypes.DECIMAL(10, 2)) declare price: number;
      @Column(DataTypes.DATEONLY) declare born: Date;
      @Column(DataTypes.STRING) declare ok: string;
      @Column(DataTypes.BIGINT) declare views: number;
      @Column(DataTypes.JSONB) declare list: string[];
      @Column(DataTypes.TEXT) declare maybe: string | null;
    }
    const warnings: string[] = [];
    offline({ models: [Mismatched], logging: (m) => warnings.push(m) });
    assert.deepEqual(warnings.map((w) => w.replace(/ The TypeScript type will be wrong.*$/, '')), [
      'Warning: Mismatched.name: declared as string in TypeScript, but its DataType INTEGER holds number values.',
      'Warning: Mismatched.price: declared as number in TypeScript, but its DataType DECIMAL holds string values.',
      'Warning: Mismatched.born: declared as Date in TypeScript, but its DataType DATEONLY holds string values.',
    ]);
  });

  const cases: [string, () => Function, RegExp][] = [
    ['a union', () => { @Table class UnionModel extends Model { @Column declare v: string | number; } return UnionModel; }, /UnionModel.*"v"|"v".*UnionModel/],
    ['string | null', () => { @Table class Nullable extends Model { @Column declare v: string | null; } return Nullable; }, /Nullable/],
    ['an interface', () => { interface Shape { a: number } @Table class WithInterface extends Model { @Column declare v: Shape; } return WithInterface; }, /WithInterface/],
    ['object', () => { @Table class WithObject extends Model { @Column declare v: object; } return WithObject; }, /WithObject/],
    ['an array', () => { @Table class WithArray extends Model { @Column declare v: string[]; } return WithArray; }, /WithArray.*emitted as Array/],
    ['an initializer without annotation', () => { @Table class Unannotated extends Model { @Column v = 0; } return Unannotated; }, /Unannotated.*initializer without a type annotation/],
  ];
  for (const [what, make, pattern] of cases) {
    it(`${what} is an error at registration naming the class and the property`, () => {
      const model = make();
      const db = offline();
      assert.throws(() => db.addModels([model]), (err: Error) => {
        assert.ok(err instanceof DefinitionError, String(err));
        assert.match(err.message, pattern);
        assert.match(err.message, /"v"/);
        assert.match(err.message, /needs a type/);
        assert.match(err.message, /DataTypes\./);
        return true;
      });
      assert.equal(db.models[model.name], undefined);
    });
  }

  it('an explicit type makes the same properties fine', () => {
    @Table
    class Fine extends Model {
      @Column(DataTypes.JSONB) declare v: string | number;
      @Column(DataTypes.ARRAY(DataTypes.STRING)) declare tags: string[];
      @Column(DataTypes.STRING) declare maybe: string | null;
    }
    offline({ models: [Fine] });
    assert.equal(attr(Fine, 'tags').type.toSql(), 'VARCHAR(255)[]');
  });

  it('with no design:type at all (a compiler without metadata), the error says so and how to fix it', () => {
    // What esbuild or tsx produce: decorators run, but no design:type is recorded.
    class NoMeta extends Model {}
    Table(NoMeta);
    Column(NoMeta.prototype, 'name');
    Column(NoMeta.prototype, 'age');
    const db = offline();
    assert.throws(() => db.addModels([NoMeta]), (err: Error) => {
      assert.ok(err instanceof DefinitionError);
      assert.match(err.message, /no decorator metadata was emitted for NoMeta/);
      assert.match(err.message, /name, age/);
      assert.match(err.message, /emitDecoratorMetadata/);
      assert.match(err.message, /give each @Column a DataType/);
      return true;
    });
  });

  it('without metadata, attributes that all have explicit types still register', () => {
    class NoMetaTyped extends Model {}
    Table(NoMetaTyped);
    Column(DataTypes.STRING)(NoMetaTyped.prototype, 'name');
    Default(3)(NoMetaTyped.prototype, 'age');
    Column({ type: DataTypes.INTEGER })(NoMetaTyped.prototype, 'age');
    offline({ models: [NoMetaTyped] });
    assert.deepEqual(NoMetaTyped.definition.attributes.map((a) => a.name), ['id', 'name', 'age', 'createdAt', 'updatedAt']);
    assert.equal(attr(NoMetaTyped, 'age').sqlDefault, '3');
  });
});

describe('decorators record; registration normalises', () => {
  it('every attribute decorator ends up in the definition', () => {
    @Table
    class Everything extends Model {
      @PrimaryKey @AutoIncrement @Column declare code: number;
      @AllowNull(false) @Unique @Comment('the login') @Column declare email: string;
      @AllowNull @Column declare nick: string;
      @Default('x') @Index @Column declare tag: string;
      @Unique('pair') @Index('pair_idx') @Column declare a: string;
      @Unique('pair') @Index('pair_idx') @Column declare b: string;
      @Index({ name: 'uniq_c', unique: true }) @Column declare c: string;
    }
    offline({ models: [Everything] });
    const d = Everything.definition;
    assert.deepEqual(d.primaryKeys.map((a) => a.name), ['code']);
    assert.equal(d.byName.id, undefined, 'no id added when a primary key is declared');
    assert.equal(attr(Everything, 'code').autoIncrement, true);
    assert.equal(attr(Everything, 'code').allowNull, false);
    assert.equal(attr(Everything, 'email').allowNull, false);
    assert.equal(attr(Everything, 'email').unique, true);
    assert.equal(attr(Everything, 'email').comment, 'the login');
    assert.equal(attr(Everything, 'nick').allowNull, true);
    assert.deepEqual(attr(Everything, 'tag').defaultValue, { kind: 'literal', value: 'x' });
    assert.equal(attr(Everything, 'tag').sqlDefault, "E'x'::VARCHAR(255)");
    assert.equal(attr(Everything, 'a').unique, 'pair');
    assert.deepEqual(d.indexes.map((i) => [i.name, [...i.columns], i.unique]), [
      ['Everythings_tag_idx', ['tag'], false],
      ['pair_idx', ['a', 'b'], false],
      ['uniq_c', ['c'], true],
    ]);
    assert.ok(Object.isFrozen(d) && Object.isFrozen(d.attributes) && Object.isFrozen(d.attributes[0]) && Object.isFrozen(d.byName));
  });

  it('decorators only record: nothing is normalised or checked until registration', () => {
    // A bad definition is accepted by the decorators themselves...
    @Table({ tableName: 'x'.repeat(64) })
    class Later extends Model {
      @Column declare v: object;
    }
    // ...and refused when registered.
    assert.throws(() => offline({ models: [Later] }), DefinitionError);
  });

  it('@Table options, @FreezeTableName and @Timestamps', () => {
    @Table({ modelName: 'Person', underscored: true, timestamps: false })
    class PersonClass extends Model {
      @Column declare firstName: string;
    }
    @Table
    @FreezeTableName
    class Person2 extends Model {
      @Column declare name: string;
    }
    @Table
    @Timestamps({ createdAt: false, updatedAt: 'updatedTimeStamp' })
    class Stamped extends Model {
      @Column declare name: string;
    }
    @Timestamps(false)
    @Table
    class Unstamped extends Model {
      @Column declare name: string;
    }
    @Timestamps
    @Table({ timestamps: false })
    class Restamped extends Model {
      @Column declare name: string;
    }
    const db = offline({ models: [PersonClass, Person2, Stamped, Unstamped, Restamped] });
    assert.equal(db.models.Person, PersonClass);
    assert.equal(PersonClass.tableName, 'People');
    assert.equal(attr(PersonClass, 'firstName').column, 'first_name');
    assert.equal(PersonClass.definition.createdAt, undefined);
    assert.equal(Person2.tableName, 'Person2');
    assert.equal(Stamped.definition.createdAt, undefined);
    assert.equal(Stamped.definition.updatedAt?.name, 'updatedTimeStamp');
    assert.deepEqual(Stamped.definition.attributes.map((a) => a.name), ['id', 'name', 'updatedTimeStamp']);
    assert.deepEqual(Unstamped.definition.attributes.map((a) => a.name), ['id', 'name']);
    assert.deepEqual(Restamped.definition.attributes.map((a) => a.name), ['id', 'name', 'createdAt', 'updatedAt'], 'decorators apply bottom-up: @Timestamps runs last');
  });

  it('@CreatedAt and @UpdatedAt pick the attributes the runtime stamps', () => {
    @Table
    class Custom extends Model {
      @Column declare name: string;
      @CreatedAt declare born: Date;
      @UpdatedAt declare touched: Date;
    }
    offline({ models: [Custom] });
    assert.equal(Custom.definition.createdAt?.name, 'born');
    assert.equal(Custom.definition.updatedAt?.name, 'touched');
    assert.equal(attr(Custom, 'born').allowNull, false);
    assert.deepEqual(Custom.definition.attributes.map((a) => a.name), ['id', 'name', 'born', 'touched']);
  });

  it('a @CreatedAt that is not a Date is refused', () => {
    @Table
    class BadStamp extends Model {
      @CreatedAt declare born: string;
    }
    assert.throws(() => offline({ models: [BadStamp] }), /createdAt attribute "born" must be a DATE/);
  });

  it('a subclass inherits its parent\'s decorated attributes', () => {
    class Base extends Model {
      @Column declare name: string;
    }
    @Table
    class Child extends Base {
      @Column declare age: number;
    }
    offline({ models: [Child] });
    assert.deepEqual(Child.definition.attributes.map((a) => a.name), ['id', 'name', 'age', 'createdAt', 'updatedAt']);
  });
});

describe('naming', () => {
  it('pluralises the model name with pluralize unless frozen or named', () => {
    const db = offline();
    assert.equal(db.define('User', { a: DataTypes.STRING }).tableName, 'Users');
    assert.equal(db.define('Person', { a: DataTypes.STRING }).tableName, 'People');
    assert.equal(db.define('Category', { a: DataTypes.STRING }).tableName, 'Categories');
    assert.equal(db.define('Frozen', { a: DataTypes.STRING }, { freezeTableName: true }).tableName, 'Frozen');
    assert.equal(db.define('Named', { a: DataTypes.STRING }, { tableName: 'my_table' }).tableName, 'my_table');
    const all = offline({ define: { freezeTableName: true } });
    assert.equal(all.define('User', { a: DataTypes.STRING }).tableName, 'User');
    assert.equal(all.define('Person', { a: DataTypes.STRING }, { freezeTableName: false }).tableName, 'People');
  });

  it('underscored maps attribute names to snake_case columns; attribute names stay as declared', () => {
    const db = offline({ define: { underscored: true } });
    const M = db.define('Snake', { firstName: DataTypes.STRING, userID: DataTypes.INTEGER, custom: { type: DataTypes.STRING, field: 'Custom Col' } });
    assert.deepEqual(M.definition.attributes.map((a) => [a.name, a.column]), [
      ['id', 'id'], ['firstName', 'first_name'], ['userID', 'user_id'], ['custom', 'Custom Col'], ['createdAt', 'created_at'], ['updatedAt', 'updated_at'],
    ]);
    assert.equal(M.definition.byColumn.first_name?.name, 'firstName');
  });

  it('with no primary key declared, an id SERIAL primary key comes first', () => {
    const db = offline();
    const M = db.define('Keyless', { name: DataTypes.STRING });
    const id = M.definition.attributes[0];
    assert.equal(id.name, 'id');
    assert.equal(id.primaryKey, true);
    assert.equal(id.autoIncrement, true);
    assert.equal(id.allowNull, false);
    assert.deepEqual(M.definition.primaryKeys, [id]);
  });

  it('identifiers over 63 bytes are refused at definition', () => {
    const db = offline();
    assert.throws(() => db.define('T', { a: DataTypes.STRING }, { tableName: 't'.repeat(64) }), (e: Error) => e instanceof DefinitionError && /64 bytes/.test(e.message));
    assert.throws(() => db.define('T', { ['c'.repeat(64)]: DataTypes.STRING }), DefinitionError);
    // 32 two-byte characters: 32 characters but 64 bytes.
    assert.throws(() => db.define('T', { a: { type: DataTypes.STRING, field: 'é'.repeat(32) } }), /64 bytes/);
    // A generated enum type name past 63 bytes is cut with a hash suffix (issue 10), not refused.
    const E = db.define('TE', { a: DataTypes.ENUM('x') }, { tableName: 'e'.repeat(60) });
    assert.match(E.definition.enums[0].toSql(), /^"enum_e{49}_[0-9a-f]{8}"$/);
    assert.doesNotThrow(() => db.define('T63', { ['c'.repeat(63)]: DataTypes.STRING }, { tableName: 't'.repeat(63) }));
    // A generated index name is cut to 63 bytes without splitting a character.
    const I = db.define('Idx', { a: DataTypes.STRING }, { tableName: 'é'.repeat(31), indexes: [{ fields: ['a'] }] });
    assert.ok(Buffer.byteLength(I.definition.indexes[0].name) <= 63);
  });
});

describe('bad definitions', () => {
  const db = offline();
  const bad: [string, () => unknown, RegExp][] = [
    ['an unknown attribute option', () => db.define('A', { a: { type: DataTypes.STRING, allownull: false } as never }), /unknown option "allownull"/],
    ['an unknown model option', () => db.define('B', { a: DataTypes.STRING }, { freezeTablename: true } as never), /unknown model option "freezeTablename"/],
    ['an attribute that is neither a type nor options', () => db.define('C', { a: 5 as never }), /must be a DataType or an options object/],
    ['not a DataType', () => db.define('D', { a: { type: String as never } }), /not a DataType/],
    ['an attribute named like the instance API', () => db.define('E', { save: DataTypes.STRING }), /"save" cannot be an attribute name/],
    ['two attributes on one column', () => db.define('F', { a: DataTypes.STRING, b: { type: DataTypes.STRING, field: 'a' } }), /two attributes map to the column "a"/],
    ['autoIncrement on a non-integer', () => db.define('G', { a: { type: DataTypes.STRING, autoIncrement: true } }), /autoIncrement needs an INTEGER/],
    ['autoIncrement with a default', () => db.define('H', { a: { type: DataTypes.INTEGER, autoIncrement: true, defaultValue: 1 } }), /both autoIncrement and a defaultValue/],
    ['a default of the wrong type', () => db.define('I', { a: { type: DataTypes.INTEGER, defaultValue: 'x' } }), /the default value must be an integer/],
    ['NOW on a non-date', () => db.define('J', { a: { type: DataTypes.INTEGER, defaultValue: DataTypes.NOW } }), /NOW is a default for DATE/],
    ['UUIDV4 on a non-UUID', () => db.define('K', { a: { type: DataTypes.INTEGER, defaultValue: DataTypes.UUIDV4 } }), /UUIDV4 is a default for UUID/],
    ['an index on an unknown attribute', () => db.define('L', { a: DataTypes.STRING }, { indexes: [{ fields: ['b'] }] }), /unknown attribute "b"/],
    ['an empty model name', () => db.define('', { a: DataTypes.STRING }), /modelName must be a non-empty string/],
    ['a class that does not extend Model', () => db.addModels([class Plain {}]), /must be a class that extends Model/],
    ['a decorated class without attributes', () => db.addModels([class Empty extends Model {}]), /Empty has no attributes/],
    ['an unknown option in the define option', () => offline({ define: { timestamp: false } as never }).define('M', { a: DataTypes.STRING }), /unknown option "timestamp" in the Database's define option/],
  ];
  for (const [what, run, pattern] of bad) {
    it(`${what} is a DefinitionError`, () => {
      assert.throws(run, (e: Error) => {
        assert.ok(e instanceof DefinitionError, `${e.name}: ${e.message}`);
        assert.match(e.message, pattern);
        return true;
      });
    });
  }

  it('a failed definition registers nothing', () => {
    const fresh = offline();
    assert.throws(() => fresh.define('Nope', { save: DataTypes.STRING }));
    assert.deepEqual(Object.keys(fresh.models), []);
  });

  it('a model used before it is registered says how to register it', async () => {
    @Table
    class Unregistered extends Model {
      @Column declare name: string;
    }
    const says = (e: Error) => {
      assert.ok(e instanceof UsageError);
      assert.match(e.message, /Model Unregistered is not registered with a Database/);
      assert.match(e.message, /db\.addModels\(\[Unregistered\]\)/);
      assert.match(e.message, /new Database\(\{ models: \[Unregistered\] \}\)/);
      return true;
    };
    for (const use of [() => Unregistered.build({}), () => Unregistered.tableName]) assert.throws(use, says);
    // Calls that talk to the database reject (never throw synchronously).
    for (const use of [() => Unregistered.sync(), () => Unregistered.findAll(), () => Unregistered.count()]) await assert.rejects(use(), says);
  });
});

describe('registration', () => {
  it('new Database({ models }) and db.addModels register under the model name', () => {
    @Table class Alpha extends Model { @Column declare a: string; }
    @Table class Beta extends Model { @Column declare b: string; }
    const db = offline({ models: [Alpha] });
    db.addModels([Beta]);
    assert.equal(db.models.Alpha, Alpha);
    assert.equal(db.models.Beta, Beta);
    assert.equal(db.model('Beta'), Beta);
    assert.equal(db.isDefined('Alpha'), true);
    assert.throws(() => db.model('Gamma'), /No model named "Gamma" is registered/);
  });

  it('define with a name already registered replaces the model, as Sequelize does', () => {
    const db = offline();
    const First = db.define('Thing', { a: DataTypes.STRING });
    const Second = db.define('Thing', { b: DataTypes.INTEGER });
    assert.notEqual(First, Second);
    assert.equal(db.models.Thing, Second);
    assert.deepEqual(Second.definition.attributes.map((a) => a.name), ['id', 'b', 'createdAt', 'updatedAt']);
    assert.equal(db.definitions().filter((d) => d.modelName === 'Thing').length, 1);
  });

  it('init registers a class with attributes and options', () => {
    const db = offline();
    class Account extends Model {
      declare owner: string;
    }
    Account.init({ owner: { type: DataTypes.STRING, allowNull: false } }, { sequelize: db, modelName: 'Acct', tableName: 'accounts', timestamps: false });
    assert.equal(db.models.Acct, Account);
    assert.equal(Account.tableName, 'accounts');
    assert.deepEqual(Account.definition.attributes.map((a) => a.name), ['id', 'owner']);
    assert.throws(() => Account.init({}, { sequelize: {} as never }), /the sequelize option must be a Database/);
  });

  it('the definition precomputes its lookups once', () => {
    const db = offline();
    const M = db.define('Lookup', { firstName: DataTypes.STRING, meta: DataTypes.JSONB, when: { type: DataTypes.DATE, defaultValue: DataTypes.NOW } }, { underscored: true });
    const d = M.definition;
    assert.equal(d.qualifiedTable, '"Lookups"');
    assert.equal(d.selectList, '"id", "first_name", "meta", "when", "created_at", "updated_at"');
    assert.deepEqual(d.attributes.map((a) => a.position), [0, 1, 2, 3, 4, 5]);
    assert.deepEqual(d.withDefaults.map((a) => a.name), ['when']);
    assert.equal(d.byName.firstName, d.byColumn.first_name);
    assert.equal(d.byName.__proto__, undefined);
    assert.equal(M.definition, d, 'the same frozen object every time');
  });
});
