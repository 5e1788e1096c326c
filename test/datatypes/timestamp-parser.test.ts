import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseTimestamp } from '../../src/types/timestamp-parser';
import { forEachDriver } from '../support/harness';

describe('parseTimestamp (pure)', () => {
  const cases: [string, string | number][] = [
    ['2026-11-24 20:51:32.123456+00', '2026-11-24T20:51:32.123Z'],
    // Regression: offsets that cross midnight used to keep the local day.
    ['2026-11-24 20:51:32.1-08', '2026-11-25T04:51:32.100Z'],
    ['1976-09-17 00:52:14.226982+05:30', '1976-09-16T19:22:14.226Z'],
    ['2026-11-24 20:51:32+05:30:12', '2026-11-24T15:21:20.000Z'],
    ['1999-12-31 23:59:59.01-12', '2000-01-01T11:59:59.010Z'],
    ['0099-01-01 00:00:00+00', '0099-01-01T00:00:00.000Z'],
    ['0001-01-01 00:00:00+00', '0001-01-01T00:00:00.000Z'],
    ['12345-01-01 00:00:00+00', '+012345-01-01T00:00:00.000Z'],
    ['0044-03-15 12:00:00+00 BC', '-000043-03-15T12:00:00.000Z'],
    ['infinity', Infinity],
    ['-infinity', -Infinity],
  ];
  for (const [text, expected] of cases) {
    it(text, () => {
      const got = parseTimestamp(text);
      if (typeof expected === 'number') assert.equal(got, expected);
      else assert.equal((got as Date).toISOString(), expected);
    });
  }
});

forEachDriver('timestamps read in a session time zone that is not UTC', (t) => {
  it('the instant is the same whatever the server prints', async () => {
    // One connection, so SET TIME ZONE applies to the SELECT that follows it.
    const db = t.driver === 'pg' ? t.connect({ pool: { max: 1 } }) : t.db;
    try {
      for (const zone of ['Asia/Kolkata', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
        await db.query(`SET TIME ZONE '${zone}'`);
        const [row] = await db.query<{ at: Date; text: string }>(`SELECT '2026-11-24 20:00:00+00'::timestamptz AS at, '2026-11-24 20:00:00+00'::timestamptz::text AS text`);
        assert.equal(row.at.toISOString(), '2026-11-24T20:00:00.000Z', `${zone}: ${row.text}`);
      }
    } finally {
      await db.query('SET TIME ZONE UTC');
      if (db !== t.db) await db.close();
    }
  });
});
