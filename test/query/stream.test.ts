// findEach and stream: server-side cursors on both drivers (pg-cursor on a connection of its
// own, DECLARE … FETCH inside transactions and on PGlite), batches, early break, errors.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import pg from 'pg';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { DataTypes, Op, UsageError, ValidationError } from '../../src/index';
import type { Database, DefinedModel } from '../../src/index';
import { DATABASE_URL, forEachDriver } from '../support/harness';

const ROWS = 2_500;

forEachDriver('findEach / stream', (t) => {
  let Item: DefinedModel;
  let Owner: DefinedModel;
  let Bad: DefinedModel;
  let single: Database;
  let SingleItem: DefinedModel;
  const singleLog: string[] = [];

  before(async () => {
    Owner = t.db.define('Owner', { name: DataTypes.STRING }, { timestamps: false });
    Item = t.db.define('Item', { n: DataTypes.INTEGER, label: DataTypes.STRING, ownerId: DataTypes.INTEGER, tags: DataTypes.JSONB }, { timestamps: false, tableName: 'StreamItems' });
    Item.belongsTo(Owner, { as: 'owner', foreignKey: 'ownerId' });
    Owner.hasMany(Item, { as: 'items', foreignKey: 'ownerId' });
    await Owner.sync({ force: true });
    await Item.sync({ force: true });
    await t.db.query(`INSERT INTO "Owners" ("name") VALUES ('ada'), ('bob')`);
    await t.db.query(`INSERT INTO "StreamItems" ("n", "label", "ownerId", "tags") SELECT g, 'item-' || g, 1 + g % 2, jsonb_build_array(g) FROM generate_series(1, ${ROWS}) AS g`);
    // A view whose column fails to cast at n = 1800: the error happens mid-stream, when the scan reaches that row.
    await t.db.query(`CREATE VIEW "BadItems" AS SELECT "id", "n", (CASE WHEN "n" = 1800 THEN 'x' ELSE "n"::text END)::int AS "v" FROM "StreamItems"`);
    Bad = t.db.define('Bad', { n: DataTypes.INTEGER, v: DataTypes.INTEGER }, { timestamps: false, tableName: 'BadItems' });
    // One connection (on pg): whatever a stream leaves held blocks the next statement.
    single = t.connect({ pool: { max: 1, acquireTimeoutMillis: 3_000 }, logging: (sql: string) => singleLog.push(sql) });
    SingleItem = single.define('Item', { n: DataTypes.INTEGER, label: DataTypes.STRING, ownerId: DataTypes.INTEGER, tags: DataTypes.JSONB }, { timestamps: false, tableName: 'StreamItems' });
  });
  after(async () => {
    await single.close();
  });

  /** Open cursors of this suite: server backends still running one of its statements (pg), or declared cursors (PGlite). */
  async function leftovers(): Promise<number> {
    if (t.driver === 'pglite') return (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_cursors WHERE name LIKE 'inscribe_cursor_%'`))[0].n;
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    try {
      // The table name is this suite's own: a backend whose last statement read it and that is not idle still holds a cursor.
      const r = await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = current_database() AND state <> 'idle' AND query LIKE '%"StreamItems"%'`);
      return r.rows[0].n;
    } finally {
      await admin.end();
    }
  }

  it('yields every row, in order, as instances with dirty tracking', async () => {
    let expected = 1;
    let first: any;
    for await (const item of Item.findEach({ where: { n: { [Op.gte]: 1 } }, order: [['n', 'ASC']], batchSize: 300 })) {
      assert.equal(item.n, expected++);
      first ??= item;
    }
    assert.equal(expected, ROWS + 1);
    assert.ok(first instanceof Item);
    assert.equal(first.isNewRecord, false);
    assert.equal(first.changed(), false);
    assert.deepEqual(first.tags, [1]);
    first.tags.push(2);
    first.label = 'changed';
    assert.deepEqual(first.changed(), ['label', 'tags']);
    await first.save();
    const back = (await Item.findByPk(first.id))!;
    assert.deepEqual([back.label, back.tags], ['changed', [1, 2]]);
    await Item.update({ label: 'item-1', tags: [1] }, { where: { id: first.id } });
  });

  it('reads batchSize rows per round trip (one FETCH each)', async () => {
    t.log.length = 0;
    let count = 0;
    for await (const _ of Item.findEach({ where: { n: { [Op.lte]: 250 } }, order: [['n', 'ASC']], batchSize: 100 })) count++;
    assert.equal(count, 250);
    const fetches = t.log.filter((s) => s.startsWith('FETCH FORWARD'));
    // 100, 100, then 50: a short batch is the last, and the cursor closes without another FETCH.
    assert.equal(fetches.length, 3, t.log.join('\n'));
    assert.ok(fetches.every((s) => /^FETCH FORWARD 100\b/.test(s)), fetches.join('\n'));
    if (t.driver === 'pg') {
      assert.deepEqual(fetches.map((s) => Number(/, (\d+) rows$/.exec(s)![1])), [100, 100, 50]);
      assert.match(t.log[0], /^SELECT .* FROM "StreamItems" WHERE "n" <= \$1 ORDER BY "n" ASC -- cursor \(pg-cursor\)$/);
    } else {
      assert.match(t.log[0], /^DECLARE "inscribe_cursor_\d+" NO SCROLL CURSOR WITH HOLD FOR SELECT .* FROM "StreamItems" WHERE "n" <= \$1 ORDER BY "n" ASC$/);
      assert.match(t.log[t.log.length - 1], /^CLOSE "inscribe_cursor_\d+"$/);
    }
  });

  it('a break closes the cursor and releases the connection: a pool of one runs the next query', async () => {
    singleLog.length = 0;
    let seen = 0;
    for await (const item of SingleItem.findEach({ order: [['n', 'ASC']], batchSize: 100 })) {
      assert.equal(item.n, ++seen);
      if (seen === 150) break;
    }
    assert.equal(seen, 150);
    assert.equal(await SingleItem.count(), ROWS);
    assert.equal(await leftovers(), 0);
    // The loop body's own statements need a second connection outside a transaction: with the
    // pool's only one held by the cursor, a throw in the body releases it too.
    await assert.rejects(async () => {
      for await (const _ of SingleItem.findEach({ batchSize: 10 })) throw new Error('stop here');
    }, /stop here/);
    assert.equal(await SingleItem.count({ where: { n: 1 } }), 1);
    if (t.driver === 'pglite') assert.ok(singleLog.some((s) => /^CLOSE "inscribe_cursor_\d+"$/.test(s)), singleLog.join('\n'));
  });

  it('an iterator dropped while open (next() by hand, no return()) has its cursor closed once collected: the pool of one runs again', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    singleLog.length = 0;
    // In a function of its own, so nothing on this stack frame keeps the iterator.
    const readOne = async () => {
      const it = SingleItem.findEach({ order: [['n', 'ASC']], batchSize: 100 })[Symbol.asyncIterator]();
      const first = await it.next();
      assert.equal((first.value as { n: number }).n, 1);
    };
    await readOne();
    let closed = false;
    for (let i = 0; i < 50 && !closed; i++) {
      gc();
      // FinalizationRegistry callbacks run in a task after the collection; the close then takes a round trip.
      await new Promise((r) => setTimeout(r, 20));
      closed = (await leftovers()) === 0;
    }
    if (!closed && t.driver === 'pg') {
      // Without the fix the cursor keeps the pool's only connection for good: end it, so the suite can close.
      const admin = new pg.Client({ connectionString: DATABASE_URL });
      await admin.connect();
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = current_database() AND state <> 'idle' AND query LIKE '%"StreamItems"%'`);
      await admin.end();
    }
    assert.ok(closed, 'the abandoned cursor was closed');
    // With the only connection back in the pool, a statement runs (it would wait 3 s for the held one and fail).
    assert.equal(await SingleItem.count({ where: { n: 2 } }), 1);
    if (t.driver === 'pglite') assert.ok(singleLog.some((s) => /^CLOSE "inscribe_cursor_\d+"$/.test(s)), singleLog.join('\n'));
  });

  it('an error mid-stream rejects the iteration and releases the connection', async () => {
    const S = single.define('Bad', { n: DataTypes.INTEGER, v: DataTypes.INTEGER }, { timestamps: false, tableName: 'BadItems' });
    let seen = 0;
    const err = await (async () => {
      try {
        // No ORDER BY: a sort would compute every row before the first is sent; a scan sends them as it goes.
        for await (const row of S.findEach({ batchSize: 500 })) {
          assert.equal((row as any).v, (row as any).n);
          seen++;
        }
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    // A failed cast is a ValidationError here, as for every 22P02 (see Errors in the README).
    assert.ok(err instanceof ValidationError && /invalid input syntax for type integer: "x"/.test(err.message), String(err));
    // pg runs the portal lazily: the rows before the failing batch arrived. PGlite's held
    // cursor computes the whole result when it is declared, so it fails before the first row.
    if (t.driver === 'pg') assert.equal(seen, 1500);
    else assert.equal(seen, 0);
    assert.equal(await SingleItem.count(), ROWS);
    assert.equal(await leftovers(), 0);
    // Inside a transaction (a FETCH that fails aborts it): the transaction rolls back, its connection comes back.
    await assert.rejects(t.db.transaction(async () => {
      for await (const _ of Bad.findEach({ batchSize: 500 })) { /* reads until n = 1800 */ }
    }), (e: unknown) => e instanceof ValidationError);
    assert.equal(await Item.count(), ROWS);
  });

  it('given { transaction }: reads on the transaction (its uncommitted rows), a rollback leaves nothing', async () => {
    const tx = await t.db.transaction();
    t.log.length = 0;
    try {
      await Item.create({ n: -2, label: 'explicit', ownerId: 1 }, { transaction: tx });
      const seen: number[] = [];
      for await (const item of Item.findEach({ where: { n: { [Op.lte]: 2 } }, order: [['n', 'ASC']], batchSize: 2, transaction: tx })) seen.push(item.n);
      assert.deepEqual(seen, [-2, 1, 2]);
      assert.ok(t.log.some((s) => /^DECLARE "inscribe_cursor_\d+" NO SCROLL CURSOR FOR SELECT/.test(s)), 'a cursor on the transaction\'s connection');
    } finally {
      await tx.rollback();
    }
    assert.equal(await Item.count({ where: { n: -2 } }), 0);
    assert.equal(await leftovers(), 0);
  });

  it('inside a transaction: sees its uncommitted rows, and the loop body writes through it', async () => {
    t.log.length = 0;
    await t.db.transaction(async (tx) => {
      await Item.create({ n: -1, label: 'uncommitted', ownerId: 1 });
      const labels: string[] = [];
      for await (const item of Item.findEach({ where: { n: { [Op.lte]: 3 } }, order: [['n', 'ASC']], batchSize: 2 })) {
        labels.push(item.label);
        item.label = `${item.label}!`;
        await item.save();
      }
      assert.deepEqual(labels, ['uncommitted', 'item-1', 'item-2', 'item-3']);
      assert.equal((await Item.findOne({ where: { n: -1 }, transaction: tx }))!.label, 'uncommitted!');
      throw new Error('roll back');
    }).catch((e) => assert.equal(e.message, 'roll back'));
    assert.equal(await Item.count({ where: { n: -1 } }), 0);
    assert.equal((await Item.findOne({ where: { n: 1 } }))!.label, 'item-1');
    assert.ok(t.log.some((s) => /^DECLARE "inscribe_cursor_\d+" NO SCROLL CURSOR FOR SELECT/.test(s)), t.log.join('\n'));
    assert.ok(t.log.some((s) => /^FETCH FORWARD 2 FROM "inscribe_cursor_\d+"$/.test(s)));
    assert.ok(!t.log.some((s) => /WITH HOLD/.test(s)));
  });

  it('takes attributes, raw, limit and to-one and lateral includes; refuses separate or joined to-many includes and bad options', async () => {
    const partial: any[] = [];
    for await (const item of Item.findEach({ attributes: ['id', 'n'], where: { n: { [Op.lte]: 3 } }, order: [['n', 'DESC']] })) partial.push(item);
    assert.deepEqual(partial.map((i) => i.n), [3, 2, 1]);
    assert.equal(partial[0].label, undefined);
    assert.equal(partial[0].changed(), false);
    const raw: any[] = [];
    for await (const row of Item.findEach({ raw: true, attributes: ['n', 'tags'], where: { n: 7 } })) raw.push(row);
    assert.deepEqual(raw, [{ n: 7, tags: [7] }]);
    assert.ok(!(raw[0] instanceof Item));
    const limited: number[] = [];
    for await (const item of Item.findEach({ order: [['n', 'ASC']], limit: 5, offset: 10, batchSize: 2 })) limited.push(item.n);
    assert.deepEqual(limited, [11, 12, 13, 14, 15]);
    const owners: string[] = [];
    for await (const item of Item.findEach({ include: 'owner', where: { n: { [Op.lte]: 4 } }, order: [['n', 'ASC']], batchSize: 3 })) {
      assert.ok(item.owner instanceof Owner);
      assert.equal(item.owner.changed(), false);
      owners.push(item.owner.name);
    }
    assert.deepEqual(owners, ['bob', 'ada', 'bob', 'ada']);
    // A lateral hasMany include: each owner's items arrive inside its own row, so it streams,
    // and gives what findAll gives.
    const streamed: string[] = [];
    for await (const owner of Owner.findEach({ include: [{ association: 'items', strategy: 'lateral', where: { n: { [Op.lte]: 6 } }, order: [['n', 'ASC']] }], order: [['name', 'ASC']], batchSize: 1 })) {
      assert.ok(owner.items.every((i: unknown) => i instanceof Item));
      streamed.push(`${owner.name}:${owner.items.map((i: any) => i.n).join(',')}`);
    }
    const all = await Owner.findAll({ include: [{ association: 'items', strategy: 'lateral', where: { n: { [Op.lte]: 6 } }, order: [['n', 'ASC']] }], order: [['name', 'ASC']] });
    assert.deepEqual(streamed, all.map((o: any) => `${o.name}:${o.items.map((i: any) => i.n).join(',')}`));
    assert.equal(streamed.length, 2);
    await assert.rejects(async () => {
      for await (const _ of Owner.findEach({ include: ['items'] })) { /* never: the hasMany default is a second query */ }
    }, (e: unknown) => e instanceof UsageError && /"items" is loaded by a query of its own/.test(e.message));
    await assert.rejects(async () => {
      for await (const _ of Owner.findEach({ include: [{ association: 'items', strategy: 'join' }] })) { /* never */ }
    }, (e: unknown) => e instanceof UsageError && /"items" is a joined to-many include/.test(e.message));
    assert.throws(() => Item.findEach({ batchSize: 0 }), (e: unknown) => e instanceof UsageError && /batchSize must be a positive integer/.test(e.message));
    assert.throws(() => Item.findEach({ wehre: { n: 1 } } as never), (e: unknown) => e instanceof UsageError && /unknown option "wehre"/.test(e.message));
    await assert.rejects(async () => {
      for await (const _ of Item.findEach({ where: { nope: 1 } as never })) { /* never */ }
    }, /nope/);
    assert.equal(await leftovers(), 0);
  });

  it('applies scopes, paranoid and the find hooks as findAll does', async () => {
    const Note = t.db.define('Note', { body: DataTypes.STRING, pinned: DataTypes.BOOLEAN }, { paranoid: true, defaultScope: { where: { pinned: true } } });
    await Note.sync({ force: true });
    await Note.bulkCreate([{ body: 'a', pinned: true }, { body: 'b', pinned: true }, { body: 'c', pinned: false }]);
    await Note.destroy({ where: { body: 'b' } });
    const bodies = async (M: any, o: object = {}) => {
      const out: string[] = [];
      for await (const n of M.findEach({ order: [['body', 'ASC']], ...o })) out.push(n.body);
      return out;
    };
    assert.deepEqual(await bodies(Note), ['a']);
    assert.deepEqual(await bodies(Note, { paranoid: false }), ['a', 'b']);
    assert.deepEqual(await bodies(Note.unscoped()), ['a', 'c']);
    const batches: number[] = [];
    Note.addHook('afterFind', (found: unknown) => void batches.push((found as unknown[]).length));
    Note.addHook('beforeFind', (o: any) => void (o.where = { body: { [Op.ne]: 'zzz' } }));
    assert.deepEqual(await bodies(Note.unscoped(), { paranoid: false, batchSize: 2 }), ['a', 'b', 'c']);
    assert.deepEqual(batches, [2, 1]);
    assert.deepEqual(await bodies(Note.unscoped(), { paranoid: false, hooks: false }), ['a', 'b', 'c']);
    assert.deepEqual(batches, [2, 1]);
  });

  it('stream(): a Readable in object mode; destroying it releases the connection', async () => {
    const seen: number[] = [];
    await pipeline(SingleItem.stream({ where: { n: { [Op.lte]: 120 } }, order: [['n', 'ASC']], batchSize: 50 }), new Writable({
      objectMode: true,
      write(item: any, _enc, done) {
        seen.push(item.n);
        done();
      },
    }));
    assert.equal(seen.length, 120);
    assert.deepEqual(seen.slice(0, 3), [1, 2, 3]);
    const s = SingleItem.stream({ order: [['n', 'ASC']], batchSize: 100 });
    const first: any = await new Promise((resolve) => s.once('data', resolve));
    assert.equal(first.n, 1);
    s.destroy();
    await new Promise((resolve) => s.once('close', resolve));
    assert.equal(await SingleItem.count(), ROWS);
    assert.equal(await leftovers(), 0);
    // A failing read destroys the stream with the error.
    const S = single.define('Bad', { n: DataTypes.INTEGER, v: DataTypes.INTEGER }, { timestamps: false, tableName: 'BadItems' });
    await assert.rejects(pipeline(S.stream(), new Writable({ objectMode: true, write: (_c, _e, done) => done() })), (e: unknown) => e instanceof ValidationError);
    assert.equal(await SingleItem.count(), ROWS);
  });
});

// queryTimeout bounds one answer from the server; a stream that lasts longer than it is fine (pg only: PGlite has none).
forEachDriver('findEach longer than queryTimeout', (t) => {
  if (t.driver === 'pg') it('reads on past the timeout: pg\'s query timer is not left armed on the cursor', async () => {
    const db = t.connect({ queryTimeout: 300 });
    try {
      const Slow = db.define('Slow', { n: DataTypes.INTEGER }, { timestamps: false });
      await Slow.sync({ force: true });
      await db.query(`INSERT INTO "Slows" ("n") SELECT g FROM generate_series(1, 50) AS g`);
      let seen = 0;
      const started = Date.now();
      for await (const _ of Slow.findEach({ order: [['n', 'ASC']], batchSize: 10 })) {
        if (++seen % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 150));
      }
      assert.equal(seen, 50);
      assert.ok(Date.now() - started > 600);
    } finally {
      await db.close();
    }
  });
});

// The connection under a cursor dies mid-stream (pg only: PGlite has no backend to terminate).
forEachDriver('findEach when the backend is terminated', (t) => {
  if (t.driver === 'pg') it('rejects the iteration; the pool replaces the connection', async () => {
    const db = t.connect({ pool: { max: 1, acquireTimeoutMillis: 3_000 } });
    try {
      const Row = db.define('Row', { n: DataTypes.INTEGER }, { timestamps: false });
      await Row.sync({ force: true });
      await db.query(`INSERT INTO "Rows" ("n") SELECT g FROM generate_series(1, 5000) AS g`);
      const admin = new pg.Client({ connectionString: DATABASE_URL });
      await admin.connect();
      let seen = 0;
      const err = await (async () => {
        try {
          for await (const _ of Row.findEach({ order: [['n', 'ASC']], batchSize: 100 })) {
            if (++seen === 50) {
              const r = await admin.query(`SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND query LIKE '%FROM "Rows"%ORDER BY "n"%' AND query NOT LIKE '%pg_stat_activity%'`);
              assert.equal(r.rowCount, 1);
            }
          }
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      await admin.end();
      assert.ok(err instanceof Error, `expected an error, read ${seen} rows`);
      assert.ok(seen >= 50 && seen < 5000, `read ${seen} rows`);
      assert.equal(await Row.count(), 5000);
    } finally {
      await db.close();
    }
  });
});
