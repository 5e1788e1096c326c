import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { ConnectionError, Database, TimeoutError } from '../../src/index';
import { resolveConnection } from '../../src/driver/connection-options';
import { DATABASE_URL, enabledDrivers } from '../support/harness';
import { StallingProxy } from '../support/stalling-proxy';

const server = new URL(DATABASE_URL);
const target = { host: server.hostname || '127.0.0.1', port: Number(server.port || 5432) };

/** A Database through the proxy, on the test server's database and user. */
function through(port: number, options: Record<string, unknown> = {}): Database {
  return new Database({ host: '127.0.0.1', port, database: server.pathname.slice(1) || 'test', username: decodeURIComponent(server.username) || 'postgres', ...options });
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return check();
}

if (enabledDrivers().includes('pg')) {
  describe('queryTimeout: a silent network never hangs a call (issue 10, defect 2) [pg]', () => {
    it('regression: a proxy that stops forwarding fails the call with TimeoutError, destroys that connection, and the next call succeeds', { timeout: 20_000 }, async () => {
      const proxy = new StallingProxy(target);
      const port = await proxy.start();
      const db = through(port, { queryTimeout: 1500, pool: { max: 1 } });
      try {
        const [{ pid: before }] = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        proxy.stall();
        const started = Date.now();
        const err = await db.query('SELECT 1').then(() => undefined, (e: unknown) => e);
        const elapsed = Date.now() - started;
        assert.ok(err instanceof TimeoutError, `expected TimeoutError, got ${String(err)}`);
        assert.match((err as Error).message, /queryTimeout \(1500 ms\)/);
        assert.equal((err as TimeoutError).sql, 'SELECT 1');
        assert.ok(elapsed >= 1400 && elapsed < 8000, `failed after ${elapsed} ms`);
        // Destroyed, not handed back: the stalled socket is closed from our side.
        assert.ok(await until(() => proxy.stalledOpen === 0, 5000), 'the stuck connection was closed');
        const [{ pid: after }] = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        assert.notEqual(after, before, 'the next call runs on a new connection');
        assert.equal(proxy.connectionCount, 2);
      } finally {
        await db.close();
        await proxy.stop();
      }
    });

    it('inside a transaction: the timed-out statement fails at once with TimeoutError, the ROLLBACK does not wait again, the pool recovers', { timeout: 20_000 }, async () => {
      const proxy = new StallingProxy(target);
      const port = await proxy.start();
      const db = through(port, { queryTimeout: 1500, pool: { max: 1 } });
      try {
        const started = Date.now();
        const err = await db.transaction(async (tx) => {
          await tx.run({ text: 'SELECT 1', values: [] }, 'array');
          proxy.stall();
          await tx.run({ text: 'SELECT 2', values: [] }, 'array');
        }).then(() => undefined, (e: unknown) => e);
        const elapsed = Date.now() - started;
        assert.ok(err instanceof TimeoutError, `expected TimeoutError, got ${String(err)}`);
        // A ROLLBACK queued behind the stuck statement would wait a second full queryTimeout (3000 ms in all).
        assert.ok(elapsed < 2900, `the ROLLBACK did not wait another queryTimeout (${elapsed} ms)`);
        assert.deepEqual(await db.query('SELECT 1 AS ok'), [{ ok: 1 }]);
      } finally {
        await db.close();
        await proxy.stop();
      }
    });

    it('queryTimeout: 0 disables it; the default is on (5 minutes, or statementTimeout + 10 s)', async () => {
      const qt = (o: Record<string, unknown>) => (resolveConnection({ url: DATABASE_URL, ...o }) as { pool: { query_timeout?: number } }).pool.query_timeout;
      assert.equal(qt({}), 300_000);
      assert.equal(qt({ statementTimeout: 600_000 }), 610_000);
      assert.equal(qt({ queryTimeout: 0 }), undefined);
      assert.equal(qt({ queryTimeout: false }), undefined);
      assert.equal(qt({ queryTimeout: 1500 }), 1500);
      assert.equal(qt({ statementTimeout: 2 ** 31 - 1 }), 2 ** 31 - 1 + 10_000);
    });

    it('the read deadline does not keep a result alive: rows dropped by the caller die young (pg\'s own query_timeout timer kept every row until a full GC)', async () => {
      v8.setFlagsFromString('--expose-gc');
      const gc = vm.runInNewContext('gc') as (o?: { type: 'minor' | 'major' }) => void;
      const oldSpace = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'old_space')!.space_used_size;
      const sql = "SELECT i, repeat('x', 200) || i AS label FROM generate_series(1, 1000) AS i";
      const db = new Database(DATABASE_URL, { pool: { max: 1 } });
      try {
        for (let k = 0; k < 5; k++) await db.query(sql);
        gc({ type: 'major' });
        const before = oldSpace();
        const calls = 40;
        // Each result (about 250 KB) is dropped at once; a minor GC then frees it unless something still holds it.
        for (let k = 0; k < calls; k++) {
          assert.equal((await db.query(sql)).length, 1000);
          gc({ type: 'minor' });
        }
        const perCall = (oldSpace() - before) / calls;
        // Measured: under 10 KB per call now, about 250 KB with pg's query_timeout (the whole result promoted).
        assert.ok(perCall < 80_000, `the old generation grew by ${Math.round(perCall / 1024)} KB per call: dropped results are being promoted`);
      } finally {
        await db.close();
      }
    });

    it('a queryTimeout longer than a Node timer can hold (2^31 ms and more) does not fire at once: the deadline is checked by a ticker, not one timer per statement', async () => {
      for (const o of [{ queryTimeout: 2 ** 40 }, { statementTimeout: 2 ** 31 - 1 }]) {
        const db = new Database(DATABASE_URL, { ...o, pool: { max: 1 } });
        try {
          assert.deepEqual(await db.query('SELECT pg_sleep(0.05), 1 AS ok'), [{ pg_sleep: '', ok: 1 }]);
        } finally {
          await db.close();
        }
      }
    });

    it('a statement_timeout (server side) keeps the connection: TimeoutError 57014, same backend after', async () => {
      const db = new Database(DATABASE_URL, { statementTimeout: 50, pool: { max: 1 } });
      try {
        const [{ pid: before }] = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        const err = await db.query('SELECT pg_sleep(1)').then(() => undefined, (e: unknown) => e);
        assert.ok(err instanceof TimeoutError);
        assert.equal((err as TimeoutError).code, '57014');
        const [{ pid: after }] = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        assert.equal(after, before);
      } finally {
        await db.close();
      }
    });

    it('TCP keepalive is on for pooled connections (ss shows a keepalive timer on our socket)', async (t) => {
      let ss: string;
      const db = new Database(DATABASE_URL, { pool: { max: 1 } });
      try {
        const [{ port }] = await db.query<{ port: number }>('SELECT client_port AS port FROM pg_stat_activity WHERE pid = pg_backend_pid()');
        try {
          ss = execFileSync('ss', ['-tnoH', 'state', 'established', `( sport = :${port} )`], { encoding: 'utf8' });
        } catch {
          // Under CI the check must run: a missing ss is a broken machine, not a pass.
          if (process.env.CI) throw new Error('ss (iproute2) is not available: the keepalive check cannot run');
          t.skip('ss is not available');
          return;
        }
        assert.match(ss, /timer:\(keepalive/, ss);
      } finally {
        await db.close();
      }
    });

    it('a server that is not there at all is still a ConnectionError (not a TimeoutError)', async () => {
      const db = new Database({ host: '127.0.0.1', port: 1, database: 'x', username: 'u', pool: { acquireTimeoutMillis: 1000 } });
      try {
        const err = await db.query('SELECT 1').then(() => undefined, (e: unknown) => e);
        assert.ok(err instanceof ConnectionError, String(err));
        assert.equal((err as ConnectionError).code, 'ECONNREFUSED');
        assert.match((err as Error).message, /Cannot connect to postgres:\/\/u@127\.0\.0\.1:1\/x: .*ECONNREFUSED.*Is PostgreSQL running/);
      } finally {
        await db.close();
      }
    });
  });
}
