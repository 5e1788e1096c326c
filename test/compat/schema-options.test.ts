// Sequelize v6 model definitions run unchanged: unique { name, msg }, STRING(n, true),
// index: true, { type: ENUM, values }, define() without attributes, index fields as objects,
// references by table name, INTEGER.UNSIGNED/ZEROFILL, and sync() resolving to the model/db.
import { before, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { Column, DataTypes, Model, Table, Unique, UniqueConstraintError, ValidationError } from '../../src/index';
import { forEachDriver, statements } from '../support/harness';
import { columns, constraints, enumValues, indexes } from '../schema/support/catalog';

@Table({ tableName: 'Seats', timestamps: false })
class Seat extends Model {
  @Unique({ name: 'seat_row_col', msg: 'seat taken' }) @Column declare row: number;
  @Unique({ name: 'seat_row_col', msg: 'seat taken' }) @Column declare col: number;
}

forEachDriver('compat: schema options', (t) => {
  const warnings = () => t.log.filter((s) => s.startsWith('Warning:'));
  beforeEach(() => {
    t.log.length = 0;
  });

  it('bug 2: unique { name, msg } on two attributes is one composite constraint, msg its error message', async () => {
    const Member = t.db.define('Member', {
      teamId: { type: DataTypes.INTEGER, unique: { name: 'team_member', msg: 'already in this team' } },
      userId: { type: DataTypes.INTEGER, unique: { name: 'team_member', msg: 'already in this team' } },
      email: { type: DataTypes.STRING, unique: { msg: 'email taken' } },
      code: { type: DataTypes.STRING, unique: 'member_code' },
    }, { timestamps: false });
    await Member.sync({ force: true });
    assert.deepEqual(await constraints(t.db, 'Members'), [
      'PRIMARY KEY(Members_pkey: id)', 'UNIQUE(Members_email_key: email)', 'UNIQUE(member_code: code)', 'UNIQUE(team_member: teamId,userId)',
    ]);
    await Member.create({ teamId: 1, userId: 1, email: 'a@x.io' });
    await Member.create({ teamId: 1, userId: 2, email: 'b@x.io' });
    const err = await Member.create({ teamId: 1, userId: 1, email: 'c@x.io' }).catch((e: unknown) => e);
    assert.ok(err instanceof UniqueConstraintError);
    assert.equal(err.message, 'already in this team');
    assert.deepEqual(err.fields, { teamId: '1', userId: '1' });
    const e2 = await Member.create({ teamId: 2, userId: 2, email: 'a@x.io' }).catch((e: unknown) => e);
    assert.ok(e2 instanceof UniqueConstraintError);
    assert.equal(e2.message, 'email taken');
    assert.equal(await Member.count(), 2, 'no partial row');
  });

  it('@Unique({ name, msg }) on decorated attributes: one composite constraint with its message', async () => {
    t.db.addModels([Seat]);
    await Seat.sync({ force: true });
    assert.deepEqual(await constraints(t.db, 'Seats'), ['PRIMARY KEY(Seats_pkey: id)', 'UNIQUE(seat_row_col: row,col)']);
    await Seat.create({ row: 1, col: 1 });
    await Seat.create({ row: 1, col: 2 });
    await assert.rejects(Seat.create({ row: 1, col: 1 }), (e: unknown) => e instanceof UniqueConstraintError && e.message === 'seat taken');
  });

  it('bug 3: STRING(16, true), STRING({ length, binary }) and STRING.BINARY are BYTEA and hold Buffers', async () => {
    const Blob = t.db.define('Bin', { a: DataTypes.STRING(16, true), b: DataTypes.STRING({ length: 8, binary: true }), c: DataTypes.STRING.BINARY, d: DataTypes.STRING(16) }, { timestamps: false });
    await Blob.sync({ force: true });
    const cols = await columns(t.db, 'Bins');
    assert.deepEqual([cols.a.type, cols.b.type, cols.c.type, cols.d.type], ['bytea', 'bytea', 'bytea', 'character varying(16)']);
    assert.equal(warnings().filter((w) => /BYTEA has no length/.test(w)).length, 2, 'the dropped lengths are reported');
    const r = await Blob.create({ a: Buffer.from([1, 2]), c: Buffer.from('x') });
    assert.deepEqual((await Blob.findByPk(r.id))!.a, Buffer.from([1, 2]));
  });

  it('attribute index: true makes an index (GIN on JSONB); a shared name makes one composite index', async () => {
    const Doc = t.db.define('Doc', {
      slug: { type: DataTypes.STRING, index: true },
      meta: { type: DataTypes.JSONB, index: true },
      a: { type: DataTypes.INTEGER, index: 'doc_a_b' },
      b: { type: DataTypes.INTEGER, index: 'doc_a_b' },
    }, { timestamps: false });
    await Doc.sync({ force: true });
    assert.deepEqual(await indexes(t.db, 'Docs'), {
      Docs_slug_idx: 'CREATE INDEX "Docs_slug_idx" ON "Docs" USING btree (slug)',
      Docs_meta_idx: 'CREATE INDEX "Docs_meta_idx" ON "Docs" USING gin (meta)',
      doc_a_b: 'CREATE INDEX doc_a_b ON "Docs" USING btree (a, b)',
    });
  });

  it('{ type: DataTypes.ENUM, values } is the enum of those values', async () => {
    const Task = t.db.define('Task', { state: { type: DataTypes.ENUM, values: ['open', 'done'] }, other: { type: DataTypes.ENUM('x'), values: ['y', 'z'] } }, { timestamps: false });
    await Task.sync({ force: true });
    assert.deepEqual(await enumValues(t.db, 'enum_Tasks_state'), ['open', 'done']);
    assert.deepEqual(await enumValues(t.db, 'enum_Tasks_other'), ['y', 'z'], 'values win over the type\'s own, as in Sequelize');
    await Task.create({ state: 'done', other: 'y' });
    await assert.rejects(Task.create({ state: 'nope' }), ValidationError);
    assert.throws(() => t.db.define('Bad', { s: { type: DataTypes.ENUM } }), /ENUM needs at least one value/);
  });

  it("define('Thing') with no attributes has only the id (and timestamps)", async () => {
    const Thing = t.db.define('Thing');
    await Thing.sync({ force: true });
    assert.deepEqual(Object.keys(await columns(t.db, 'Things')), ['id', 'createdAt', 'updatedAt']);
    const x = await Thing.create();
    assert.equal(x.id, 1);
  });

  it('index fields as objects: order, collate, operator in the DDL; length dropped with one warning', async () => {
    const Name = t.db.define('Name', { first: DataTypes.STRING, last: DataTypes.STRING, code: DataTypes.TEXT }, {
      timestamps: false,
      indexes: [
        { name: 'names_sorted', fields: [{ name: 'last', order: 'DESC', collate: 'C' }, { attribute: 'first', length: 5 }] },
        { fields: [{ name: 'code', operator: 'text_pattern_ops' }] },
      ],
    });
    assert.equal(warnings().filter((w) => /prefix length/.test(w)).length, 1);
    t.log.length = 0;
    await Name.sync({ force: true });
    assert.ok(statements(t.log).includes('CREATE INDEX "names_sorted" ON "Names" ("last" COLLATE "C" DESC, "first")'), statements(t.log).join('\n'));
    const idx = await indexes(t.db, 'Names');
    assert.equal(idx.names_sorted, 'CREATE INDEX names_sorted ON "Names" USING btree (last COLLATE "C" DESC, first)');
    assert.equal(idx.Names_code_idx, 'CREATE INDEX "Names_code_idx" ON "Names" USING btree (code text_pattern_ops)');
    assert.throws(() => t.db.define('Bad2', { a: DataTypes.STRING }, { indexes: [{ fields: [{ name: 'a', order: 'SIDEWAYS' as never }] }] }), /order must be one of/);
    assert.throws(() => t.db.define('Bad3', { a: DataTypes.STRING }, { indexes: [{ fields: [{ name: 'nope' }] }] }), /unknown attribute "nope"/);
    assert.throws(() => t.db.define('Bad4', { a: DataTypes.STRING }, { indexes: [{ fields: [{ name: 'a', operator: 'x; DROP TABLE y' }] }] }), /operator class/);
  });

  it("references: { model: 'Owners' } names a table as well as a model", async () => {
    const Owner = t.db.define('Owner', { name: DataTypes.STRING }, { timestamps: false });
    const Pet = t.db.define('Pet', { ownerId: { type: DataTypes.INTEGER, references: { model: 'Owners', key: 'id' }, onDelete: 'CASCADE' } }, { timestamps: false });
    const Toy = t.db.define('Toy', { ownerId: { type: DataTypes.INTEGER, references: { model: 'Owner' } } }, { timestamps: false });
    await Pet.drop();
    await Toy.drop();
    await Owner.sync({ force: true });
    await Pet.sync({ force: true });
    await Toy.sync({ force: true });
    assert.deepEqual((await constraints(t.db, 'Pets')).filter((c) => c.startsWith('FOREIGN')), ['FOREIGN KEY(Pets_ownerId_fkey: ownerId) → "Owners" ON DELETE c ON UPDATE a']);
    assert.deepEqual((await constraints(t.db, 'Toys')).filter((c) => c.startsWith('FOREIGN')), ['FOREIGN KEY(Toys_ownerId_fkey: ownerId) → "Owners" ON DELETE a ON UPDATE a']);
    assert.deepEqual(Pet.definition.dependsOn, ['Owner'], 'sync orders by the model behind the table');
  });

  it('INTEGER.UNSIGNED, ZEROFILL and INTEGER(11).UNSIGNED.ZEROFILL are plain integers, with one warning each', async () => {
    const Count = t.db.define('Count', {
      a: DataTypes.INTEGER.UNSIGNED,
      b: DataTypes.INTEGER.ZEROFILL,
      c: DataTypes.INTEGER(11).UNSIGNED.ZEROFILL,
      d: DataTypes.BIGINT.UNSIGNED,
      e: DataTypes.DECIMAL(10, 2).UNSIGNED,
    }, { timestamps: false });
    const w = warnings();
    assert.ok(w.includes('Warning: Count.a: INTEGER.UNSIGNED: PostgreSQL numbers have no UNSIGNED; using plain INTEGER'), w.join('\n'));
    assert.ok(w.includes('Warning: Count.c: INTEGER(11).UNSIGNED.ZEROFILL: PostgreSQL numbers have no display width, UNSIGNED, ZEROFILL; using plain INTEGER'), w.join('\n'));
    assert.equal(w.filter((x) => x.startsWith('Warning: Count.c:')).length, 1, 'one warning for the width and both modifiers');
    assert.equal(w.filter((x) => x.startsWith('Warning: Count.')).length, 5, 'one per attribute');
    await Count.sync({ force: true });
    const cols = await columns(t.db, 'Counts');
    assert.deepEqual([cols.a.type, cols.b.type, cols.c.type, cols.d.type, cols.e.type], ['integer', 'integer', 'integer', 'bigint', 'numeric(10,2)']);
    const n = await Count.create({ a: 7, e: '1.50' });
    assert.equal((await Count.findByPk(n.id))!.a, 7);
  });

  it('sync() resolves to the model and db.sync() to the Database; dryRun still resolves to the plan', async () => {
    const Plan = t.db.define('Plan', { name: DataTypes.STRING }, { timestamps: false });
    await Plan.drop();
    const plan = await Plan.sync({ dryRun: true });
    assert.deepEqual(plan, ['CREATE TABLE "Plans" ("id" SERIAL NOT NULL, "name" VARCHAR(255), CONSTRAINT "Plans_pkey" PRIMARY KEY ("id"))']);
    assert.equal(await Plan.sync(), Plan);
    assert.equal(await t.db.sync(), t.db);
    assert.ok(Array.isArray(await t.db.sync({ dryRun: true })));
  });
});
