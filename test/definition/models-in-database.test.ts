import { it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AllowNull, AutoIncrement, Column, CreatedAt, DataTypes, Default, FreezeTableName, Model, PrimaryKey, Table, Timestamps,
  Unique, UniqueConstraintError, ValidationError,
} from '../../src/index';
import type { Database, DefinedModel } from '../../src/index';
import { forEachDriver, statements } from '../support/harness';
import { columnsOf } from '../datatypes/catalog';

/** The same model, three ways: decorators, init, define. */
function threeWays(db: Database): Record<string, DefinedModel> {
  @Table({ modelName: 'DecoratedUser', tableName: 'decorated_users', underscored: true })
  @Timestamps({ createdAt: false, updatedAt: 'updatedTimeStamp' })
  class DecoratedUser extends Model {
    @PrimaryKey @Default(DataTypes.UUIDV4) @Column(DataTypes.UUID) declare id: string;
    @Column({ allowNull: false }) declare firstName: string;
    @Default(0) @Column declare age: number;
    @Column(DataTypes.JSONB) declare prefs: object | null;
    fullName(): string {
      return `${this.firstName} (${this.age})`;
    }
  }
  db.addModels([DecoratedUser]);

  const attributes = {
    id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
    firstName: { type: DataTypes.STRING, allowNull: false },
    age: { type: DataTypes.INTEGER, defaultValue: 0 },
    prefs: DataTypes.JSONB,
  };
  const options = { underscored: true, timestamps: true, createdAt: false, updatedAt: 'updatedTimeStamp' } as const;
  class InitUser extends Model {
    declare firstName: string;
    declare age: number;
    fullName(): string {
      return `${this.firstName} (${this.age})`;
    }
  }
  InitUser.init(attributes, { sequelize: db, modelName: 'InitUser', tableName: 'init_users', ...options });
  const DefinedUser = db.define('DefinedUser', attributes, { tableName: 'defined_users', ...options });
  return { decorated: DecoratedUser as unknown as DefinedModel, init: InitUser as unknown as DefinedModel, define: DefinedUser };
}

forEachDriver('models in the database', (t) => {
  it('one model defined the three ways yields the same table and behaviour', async () => {
    const models = threeWays(t.db);
    const outcomes: unknown[] = [];
    for (const [way, M] of Object.entries(models)) {
      await M.sync({ force: true });
      const table = M.tableName;
      const columns = await columnsOf(t.db, table);
      t.log.length = 0;
      const u = await M.create({ firstName: 'Ada' });
      const insert = statements(t.log)[0].replace(`"${table}"`, '"T"');
      u.age = 36;
      await u.save();
      await u.reload();
      const [raw] = await t.db.query(`SELECT first_name, age, prefs FROM "${table}"`);
      await assert.rejects(M.create({ age: 1 }), (e: ValidationError) => e.attribute === 'firstName');
      outcomes.push({
        columns, insert,
        attributes: M.definition.attributes.map((a) => [a.name, a.column, a.type.toSql(), a.allowNull, a.primaryKey, a.sqlDefault ?? null]),
        values: [typeof u.id, u.firstName, u.age, u.prefs, u.updatedTimeStamp instanceof Date, 'createdAt' in u.get({ plain: true })],
        raw,
      });
      assert.equal(t.db.models[M.name], M, way);
    }
    assert.deepEqual(outcomes[1], outcomes[0], 'init matches the decorators');
    assert.deepEqual(outcomes[2], outcomes[0], 'define matches the decorators');
    const first = outcomes[0] as { columns: Record<string, { data_type: string; is_nullable: string }> };
    assert.deepEqual(Object.keys(first.columns), ['id', 'first_name', 'age', 'prefs', 'updated_time_stamp']);
    assert.equal(first.columns.first_name.is_nullable, 'NO');
    // Instance methods of a class work through decorators and init alike.
    for (const M of [models.decorated, models.init]) assert.equal((M.build({ firstName: 'Ada', age: 36 }) as unknown as { fullName(): string }).fullName(), 'Ada (36)');
  });

  it('each decorator shows in the live table', async () => {
    @Table
    @FreezeTableName
    class Decorated extends Model {
      @PrimaryKey @AutoIncrement @Column declare code: number;
      @AllowNull(false) @Unique @Column declare email: string;
      @AllowNull @Column declare nick: string;
      @Default('anon') @Column declare handle: string;
      @CreatedAt declare born: Date;
    }
    t.db.addModels([Decorated]);
    await Decorated.sync({ force: true });
    const cols = await columnsOf(t.db, 'Decorated');
    assert.deepEqual(Object.keys(cols), ['code', 'email', 'nick', 'handle', 'born', 'updatedAt']);
    assert.match(String(cols.code.column_default), /nextval/);
    assert.equal(cols.code.is_nullable, 'NO');
    assert.equal(cols.email.is_nullable, 'NO');
    assert.equal(cols.nick.is_nullable, 'YES');
    assert.match(String(cols.handle.column_default), /'anon'/);
    assert.equal(cols.born.is_nullable, 'NO');
    const constraints = await t.db.query<{ constraint_type: string; column_name: string }>(
      `SELECT tc.constraint_type, kcu.column_name FROM information_schema.table_constraints tc
         JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
        WHERE tc.table_schema = current_schema() AND tc.table_name = 'Decorated' ORDER BY 1, 2`);
    assert.deepEqual(constraints.map((c) => `${c.constraint_type} ${c.column_name}`), ['PRIMARY KEY code', 'UNIQUE email']);
    const a = await Decorated.create({ email: 'a@x' });
    assert.equal(a.code, 1);
    assert.equal(a.handle, 'anon');
    assert.ok(a.born instanceof Date);
    await assert.rejects(Decorated.create({ email: 'a@x' }), UniqueConstraintError);
  });

  it('table and column names with quotes, spaces and unicode work everywhere', async () => {
    const Odd = t.db.define('Odd', {
      id: { type: DataTypes.INTEGER, primaryKey: true, field: 'the "id"' },
      label: { type: DataTypes.STRING, field: "it's a label" },
      count: { type: DataTypes.INTEGER, field: 'Zähler ✓', defaultValue: 0 },
      kind: { type: DataTypes.ENUM('a', 'b'), field: 'kind "q"' },
    }, { tableName: 'odd "table" ñame', timestamps: true, updatedAt: 'upd "at"' });
    await Odd.sync({ force: true });
    const cols = await columnsOf(t.db, 'odd "table" ñame');
    assert.deepEqual(Object.keys(cols), ['the "id"', "it's a label", 'Zähler ✓', 'kind "q"', 'createdAt', 'upd "at"']);
    const o = await Odd.create({ id: 1, label: 'x', kind: 'a' });
    o.label = 'y';
    await o.save();
    await o.increment('count', { by: 5 });
    assert.equal(o.count, 5);
    await t.db.query(`UPDATE "odd ""table"" ñame" SET "it's a label" = 'z'`);
    await o.reload();
    assert.deepEqual([o.id, o.label, o.count, o.kind], [1, 'z', 5, 'a']);
    const found = await Odd.findByPk(1);
    assert.equal(found?.label, 'z');
    await o.destroy();
    assert.deepEqual(await t.db.query(`SELECT * FROM "odd ""table"" ñame"`), []);
  });

  it('length or precision PostgreSQL cannot honour is dropped with one warning through logging', async () => {
    const warnings: string[] = [];
    const db = t.connect({ logging: (m) => { if (m.startsWith('Warning')) warnings.push(m); } });
    try {
      const Lossy = db.define('Lossy', {
        f: DataTypes.FLOAT(11, 10), d: DataTypes.DOUBLE(10, 2), r: DataTypes.REAL(5), i: DataTypes.INTEGER(11), s: DataTypes.SMALLINT(2),
        b: DataTypes.BIGINT(20), t: DataTypes.TEXT('tiny'), bl: DataTypes.BLOB('long'), ts: DataTypes.DATE(3), bin: DataTypes.STRING(20).BINARY,
        arr: DataTypes.ARRAY(DataTypes.INTEGER(4)), ok: DataTypes.FLOAT(24), ok2: DataTypes.STRING(10),
      }, { timestamps: false });
      const byAttribute = (name: string) => warnings.filter((w) => w.includes(`Lossy.${name}:`));
      for (const name of ['f', 'd', 'r', 'i', 's', 'b', 't', 'bl', 'ts', 'bin', 'arr']) assert.equal(byAttribute(name).length, 1, `${name}: ${warnings.join('\n')}`);
      assert.equal(byAttribute('ok').length + byAttribute('ok2').length, 0);
      assert.equal(warnings.length, 11);
      assert.match(byAttribute('f')[0], /FLOAT\(11, 10\).*using FLOAT/);
      await Lossy.sync({ force: true });
      const cols = await columnsOf(db, 'Lossies');
      assert.deepEqual(Object.fromEntries(Object.entries(cols).map(([k, c]) => [k, c.udt_name])), {
        id: 'int4', f: 'float8', d: 'float8', r: 'float4', i: 'int4', s: 'int2', b: 'int8', t: 'text', bl: 'bytea', ts: 'timestamptz', bin: 'bytea',
        arr: '_int4', ok: 'float4', ok2: 'varchar',
      });
      assert.equal(warnings.length, 11, 'sync adds no warning');
    } finally {
      await db.close();
    }
  });
});
