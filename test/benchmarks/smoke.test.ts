/**
 * The benchmark harness works end to end: every workload runs for every entry (raw pg,
 * Inscribe, Sequelize, TypeORM, drizzle) at tiny sizes, every entry's output passes the
 * harness's checks, and latest.json has exactly the published shape. No timing assertions.
 * Needs the PostgreSQL server (DATABASE_URL); skipped loudly when run-tests found none.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from '../../benchmarks/run';
import { shapeProblems } from '../../benchmarks/report';
import type { Results } from '../../benchmarks/report';
import { WORKLOADS } from '../../benchmarks/workloads';
import { ENTRY_NAMES } from '../../benchmarks/entry';

const RUN = path.join(__dirname, '..', '..', 'benchmarks', 'run.js');
const noServer = process.env.INSCRIBE_TEST_PG === '0' || process.env.TEST_DRIVER === 'pglite';

function runHarness(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', RUN, ...args], { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('benchmarks harness', () => {
  it('parses its flags', () => {
    const o = parseArgs(['--quick', '--only', 'inscribe,pg', '--rounds', '2']);
    assert.equal(o.sizes, 'quick');
    assert.deepEqual(o.only, ['pg', 'inscribe']);
    assert.equal(o.rounds, 2);
    assert.equal(parseArgs([]).rounds, 7);
    assert.throws(() => parseArgs(['--only', 'hibernate']), /unknown entry "hibernate"/);
    assert.throws(() => parseArgs(['--sizes', 'huge']), /--sizes takes/);
    // Only a full run replaces the committed results.
    assert.match(parseArgs([]).out, /benchmarks[\\/]results$/);
    assert.match(o.out, /build[\\/]bench-results$/);
    assert.match(parseArgs(['--workloads', 'create']).out, /build[\\/]bench-results$/);
  });

  it('runs every workload for every entry at tiny sizes and writes latest.json and latest.svg', { skip: noServer && 'no PostgreSQL server', timeout: 360_000 }, async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'inscribe-bench-'));
    try {
      const schema = `bench_smoke_${process.pid}`;
      const { code, output } = await runHarness(['--sizes', 'tiny', '--rounds', '2', '--warmup', '0', '--schema', schema, '--out', out]);
      assert.equal(code, 0, output);
      const results = JSON.parse(fs.readFileSync(path.join(out, 'latest.json'), 'utf8')) as Results;
      assert.deepEqual(shapeProblems(results), []);
      // A workload with a second figure (stream-2m and its RSS) reports it as a workload of its own, right after.
      assert.deepEqual(results.workloads.map((w) => w.id), WORKLOADS.flatMap((w) => (w.also ? [w.id, w.also.id] : [w.id])));
      for (const w of results.workloads) {
        // An entry is left out only when it failed its checks (the output says why) or does not offer the workload.
        assert.deepEqual([...Object.keys(w.results), ...Object.keys(w.notOffered)].sort(), [...ENTRY_NAMES].sort(), `${w.id}: missing entries\n${output}`);
        for (const e of Object.keys(w.results)) {
          assert.equal(w.rounds[e as keyof typeof w.rounds]!.length, 2, `${w.id}: ${e} has a value per round`);
          // A paired ratio needs a pg round above zero (a tiny load's RSS growth can be 0 MB).
          const divisible = (w.rounds.pg ?? []).some((x) => x > 0);
          if (e !== 'pg' && divisible) assert.ok(w.ratios[e as keyof typeof w.ratios], `${w.id}: ${e} has a paired ratio with its interval`);
        }
      }
      assert.match(output, /median paired ratio to pg, and its 95% bootstrap interval/);
      const svg = fs.readFileSync(path.join(out, 'latest.svg'), 'utf8');
      assert.match(svg, /^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      assert.match(svg, /<\/svg>\n$/);
      assert.match(svg, /whisker: its 95% bootstrap interval/);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
