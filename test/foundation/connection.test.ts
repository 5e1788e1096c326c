import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { ConnectionError, Database, DatabaseClosedError, DataTypes, Sequelize, UsageError } from '../../src/index';
import { DATABASE_URL, enabledDrivers, forEachDriver, freshPGlite } from '../support/harness';
import { ddlOf } from '../support/ddl';

const SECRET = 'hunter2-Secret';

/** Everything a password could leak through: message, stack, inspect, JSON of the error and its cause. */
function leakSurface(err: unknown): string {
  const e = err as Error & { cause?: unknown };
  return [e.message, e.stack, inspect(e, { depth: 6 }), JSON.stringify(e), inspect(e.cause, { depth: 6 })].join('\n');
}

describe('Database construction', () => {
  it('accepts every constructor form of API.md', async () => {
    const forms = [
      new Database('test', 'postgres', SECRET, { host: '127.0.0.1', dialect: 'postgres', port: 5432 }),
      new Database(`postgres://postgres:${SECRET}@127.0.0.1:5432/test`),
      new Database({ database: 'test', username: 'postgres', password: SECRET, host: '127.0.0.1', port: 5432, pool: { max: 3, min: 0, idleTimeoutMillis: 1000, acquireTimeoutMillis: 500 } }),
      new Database('pglite://memory'),
      new Sequelize('test', 'postgres', SECRET, { host: '127.0.0.1', dialect: 'postgres', port: 5432 }),
    ];
    assert.deepEqual(forms.map((d) => d.driverKind), ['pg', 'pg', 'pg', 'pglite', 'pg']);
    assert.deepEqual(forms.map((d) => d.databaseName), ['test', 'test', 'test', 'postgres', 'test']);
    await Promise.all(forms.map((d) => d.close()));
  });

  it('refuses a dialect other than postgres at construction', () => {
    assert.throws(() => new Database('db', 'u', 'p', { dialect: 'mysql' as 'postgres' }), (e: Error) => e instanceof UsageError && /PostgreSQL only/.test(e.message));
    assert.throws(() => new Database('mysql://u:p@h/db'), UsageError);
  });

  it('refuses unknown options, naming them', () => {
    assert.throws(() => new Database({ databse: 'x' } as never), /Unknown Database option "databse"/);
  });

  it('never shows the password: inspect, JSON, malformed URL', async () => {
    const db = new Database(`postgres://postgres:${SECRET}@127.0.0.1:5432/test`);
    assert.ok(!inspect(db, { depth: 10, showHidden: true }).includes(SECRET));
    assert.ok(!JSON.stringify(db).includes(SECRET));
    const err = (() => {
      try {
        new Database(`postgres://postgres:${SECRET}@[bad host/test`);
      } catch (e) {
        return e;
      }
    })();
    assert.ok(err instanceof ConnectionError, 'a malformed URL is a clear error');
    assert.ok(!leakSurface(err).includes(SECRET), leakSurface(err));
    await db.close();
  });
});

if (enabledDrivers().includes('pg')) {
  describe('pg pool behaviour [pg]', () => {
    it('a closed port fails fast with ConnectionError and no password anywhere', async () => {
      const logged: string[] = [];
      const db = new Database(`postgres://postgres:${SECRET}@127.0.0.1:1/test`, { pool: { acquireTimeoutMillis: 2000 }, logging: (s) => logged.push(s) });
      const started = Date.now();
      const err = await db.authenticate().then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof ConnectionError, String(err));
      assert.ok(Date.now() - started < 3000, 'within the acquire timeout');
      assert.ok(!leakSurface(err).includes(SECRET));
      assert.ok(!logged.join('\n').includes(SECRET));
      await db.close();
    });

    it('a server that accepts but never answers fails within acquireTimeoutMillis instead of waiting forever', async () => {
      // A silent listener on loopback: pg's own default would wait on it forever.
      const silent = createServer(() => undefined);
      await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
      const port = (silent.address() as AddressInfo).port;
      const db = new Database({ host: '127.0.0.1', port, database: 'x', username: 'u', password: SECRET, pool: { acquireTimeoutMillis: 300 } });
      const started = Date.now();
      const err = await db.query('SELECT 1').then(() => undefined, (e: unknown) => e);
      const elapsed = Date.now() - started;
      assert.ok(err instanceof ConnectionError, String(err));
      assert.ok(elapsed >= 250 && elapsed < 2000, `took ${elapsed} ms`);
      assert.ok(!leakSurface(err).includes(SECRET));
      await db.close();
      silent.close();
    });

    it('idle pooled connections killed by the server do not crash the process; the next query works', async () => {
      const logged: string[] = [];
      const db = new Database(DATABASE_URL, { logging: (s) => logged.push(s), pool: { max: 3 } });
      const events: Error[] = [];
      db.on('error', (e: Error) => events.push(e));
      // Open three connections, then let them go idle.
      await Promise.all([db.query('SELECT pg_sleep(0.05)'), db.query('SELECT pg_sleep(0.05)'), db.query('SELECT pg_sleep(0.05)')]);
      const admin = new Database(DATABASE_URL);
      const killed = await admin.query<{ n: number }>(
        "SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = '' AND pid <> pg_backend_pid() AND datname = current_database() AND state = 'idle' AND backend_type = 'client backend' AND query LIKE 'SELECT pg_sleep(0.05)%'");
      assert.ok(killed[0].n >= 1, 'killed the idle pooled connections');
      await new Promise((r) => setTimeout(r, 200));
      assert.ok(events.length >= 1, 'reported as an error event');
      assert.ok(events.every((e) => e instanceof ConnectionError));
      assert.ok(logged.some((l) => /idle pooled connection failed/.test(l)), 'reported through logging');
      assert.deepEqual(await db.query('SELECT 1 AS ok'), [{ ok: 1 }]);
      await admin.close();
      await db.close();
    });
  });
}

forEachDriver('Database lifecycle', (t) => {
  it('authenticate() succeeds, query() binds parameters and returns rows', async () => {
    await t.db.authenticate();
    const rows = await t.db.query<{ a: number; b: string }>('SELECT $1::int AS a, $2::text AS b', { bind: [7, "it's; -- $1"] });
    assert.deepEqual(rows, [{ a: 7, b: "it's; -- $1" }]);
  });

  it('close() is idempotent; every call after it is a clear error', async () => {
    const db = t.connect();
    const User = db.define('Closed', { name: DataTypes.STRING });
    await db.authenticate();
    await db.close();
    await db.close();
    await assert.rejects(db.query('SELECT 1'), DatabaseClosedError);
    await assert.rejects(db.authenticate(), DatabaseClosedError);
    await assert.rejects(User.create({ name: 'x' }), DatabaseClosedError);
    await assert.rejects(db.sync(), DatabaseClosedError);
  });

  it('logging receives every statement with its duration as a number, warnings and sync DDL included', async () => {
    const seen: [string, number][] = [];
    const ddl: [string, number][] = [];
    const db = t.connect({ logging: (sql: string, ms: number) => seen.push([sql, ms]) });
    try {
      const Timed = db.define('Timed', { label: DataTypes.STRING(20), n: DataTypes.FLOAT(5, 2) }, { freezeTableName: true });
      await Timed.sync({ force: true, logging: (sql, ms) => ddl.push([sql, ms]) });
      await db.query('SELECT 1');
      assert.ok(seen.some(([s]) => s === 'SELECT 1'));
      assert.ok(seen.some(([s]) => s.startsWith('Warning')), 'the FLOAT(5,2) warning went through logging');
      assert.ok(ddl.some(([s]) => s.startsWith('CREATE TABLE "Timed"')));
      for (const [sql, ms] of [...seen, ...ddl]) assert.ok(typeof ms === 'number' && ms >= 0 && Number.isFinite(ms), `${sql}: ${ms}`);
    } finally {
      await db.close();
    }
  });
});

if (enabledDrivers().includes('pglite')) {
  describe('pglite with a schema option [pglite]', () => {
    it('regression: a transaction as the very first call does not wait on itself', async () => {
      const db = new Database('pglite://memory', { schema: 'app' });
      try {
        db.define('First', { a: DataTypes.STRING });
        const ddl = await ddlOf(db); // sync runs in a transaction; the search_path must be set before it takes the connection
        assert.ok(ddl.some((s) => s.startsWith('CREATE TABLE "Firsts"')));
        assert.deepEqual(await db.query(`SELECT table_schema FROM information_schema.tables WHERE table_name = 'Firsts'`), [{ table_schema: 'app' }]);
      } finally {
        await db.close();
      }
    });
  });

  describe('the pglite option: Databases on a PGlite instance the caller owns [pglite]', () => {
    it('each Database keeps its own schema on the shared session, and close() leaves the instance open', async () => {
      const pg = await freshPGlite();
      const a = new Database({ pglite: pg, schema: 'sa' });
      const b = new Database({ pglite: pg, schema: 'sb' });
      try {
        const A = a.define('Item', { v: DataTypes.STRING }, { timestamps: false });
        const B = b.define('Item', { v: DataTypes.STRING }, { timestamps: false });
        await a.sync();
        await b.sync();
        // Interleaved calls: each runs under its own search_path.
        await Promise.all([A.create({ v: 'in a' }), B.create({ v: 'in b' }), A.create({ v: 'in a too' })]);
        assert.deepEqual((await A.findAll({ order: ['v'] })).map((r) => r.v), ['in a', 'in a too']);
        assert.deepEqual((await B.findAll()).map((r) => r.v), ['in b']);
        assert.deepEqual(await b.query(`SELECT current_schema() AS s`), [{ s: 'sb' }]);
        assert.deepEqual(await a.query(`SELECT current_schema() AS s`), [{ s: 'sa' }]);
        await a.close();
        assert.deepEqual((await pg.query('SELECT count(*)::int AS n FROM sa."Items"')).rows, [{ n: 2 }], 'the instance is still open');
      } finally {
        await a.close();
        await b.close();
        await pg.close();
      }
    });

    it("another Database's statement waits for a transaction on the same instance instead of running inside it", async () => {
      const pg = await freshPGlite();
      const a = new Database({ pglite: pg });
      const b = new Database({ pglite: pg });
      try {
        await a.query('CREATE TABLE t (v int)');
        let seen: Promise<unknown> | undefined;
        await assert.rejects(a.transaction(async (tx) => {
          await tx.run({ text: 'INSERT INTO t VALUES (1)', values: [] }, 'array');
          seen = b.query<{ n: number }>('SELECT count(*)::int AS n FROM t');
          await new Promise((r) => setTimeout(r, 50));
          throw new Error('roll back');
        }), /roll back/);
        assert.deepEqual(await seen, [{ n: 0 }], 'b ran after the ROLLBACK, not inside the transaction');
      } finally {
        await a.close();
        await b.close();
        await pg.close();
      }
    });

    it('refuses a pglite option that is not an instance, and a URL with it', () => {
      assert.throws(() => new Database({ pglite: {} as never }), /must be an open PGlite instance/);
      assert.throws(() => new Database('pglite://memory', { pglite: { query: async () => ({}), close: async () => {} } as never }), /either a connection URL or the pglite option/);
    });
  });

  describe('pglite:///dir persists to disk [pglite]', () => {
    it('writes, closes, reopens and reads back', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'inscribe-pglite-'));
      try {
        const a = new Database(`pglite://${dir}`);
        await a.query('CREATE TABLE kept (v text)');
        await a.query('INSERT INTO kept VALUES ($1)', { bind: ['still here'] });
        await a.close();
        const b = new Database(`pglite://${dir}`);
        assert.deepEqual(await b.query('SELECT v FROM kept'), [{ v: 'still here' }]);
        await b.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
