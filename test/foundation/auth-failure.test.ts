import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { ConnectionError, DataTypes, Database } from '../../src/index';
import { enabledDrivers } from '../support/harness';
import { ThrowawayCluster } from '../support/throwaway-cluster';
import { failure } from '../support/rejection';

const PASSWORD = 'right-Pass-7';
const WRONG = 'wrong-Secret-9';

function leakSurface(err: unknown): string {
  const e = err as Error & { cause?: unknown };
  return [e?.message, e?.stack, inspect(e, { depth: 6 }), JSON.stringify(e), inspect(e?.cause, { depth: 6 })].join('\n');
}

if (enabledDrivers().includes('pg') && ThrowawayCluster.available()) {
  describe('a wrong password is a ConnectionError everywhere (issue 10, defect 9) [pg, throwaway cluster with SCRAM]', () => {
    const cluster = new ThrowawayCluster(PASSWORD);
    before(() => cluster.start(), { timeout: 60_000 });
    after(() => cluster.stop());

    it('regression: 28P01 from a model call, db.query and authenticate() alike; no password in the error or the log', async () => {
      const logged: string[] = [];
      const db = new Database(`postgres://postgres:${WRONG}@127.0.0.1:${cluster.port}/postgres`, { logging: (s) => logged.push(s) });
      try {
        const User = db.define('Locked', { name: DataTypes.STRING });
        const errors = [await failure(User.findAll()), await failure(db.query('SELECT 1')), await failure(db.authenticate())];
        for (const err of errors) {
          assert.ok(err instanceof ConnectionError, `${err.constructor.name}: ${err.message}`);
          assert.equal((err as ConnectionError).code, '28P01');
          assert.match(err.message, /^Cannot connect to postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres: password authentication failed for user "postgres" \(SQLSTATE 28P01\)\. Check the user name and password\.$/);
          assert.ok(!leakSurface(err).includes(WRONG), leakSurface(err));
        }
        assert.ok(!logged.join('\n').includes(WRONG));
      } finally {
        await db.close();
      }
      const right = new Database(`postgres://postgres:${PASSWORD}@127.0.0.1:${cluster.port}/postgres`);
      try {
        assert.deepEqual(await right.query('SELECT 1 AS ok'), [{ ok: 1 }], 'the right password connects');
      } finally {
        await right.close();
      }
    });
  });
}
