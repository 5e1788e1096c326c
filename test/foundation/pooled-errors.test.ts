import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import {
  ConnectionError, DataTypes, Database, DatabaseError, PoolExhaustedError, UniqueConstraintError,
} from '../../src/index';
import { convertError } from '../../src/errors';
import { DATABASE_URL, enabledDrivers, forEachDriver } from '../support/harness';
import { failure, holdConnection } from '../support/rejection';

const server = new URL(DATABASE_URL);
const suffix = `${process.pid}_${Date.now().toString(36)}`;

/** The server's settings, with another database or user. */
function other(options: { database?: string; username?: string; pool?: Record<string, number> }): Database {
  return new Database({
    host: server.hostname || '127.0.0.1', port: Number(server.port || 5432), database: server.pathname.slice(1) || 'test',
    username: decodeURIComponent(server.username) || 'postgres', pool: { acquireTimeoutMillis: 3000 }, ...options,
  });
}

forEachDriver('pooled connections survive statement errors (issue 10, defects 8 and 9)', (t) => {
  it('several statements in one db.query without bound values return the rows of each, in order', async () => {
    const rows = await t.db.query('SELECT 1 AS a; SELECT 2 AS b, 3 AS c');
    assert.deepEqual(rows, [{ a: 1 }, { b: 2, c: 3 }]);
    const err = await failure(t.db.query('SELECT $1::int AS a; SELECT 2 AS b', { bind: [1] }));
    assert.ok(err instanceof DatabaseError, String(err));
    assert.equal((err as DatabaseError).code, '42601');
    assert.match(err.message, /one statement per call/);
  });

  // PGlite is one connection, never pooled: the rest is about the pg pool.
  if (t.driver !== 'pg') return;

  it('regression: 500 unique violations run on one connection (same backend pid), not 500 new ones', async () => {
    const db = t.connect({ pool: { max: 1 } });
    try {
      await db.query('CREATE TABLE uniq500 (k int PRIMARY KEY)');
      await db.query('INSERT INTO uniq500 VALUES (1)');
      const [{ pid: before }] = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      let violations = 0;
      for (let i = 0; i < 500; i++) {
        const err = await failure(db.query('INSERT INTO uniq500 VALUES ($1)', { bind: [1] }));
        if (err instanceof UniqueConstraintError) violations++;
      }
      assert.equal(violations, 500);
      const [{ pid: after }] = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      assert.equal(after, before, 'the connection was kept through every violation');
    } finally {
      await db.close();
    }
  });

  it('a model create that violates a unique constraint keeps the connection too', async () => {
    const db = t.connect({ pool: { max: 1 } });
    try {
      const Account = db.define('PooledAccount', { email: { type: DataTypes.STRING, unique: true } });
      await Account.sync({ force: true });
      await Account.create({ email: 'a@x' });
      const [{ pid: before }] = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      for (let i = 0; i < 20; i++) await assert.rejects(Account.create({ email: 'a@x' }), UniqueConstraintError);
      const [{ pid: after }] = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      assert.equal(after, before);
    } finally {
      await db.close();
    }
  });

  it('a raw BEGIN left open is never handed to the next caller (the connection is destroyed)', async () => {
    const db = t.connect({ pool: { max: 1 } });
    try {
      const [{ pid: first }] = await db.query<{ pid: number }>('BEGIN; SELECT pg_backend_pid() AS pid');
      const [row] = await db.query<{ pid: number; xact: boolean }>(`SELECT pg_backend_pid() AS pid, now() = statement_timestamp() AS xact`);
      assert.notEqual(row.pid, first, 'another connection');
      assert.equal(row.xact, true, 'not inside the abandoned transaction');
      // A failed statement inside a multi-statement transaction ('E' state) is not reused either.
      await failure(db.query('BEGIN; SELECT 1/0'));
      assert.deepEqual(await db.query('SELECT 1 AS ok'), [{ ok: 1 }]);
    } finally {
      await db.close();
    }
  });
});

if (enabledDrivers().includes('pg')) {
  describe('connection failures are ConnectionErrors, from a model call and from authenticate() alike (issue 10, defect 9) [pg]', () => {
    it('regression: a missing database (3D000)', async () => {
      const db = other({ database: `no_such_db_${suffix}` });
      try {
        const User = db.define('Nobody', { name: DataTypes.STRING });
        for (const err of [await failure(User.findAll()), await failure(db.authenticate()), await failure(db.query('SELECT 1'))]) {
          assert.ok(err instanceof ConnectionError, `${err.constructor.name}: ${err.message}`);
          assert.equal((err as ConnectionError).code, '3D000');
          assert.match(err.message, /Cannot connect to postgres:\/\/.*no_such_db_.*does not exist.*Create the database/);
        }
      } finally {
        await db.close();
      }
    });

    it('regression: a role that does not exist (28000)', async () => {
      const db = other({ username: `no_such_role_${suffix}` });
      try {
        const User = db.define('Nobody', { name: DataTypes.STRING });
        for (const err of [await failure(User.findAll()), await failure(db.authenticate())]) {
          assert.ok(err instanceof ConnectionError, `${err.constructor.name}: ${err.message}`);
          assert.equal((err as ConnectionError).code, '28000');
        }
      } finally {
        await db.close();
      }
    });

    it('too many connections (53300, a role with CONNECTION LIMIT 1)', async () => {
      const admin = new Database(DATABASE_URL);
      const role = `inscribe_limit_${suffix}`;
      await admin.query(`CREATE ROLE "${role}" LOGIN CONNECTION LIMIT 1`);
      const db = other({ username: role, pool: { max: 2, acquireTimeoutMillis: 3000 } });
      try {
        const release = await holdConnection(db);
        const err = await failure(db.query('SELECT 1'));
        await release();
        assert.ok(err instanceof ConnectionError, `${err.constructor.name}: ${err.message}`);
        assert.equal((err as ConnectionError).code, '53300');
        assert.match(err.message, /no connection slot left/);
      } finally {
        await db.close();
        await admin.query(`DROP ROLE IF EXISTS "${role}"`);
        await admin.close();
      }
    });

    it('regression: pool exhaustion says so (its size and how many wait), distinct from an unreachable server', async () => {
      const db = new Database(DATABASE_URL, { pool: { max: 1, acquireTimeoutMillis: 300 } });
      try {
        const release = await holdConnection(db);
        const [a, b] = await Promise.all([failure(db.query('SELECT 1')), failure(db.query('SELECT 2'))]);
        await release();
        for (const err of [a, b]) {
          assert.ok(err instanceof PoolExhaustedError, `${err.constructor.name}: ${err.message}`);
          assert.ok(err instanceof ConnectionError);
          assert.equal((err as PoolExhaustedError).max, 1);
          assert.match(err.message, /pool is exhausted: all 1 connection \(pool\.max\) stayed busy for 300 ms/);
          assert.doesNotMatch(err.message, /timeout exceeded when trying to connect/);
        }
        assert.match(a.message, /1 other call is still waiting/, 'the first to give up sees the second still waiting');
        assert.deepEqual(await db.query('SELECT 1 AS ok'), [{ ok: 1 }], 'the pool works again once released');
      } finally {
        await db.close();
      }
      // An unreachable server (a listener that never answers) is a plain ConnectionError that says so.
      const silent = createServer(() => undefined);
      await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
      const unreachable = new Database({ host: '127.0.0.1', port: (silent.address() as AddressInfo).port, database: 'x', username: 'u', pool: { max: 1, acquireTimeoutMillis: 300 } });
      try {
        const err = await failure(unreachable.query('SELECT 1'));
        assert.ok(err instanceof ConnectionError && !(err instanceof PoolExhaustedError), `${err.constructor.name}: ${err.message}`);
        assert.match(err.message, /^Cannot connect to postgres:\/\/u@127\.0\.0\.1:\d+\/x: no answer within 300 ms \(pool\.acquireTimeoutMillis\)/);
      } finally {
        await unreachable.close();
        silent.close();
      }
    });
  });
}

describe('convertError recognises SQLSTATEs properly (issue 10, defect 9)', () => {
  it("regression: Node's EPIPE (five capital letters, but an errno code) is a ConnectionError, not a DatabaseError", () => {
    // The shape Node gives a failed socket write (code, errno, syscall).
    const epipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE', errno: -32, syscall: 'write' });
    const err = convertError(epipe, 'SELECT 1', []);
    assert.ok(err instanceof ConnectionError, err.constructor.name);
    assert.equal(err.code, 'EPIPE');
    for (const code of ['ECONNRESET', 'ETIMEDOUT', 'ECONNREFUSED']) {
      assert.ok(convertError(Object.assign(new Error(code), { code, errno: -1, syscall: 'read' }), 'SELECT 1', []) instanceof ConnectionError, code);
    }
  });

  it('a server error with an SQLSTATE of digits and capitals is still classified by it', () => {
    const server = Object.assign(new Error('duplicate key value violates unique constraint "k"'), { code: '23505', severity: 'ERROR' });
    assert.ok(convertError(server, 'INSERT', []) instanceof UniqueConstraintError);
    const drop = Object.assign(new Error('database "x" does not exist'), { code: '3D000', severity: 'ERROR' });
    assert.equal(convertError(drop, 'DROP DATABASE x', []).constructor, DatabaseError, 'from a statement, 3D000 is a DatabaseError');
    const admin = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01', severity: 'FATAL' });
    assert.ok(convertError(admin, 'SELECT 1', []) instanceof ConnectionError);
  });
});
