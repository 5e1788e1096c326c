import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Database } from '../../src/index';
import { DATABASE_URL, enabledDrivers } from '../support/harness';

/** One statement covering every type both drivers must read back alike. */
const SQL = `SELECT
  9223372036854775807::int8 AS big,
  '12345678901234567890.123456789'::numeric AS exact,
  '2026-11-24 20:51:32.123+02'::timestamptz AS at,
  '2026-02-28'::date AS day,
  '13:45:10'::time AS clock,
  '{"a": [1, {"b": null}], "s": "é"}'::json AS j,
  '{"z": 1, "a": true}'::jsonb AS jb,
  '\\x00ff10'::bytea AS bytes,
  '"a"=>"1", "b\\"q"=>NULL, "c"=>"x,y=>z"'::hstore AS h,
  'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid AS id,
  ARRAY[1, 2, NULL]::int[] AS ints,
  ARRAY['x', 'y "q"', NULL]::text[] AS texts,
  ARRAY['2020-01-01 00:00:00+00']::timestamptz[] AS times,
  true AS flag, 1.5::float8 AS dbl, 32767::int2 AS small`;

const EXPECTED = {
  big: '9223372036854775807',
  exact: '12345678901234567890.123456789',
  at: new Date('2026-11-24T18:51:32.123Z'),
  day: '2026-02-28',
  clock: '13:45:10',
  j: { a: [1, { b: null }], s: 'é' },
  jb: { a: true, z: 1 },
  bytes: Buffer.from([0x00, 0xff, 0x10]),
  h: { a: '1', 'b"q': null, c: 'x,y=>z' },
  id: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
  ints: [1, 2, null],
  texts: ['x', 'y "q"', null],
  times: [new Date('2020-01-01T00:00:00Z')],
  flag: true,
  dbl: 1.5,
  small: 32767,
};

describe('both drivers return the same JS value for every type', () => {
  const open = (driver: string) => (driver === 'pg' ? new Database(DATABASE_URL) : new Database('pglite://memory'));
  for (const driver of enabledDrivers()) {
    it(`raw query values [${driver}]`, async () => {
      const db = open(driver);
      try {
        await db.query('CREATE EXTENSION IF NOT EXISTS hstore');
        const [row] = await db.query(SQL);
        assert.deepEqual(row, EXPECTED);
        // A second query takes the registered HSTORE parser directly.
        const [again] = await db.query<{ h: unknown }>(`SELECT 'k=>v'::hstore AS h`);
        assert.deepEqual(again.h, { k: 'v' });
      } finally {
        await db.close();
      }
    });
  }

  it('the pg driver leaves the process-global pg.types untouched', async () => {
    const pg = require('pg') as typeof import('pg');
    const before = [20, 1082, 1700, 114, 1184].map((oid) => pg.types.getTypeParser(oid, 'text'));
    const db = new Database(DATABASE_URL, { bigint: 'bigint' });
    if (enabledDrivers().includes('pg')) await db.query('SELECT 1::int8 AS n');
    await db.close();
    const after = [20, 1082, 1700, 114, 1184].map((oid) => pg.types.getTypeParser(oid, 'text'));
    assert.deepEqual(after, before);
    // And a plain pg client still gets pg's own defaults (DATE as a Date object).
    if (enabledDrivers().includes('pg')) {
      const client = new pg.Client(DATABASE_URL);
      await client.connect();
      const { rows } = await client.query(`SELECT '2026-02-28'::date AS d`);
      assert.ok(rows[0].d instanceof Date);
      await client.end();
    }
  });
});
