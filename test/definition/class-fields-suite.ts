// The class-field behaviour both compile modes must share. The model classes are declared
// in the test files themselves (each compiled with its own useDefineForClassFields); this
// module holds only the checks, so it compiles the same either way.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import type { Model } from '../../src/index';
import { forEachDriver } from '../support/harness';

/** The shape every test file declares with its field styles. */
export interface FieldStyle extends Model {
  id: number;
  declared: string;
  bang: string;
  counter: number;
  withDefault: string;
  meta: Record<string, unknown>;
  readonly shout: string | undefined;
}

export interface FieldStyleStatic {
  new (): FieldStyle;
  name: string;
  build(values?: object): FieldStyle;
  create(values?: object): Promise<FieldStyle>;
  findByPk(key: unknown): Promise<FieldStyle | null>;
  sync(options?: { force?: boolean }): Promise<unknown>;
  named(name: string): FieldStyle;
}

export function classFieldSuite(title: string, declare: () => FieldStyleStatic, useDefineForClassFields: boolean): void {
  it('this file is compiled with the useDefineForClassFields it claims', () => {
    const Probe = declare();
    // A `!` field is an own property (set to undefined) only when fields are [[Define]]d.
    assert.equal(Object.prototype.hasOwnProperty.call(new Probe(), 'bang'), useDefineForClassFields);
  });

  forEachDriver(title, (t) => {
    let M: FieldStyleStatic;
    it('registers every field style as an attribute', async () => {
      M = declare();
      t.db.addModels([M as unknown as Function]);
      assert.equal(t.db.models[M.name], M);
      await M.sync({ force: true });
      const cols = await t.db.query<{ column_name: string; data_type: string }>(
        `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'FieldStyles' ORDER BY ordinal_position`);
      assert.deepEqual(cols.map((c) => `${c.column_name} ${c.data_type}`), [
        'id integer', 'declared character varying', 'bang character varying', 'counter integer', 'withDefault character varying', 'meta jsonb',
        'createdAt timestamp with time zone', 'updatedAt timestamp with time zone',
      ]);
    });

    it('build: an initializer acts as the default; given values win; no field hides a value', () => {
      const empty = M.build({});
      assert.equal(empty.counter, 5);
      assert.deepEqual(empty.meta, { a: 1 });
      assert.equal(empty.withDefault, 'dflt');
      assert.equal(empty.declared, undefined);
      assert.equal(empty.bang, undefined);
      assert.deepEqual(empty.get({ plain: true }), { counter: 5, withDefault: 'dflt', meta: { a: 1 } });
      const given = M.build({ declared: 'd', bang: 'b', counter: 1, withDefault: 'w', meta: { b: 2 } });
      assert.deepEqual(given.get({ plain: true }), { declared: 'd', bang: 'b', counter: 1, withDefault: 'w', meta: { b: 2 } });
      assert.equal(given.get('bang'), 'b');
      assert.equal(given.shout, 'D', 'getters work');
      assert.equal(M.named('x').declared, 'x', 'statics work');
      assert.notEqual(M.build({}).meta, M.build({}).meta, 'each instance runs its own initializer');
    });

    it('create, save, reload and findByPk read and write every field style', async () => {
      const u = await M.create({ declared: 'd', bang: 'b' });
      assert.deepEqual([u.declared, u.bang, u.counter, u.withDefault, u.meta], ['d', 'b', 5, 'dflt', { a: 1 }]);
      const [raw] = await t.db.query<Record<string, unknown>>('SELECT declared, bang, counter, "withDefault", meta FROM "FieldStyles" WHERE id = $1', { bind: [u.id] });
      assert.deepEqual(raw, { declared: 'd', bang: 'b', counter: 5, withDefault: 'dflt', meta: { a: 1 } });

      u.bang = 'B';
      u.counter = 6;
      assert.deepEqual((u.changed() as string[]).sort(), ['bang', 'counter']);
      await u.save();
      await t.db.query('UPDATE "FieldStyles" SET counter = 9, meta = $2 WHERE id = $1', { bind: [u.id, JSON.stringify({ z: 1 })] });
      await u.reload();
      assert.deepEqual([u.declared, u.bang, u.counter, u.meta], ['d', 'B', 9, { z: 1 }]);
      assert.equal(u.changed(), false);

      // A found row is built with `new`, which runs the initializers: the row's values win.
      await t.db.query('UPDATE "FieldStyles" SET counter = 0, meta = $2 WHERE id = $1', { bind: [u.id, '{}'] });
      const found = (await M.findByPk(u.id))!;
      assert.deepEqual([found.declared, found.bang, found.counter, found.withDefault, found.meta], ['d', 'B', 0, 'dflt', {}]);
      assert.equal(found.isNewRecord, false);
      assert.equal(found.changed(), false);
    });

    it('instances of one model keep one shape however they were made', async () => {
      const made = await M.create({ declared: 'x' });
      const shapes = [
        M.build({}), M.build({ bang: 'b' }), M.build({ meta: {}, declared: 'y', counter: 2 }), made, (await M.findByPk(made.id))!,
      ].map((i) => Object.keys(i).join(','));
      assert.equal(new Set(shapes).size, 1, '\n' + shapes.join('\n'));
    });
  });
}
