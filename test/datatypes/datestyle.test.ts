import { it } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataTypes, Database } from '../../src/index';
import { DATABASE_URL, forEachDriver } from '../support/harness';

const server = new URL(DATABASE_URL);

/** Writes and reads back a model with timestamps and an array of dates, and reads raw timestamps and intervals. */
async function roundTrip(db: Database): Promise<void> {
  const Event = db.define('StyledEvent', { at: DataTypes.DATE, days: DataTypes.ARRAY(DataTypes.DATE) }, { tableName: 'styled_events' });
  await Event.sync({ force: true });
  const at = new Date('2026-01-02T03:04:05.678Z');
  const created = await Event.create({ at, days: [at] });
  assert.equal(created.get('at').toISOString(), at.toISOString());
  const [found] = await Event.findAll();
  assert.equal(found.get('at').toISOString(), at.toISOString());
  assert.equal(found.get('days')[0].toISOString(), at.toISOString());
  assert.ok(found.get('createdAt') instanceof Date && !Number.isNaN(found.get('createdAt').getTime()));
  const [row] = await db.query<{ t: Date; i: string }>(`SELECT '2026-11-05 06:07:08+00'::timestamptz AS t, '1 day 02:03:04'::interval::text AS i`);
  assert.equal(row.t.toISOString(), '2026-11-05T06:07:08.000Z');
  assert.equal(row.i, '1 day 02:03:04', 'IntervalStyle postgres');
}

forEachDriver('DateStyle is pinned to ISO on every connection (issue 10, defect 3)', (t) => {
  if (t.driver === 'pg') {
    it("regression: a role whose default is DateStyle 'SQL, DMY' (and IntervalStyle sql_standard) still reads and writes timestamps", { timeout: 30_000 }, async () => {
      const admin = new Database(DATABASE_URL);
      const role = `inscribe_ds_${process.pid}_${Date.now().toString(36)}`;
      await admin.query(`CREATE ROLE "${role}" LOGIN`);
      await admin.query(`ALTER ROLE "${role}" SET datestyle = 'SQL, DMY'`);
      await admin.query(`ALTER ROLE "${role}" SET intervalstyle = 'sql_standard'`);
      await admin.query(`GRANT ALL ON SCHEMA "${t.schema}" TO "${role}"`);
      const options = { host: server.hostname || '127.0.0.1', port: Number(server.port || 5432), database: server.pathname.slice(1) || 'test' };
      // Without the pin the role's default applies: this is what the parser used to get.
      const raw = new Client({ ...options, user: role });
      await raw.connect();
      const { rows: [plain] } = await raw.query('SHOW DateStyle');
      await raw.end();
      assert.equal(plain.DateStyle, 'SQL, DMY', 'the role default is in force for a plain connection');
      const db = new Database({ ...options, username: role, schema: t.schema, dialectOptions: { options: '-c DateStyle=German' } });
      try {
        const [style] = await db.query<{ d: string; i: string }>(`SELECT current_setting('DateStyle') AS d, current_setting('IntervalStyle') AS i`);
        assert.deepEqual(style, { d: 'ISO, DMY', i: 'postgres' }, "pinned, after the role's default and the user's own options");
        await roundTrip(db);
      } finally {
        await db.close();
        await admin.query(`DROP OWNED BY "${role}"`);
        await admin.query(`DROP ROLE "${role}"`);
        await admin.close();
      }
    });
  } else {
    it("regression: a data directory whose postgresql.conf sets DateStyle 'SQL, DMY' still reads and writes timestamps", { timeout: 60_000 }, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'inscribe-datestyle-'));
      try {
        const first = new Database(`pglite://${dir}`);
        await first.query('SELECT 1');
        await first.close();
        appendFileSync(join(dir, 'postgresql.conf'), "\ndatestyle = 'SQL, DMY'\nintervalstyle = 'sql_standard'\n");
        const db = new Database(`pglite://${dir}`);
        try {
          const [style] = await db.query<{ d: string; i: string }>(`SELECT current_setting('DateStyle') AS d, current_setting('IntervalStyle') AS i`);
          assert.deepEqual(style, { d: 'ISO, DMY', i: 'postgres' });
          await roundTrip(db);
        } finally {
          await db.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
