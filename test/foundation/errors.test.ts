import { it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ConnectionError, DataTypes, DatabaseError, DeadlockError, ForeignKeyConstraintError, InscribeError, SerializationError,
  TimeoutError, UniqueConstraintError, ValidationError,
} from '../../src/index';
import { forEachDriver } from '../support/harness';

/** Runs `fn` and returns what it threw (failing the test if it did not throw). */
async function thrown(fn: () => Promise<unknown>): Promise<InscribeError> {
  try {
    await fn();
  } catch (err) {
    assert.ok(err instanceof InscribeError, `expected an InscribeError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the call to throw');
}

forEachDriver('SQLSTATE → error classes', (t) => {
  it('23505 unique violation → UniqueConstraintError with sql, parameters, code, constraint, cause', async () => {
    await t.db.query('CREATE TABLE uniq (email text UNIQUE)');
    await t.db.query('INSERT INTO uniq VALUES ($1)', { bind: ['a@x'] });
    const err = await thrown(() => t.db.query('INSERT INTO uniq VALUES ($1)', { bind: ['a@x'] }));
    assert.ok(err instanceof UniqueConstraintError);
    assert.ok(err instanceof DatabaseError);
    assert.equal(err.code, '23505');
    assert.equal(err.sql, 'INSERT INTO uniq VALUES ($1)');
    assert.deepEqual(err.parameters, ['a@x']);
    assert.equal(err.constraint, 'uniq_email_key');
    assert.ok(err.cause, 'keeps the driver error as cause');
    assert.equal(err.retryable, false);
  });

  it('23503 foreign key violation → ForeignKeyConstraintError', async () => {
    await t.db.query('CREATE TABLE parent (id int PRIMARY KEY)');
    await t.db.query('CREATE TABLE child (pid int REFERENCES parent(id))');
    const err = await thrown(() => t.db.query('INSERT INTO child VALUES ($1)', { bind: [42] }));
    assert.ok(err instanceof ForeignKeyConstraintError);
    assert.equal(err.code, '23503');
  });

  it('23502 not-null violation → ValidationError naming the attribute of the model', async () => {
    const Item = t.db.define('NotNullItem', { title: { type: DataTypes.STRING, field: 'item_title' } });
    await Item.sync({ force: true });
    await t.db.query('ALTER TABLE "NotNullItems" ALTER COLUMN item_title SET NOT NULL');
    // null passes the JS check (the model allows it), so PostgreSQL is the one refusing it.
    const err = await thrown(() => Item.create({ title: null }));
    assert.ok(err instanceof ValidationError);
    assert.equal(err.code, '23502');
    assert.equal(err.attribute, 'title', 'names the attribute, not the column');
    assert.match(err.message, /NotNullItem\.title/);
    assert.deepEqual(await t.db.query('SELECT count(*)::int AS n FROM "NotNullItems"'), [{ n: 0 }], 'no partial row');
  });

  it('22P02 invalid text representation → ValidationError', async () => {
    const err = await thrown(() => t.db.query('SELECT $1::int AS n', { bind: ['abc'] }));
    assert.ok(err instanceof ValidationError);
    assert.equal(err.code, '22P02');
    assert.deepEqual(err.parameters, ['abc']);
  });

  it('22003 numeric out of range → ValidationError', async () => {
    const err = await thrown(() => t.db.query('SELECT $1::int + 1 AS n', { bind: [2147483647] }));
    assert.ok(err instanceof ValidationError);
    assert.equal(err.code, '22003');
  });

  it('22021 invalid byte sequence → ValidationError', async () => {
    const err = await thrown(() => t.db.query(`SELECT convert_from('\\xff'::bytea, 'UTF8') AS s`));
    assert.ok(err instanceof ValidationError);
    assert.equal(err.code, '22021');
  });

  it('other SQLSTATEs → DatabaseError with the code (42P01 undefined table)', async () => {
    const err = await thrown(() => t.db.query('SELECT * FROM no_such_table'));
    assert.equal(err.constructor, DatabaseError);
    assert.equal(err.code, '42P01');
    assert.equal(err.sql, 'SELECT * FROM no_such_table');
  });

  it('the stack leads back to the calling test line', async () => {
    const err = await thrown(() => t.db.query('SELECT * FROM still_no_such_table'));
    assert.match(err.stack ?? '', /errors\.test\.(js|ts)/);
  });

  if (t.driver === 'pg') {
    it('57014 statement timeout → TimeoutError', async () => {
      const db = t.connect({ statementTimeout: 50 });
      try {
        const err = await thrown(() => db.query('SELECT pg_sleep(2)'));
        assert.ok(err instanceof TimeoutError);
        assert.equal(err.code, '57014');
      } finally {
        await db.close();
      }
    });

    it('40P01 deadlock → DeadlockError, retryable', async () => {
      await t.db.query('CREATE TABLE dl (id int PRIMARY KEY, v int)');
      await t.db.query('INSERT INTO dl VALUES (1, 0), (2, 0)');
      let release!: () => void;
      const bothLocked = new Promise<void>((r) => (release = r));
      let locked = 0;
      const lockBoth = (first: number, second: number) => t.db.transaction(async (tx) => {
        await tx.run({ text: 'UPDATE dl SET v = v + 1 WHERE id = $1', values: [first] }, 'array');
        if (++locked === 2) release();
        await bothLocked;
        await tx.run({ text: 'UPDATE dl SET v = v + 1 WHERE id = $1', values: [second] }, 'array');
      });
      const results = await Promise.allSettled([lockBoth(1, 2), lockBoth(2, 1)]);
      const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      assert.equal(failures.length, 1, 'exactly one transaction is chosen as the victim');
      assert.ok(failures[0].reason instanceof DeadlockError);
      assert.equal(failures[0].reason.code, '40P01');
      assert.equal(failures[0].reason.retryable, true);
    });

    it('40001 serialization failure → SerializationError, retryable', async () => {
      await t.db.query('CREATE TABLE ser (id int PRIMARY KEY, v int)');
      await t.db.query('INSERT INTO ser VALUES (1, 0)');
      const err = await thrown(() => t.db.transaction(async (tx) => {
        await tx.run({ text: 'SET TRANSACTION ISOLATION LEVEL REPEATABLE READ', values: [] }, 'array');
        await tx.run({ text: 'SELECT v FROM ser WHERE id = 1', values: [] }, 'array');
        await t.db.query('UPDATE ser SET v = 1 WHERE id = 1', { transaction: null }); // another connection commits meanwhile
        await tx.run({ text: 'UPDATE ser SET v = 2 WHERE id = 1', values: [] }, 'array');
      }));
      assert.ok(err instanceof SerializationError);
      assert.equal(err.code, '40001');
      assert.equal(err.retryable, true);
      assert.deepEqual(await t.db.query('SELECT v FROM ser'), [{ v: 1 }], 'the failed transaction rolled back');
    });

    it('57P01 connection terminated mid-transaction → ConnectionError', async () => {
      const err = await thrown(() => t.db.transaction(async (tx) => {
        const [{ pid }] = (await tx.run<{ pid: number }>({ text: 'SELECT pg_backend_pid() AS pid', values: [] }, 'object')).rows;
        await t.db.query('SELECT pg_terminate_backend($1)', { bind: [pid], transaction: null });
        await tx.run({ text: 'SELECT 1', values: [] }, 'array');
      }));
      assert.ok(err instanceof ConnectionError, `got ${err.constructor.name}: ${err.message}`);
      assert.deepEqual(await t.db.query('SELECT 1 AS ok'), [{ ok: 1 }], 'the pool recovers');
    });
  }
});
