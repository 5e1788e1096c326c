import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { ConnectionError, Database, UsageError } from '../../src/index';
import { resolveConnection } from '../../src/driver/connection-options';
import type { PoolConfig } from 'pg';
import { DATABASE_URL, enabledDrivers } from '../support/harness';
import { StallingProxy } from '../support/stalling-proxy';

const SECRET = 'hunter2-Secret';

/** Everything a password could leak through: message, stack, inspect, JSON of the error and its cause. */
function leakSurface(err: unknown): string {
  const e = err as Error & { cause?: unknown };
  return [e?.message, e?.stack, inspect(e, { depth: 6 }), JSON.stringify(e), inspect(e?.cause, { depth: 6 })].join('\n');
}

function pgConfig(url: string, options: Record<string, unknown> = {}): PoolConfig {
  const r = resolveConnection({ url, ...options });
  assert.equal(r.kind, 'pg');
  return (r as { pool: PoolConfig }).pool;
}

/** Runs `fn` with environment variables set, restoring them after. */
function withEnv<T>(vars: Record<string, string | undefined>, fn: () => T): T {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(vars)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  try {
    return fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  }
}

describe('connection URLs (issue 10, defect 6)', () => {
  it('regression: malformed URLs never echo the password (postgres//…, two @, bad host, bad port)', async () => {
    const urls = [
      `postgres//u:${SECRET}@h/db`,
      `postgres://u:pa@${SECRET}@h/db`,
      `postgres://u:${SECRET}@x@[bad host/db`,
      `postgres:/u:${SECRET}@h/db`,
      `postgres://postgres:${SECRET}@[bad host/test`,
      `postgres://u:${SECRET}@h:99999/db`,
      `${SECRET}`,
      // A '/', '#' or '?' in the password ends the user info early: the rest must not be shown as port or database.
      `postgres://u:2024/${SECRET}@h/db`,
      `postgres://u:12#${SECRET}@h/db`,
      `postgres://u:12?${SECRET}@h/db`,
    ];
    for (const url of urls) {
      let err: unknown;
      let db: Database | undefined;
      try {
        db = new Database(url, { pool: { acquireTimeoutMillis: 500 } });
        // If it constructs, connecting must fail without the secret either.
        await db.authenticate();
      } catch (e) {
        err = e;
      } finally {
        await db?.close();
      }
      assert.ok(err instanceof ConnectionError || err instanceof UsageError, `${url.replace(SECRET, '***')}: ${String(err)}`);
      assert.ok(!leakSurface(err).includes(SECRET), leakSurface(err));
      assert.ok(!leakSurface(err).includes('pa@'), 'no part of the user info either');
    }
  });

  it('a URL with two @ says how to fix it (percent-encode @ as %40)', () => {
    assert.throws(() => new Database(`postgres://u:pa@${SECRET}@h/db`), (e: Error) => e instanceof ConnectionError && /more than one '@'/.test(e.message) && /%40/.test(e.message));
    const encoded = pgConfig(`postgres://u:pa%40${SECRET}@h/db`);
    assert.equal(encoded.password, `pa@${SECRET}`);
    assert.equal(encoded.host, 'h');
  });

  it('?host=/socket/dir, sslmode, application_name, options and IPv6 [::1] reach pg', () => {
    const socket = pgConfig('postgres://u@/db?host=/var/run/postgresql');
    assert.equal(socket.host, '/var/run/postgresql');
    assert.equal(socket.database, 'db');
    const v6 = pgConfig('postgresql://u@[::1]:6543/db?application_name=billing&options=-c%20work_mem%3D8MB');
    assert.equal(v6.host, '::1');
    assert.equal(v6.port, 6543);
    assert.equal(v6.application_name, 'billing');
    assert.match(String(v6.options), /^-c work_mem=8MB .*-c DateStyle=ISO -c IntervalStyle=postgres$/);
    assert.equal(pgConfig('postgres://u@h/db?sslmode=disable').ssl, false);
    assert.ok(pgConfig('postgres://u@h/db?sslmode=no-verify').ssl, 'sslmode other than disable turns TLS on');
    assert.deepEqual(pgConfig('postgres://u@h/db?sslmode=no-verify').ssl, { rejectUnauthorized: false });
  });

  it('refuses query parameters pg would silently ignore, naming them', () => {
    assert.throws(() => new Database('postgres://u@h/db?sslmod=require'), (e: Error) => e instanceof UsageError && /sslmod\b/.test(e.message));
  });

  it('PGHOST, PGPORT, PGUSER and PGDATABASE are the defaults, below the URL and the options', () => {
    const env = { PGHOST: 'envhost', PGPORT: '6001', PGUSER: 'envuser', PGDATABASE: 'envdb' };
    withEnv(env, () => {
      const fromEnv = resolveConnection({});
      assert.equal(fromEnv.kind, 'pg');
      const pool = (fromEnv as { pool: PoolConfig }).pool;
      assert.deepEqual([pool.host, pool.port, pool.user, pool.database], ['envhost', 6001, 'envuser', 'envdb']);
      const url = pgConfig('postgres://urluser@urlhost:7001/urldb');
      assert.deepEqual([url.host, url.port, url.user, url.database], ['urlhost', 7001, 'urluser', 'urldb']);
      const options = pgConfig('postgres://urluser@urlhost:7001/urldb', { host: 'opthost', port: 8001 });
      assert.deepEqual([options.host, options.port], ['opthost', 8001]);
    });
  });

  it('pglite:// URLs still work', async () => {
    const db = new Database('pglite://memory');
    try {
      assert.equal(db.driverKind, 'pglite');
      assert.deepEqual(await db.query('SELECT 1 AS one'), [{ one: 1 }]);
    } finally {
      await db.close();
    }
  });
});

describe('dialectOptions (issue 10, defect 9)', () => {
  it('unknown dialectOptions are refused, naming them; pglite takes none', () => {
    assert.throws(() => new Database(DATABASE_URL, { dialectOptions: { sssl: true } as never }), (e: Error) => e instanceof UsageError && /"sssl"/.test(e.message));
    assert.throws(() => new Database(DATABASE_URL, { dialectOptions: { binary: true } }), (e: Error) => e instanceof UsageError && /text format/.test(e.message));
    assert.throws(() => new Database('pglite://memory', { dialectOptions: { ssl: true } }), UsageError);
    assert.throws(() => new Database(DATABASE_URL, { statementTimeout: 5, dialectOptions: { statement_timeout: 6 } }), /given twice/);
  });

  it('Sequelize pass-through options become pg client options', () => {
    const pool = pgConfig(DATABASE_URL, {
      dialectOptions: {
        ssl: { require: true, rejectUnauthorized: false }, application_name: 'inv', keepAlive: false, statement_timeout: 1234,
        query_timeout: 5678, connectionTimeoutMillis: 999, lock_timeout: 11, idle_in_transaction_session_timeout: 22,
        options: '-c work_mem=4MB', clientMinMessages: 'error',
      },
    });
    assert.deepEqual(pool.ssl, { rejectUnauthorized: false }, 'require: true (Sequelize) turns TLS on and is not passed to node');
    assert.equal(pool.application_name, 'inv');
    assert.equal(pool.keepAlive, false);
    assert.equal(pool.statement_timeout, 1234);
    assert.equal(pool.query_timeout, 5678);
    assert.equal(pool.connectionTimeoutMillis, 999);
    assert.equal(pool.lock_timeout, 11);
    assert.equal(pool.idle_in_transaction_session_timeout, 22);
    assert.equal(pool.options, '-c work_mem=4MB -c client_min_messages=error -c DateStyle=ISO -c IntervalStyle=postgres');
  });
});

if (enabledDrivers().includes('pg')) {
  describe('dialectOptions against the server [pg]', () => {
    it('regression: dialectOptions.ssl is honoured (this server has SSL off: the connection is refused, not made in clear text)', async () => {
      const db = new Database(DATABASE_URL, { dialectOptions: { ssl: { require: true, rejectUnauthorized: false } } });
      try {
        const plain = new Database(DATABASE_URL);
        const [{ ssl }] = await plain.query<{ ssl: string }>('SHOW ssl');
        await plain.close();
        if (ssl === 'on') {
          const [row] = await db.query<{ ssl: boolean }>('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
          assert.equal(row.ssl, true, 'the connection uses TLS');
        } else {
          const err = await db.authenticate().then(() => undefined, (e: unknown) => e);
          assert.ok(err instanceof ConnectionError, `expected a refusal, got ${String(err)}`);
          assert.match((err as Error).message, /SSL/);
        }
      } finally {
        await db.close();
      }
    });

    it('application_name, statement_timeout and options from dialectOptions reach the session', async () => {
      const db = new Database(DATABASE_URL, { dialectOptions: { application_name: 'inscribe-dialect', statement_timeout: 4321, options: '-c work_mem=5MB' } });
      try {
        const [row] = await db.query<Record<string, string>>(`SELECT current_setting('application_name') AS app, current_setting('statement_timeout') AS st, current_setting('work_mem') AS wm`);
        assert.deepEqual(row, { app: 'inscribe-dialect', st: '4321ms', wm: '5MB' });
      } finally {
        await db.close();
      }
    });

    it('PGHOST/PGPORT reach pg when the URL and options leave them out (through a loopback proxy)', async () => {
      const proxy = new StallingProxy({ host: '127.0.0.1', port: Number(new URL(DATABASE_URL).port || 5432) });
      const port = await proxy.start();
      const db = withEnv({ PGHOST: '127.0.0.1', PGPORT: String(port) }, () => new Database({ database: 'test', username: 'postgres' }));
      try {
        assert.deepEqual(await db.query('SELECT 1 AS one'), [{ one: 1 }]);
        assert.equal(proxy.connectionCount, 1, 'the connection went to PGHOST:PGPORT');
      } finally {
        await db.close();
        await proxy.stop();
      }
    });
  });
}
