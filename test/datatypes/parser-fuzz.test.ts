import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { fuzzInput, SEEDS } from '../support/fuzz-inputs';
import type { FuzzedParser } from '../support/fuzz-inputs';

const PER_PARSER = 4000;
const PARSERS: FuzzedParser[] = ['timestamp', 'array', 'hstore'];

/**
 * Runs in a worker: a parser that loops blocks its own thread, so the test thread can
 * still give up, stop it, and name the input (the worker writes the index it is on
 * into shared memory before each call).
 */
const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const { fuzzInput } = require(workerData.inputs);
const { parseTimestamp } = require(workerData.types + '/timestamp-parser');
const { parseArrayLiteral } = require(workerData.types + '/array-literal');
const { parseHstore } = require(workerData.types + '/hstore-codec');
const run = { timestamp: parseTimestamp, array: (s) => parseArrayLiteral(s, (e) => e), hstore: parseHstore };
const progress = new Int32Array(workerData.progress);
const report = {};
workerData.parsers.forEach((name, p) => {
  const r = (report[name] = { returned: 0, threw: 0, unclear: [], seeds: {} });
  for (let i = 0; i < workerData.count; i++) {
    Atomics.store(progress, 0, p * workerData.count + i);
    const input = fuzzInput(name, i);
    try {
      run[name](input);
      r.returned++;
      if (i < workerData.seeds[name]) r.seeds[input] = null;
    } catch (e) {
      r.threw++;
      if (i < workerData.seeds[name]) r.seeds[input] = String(e.message);
      if (!(e instanceof RangeError) || !/^Cannot read /.test(e.message)) r.unclear.push({ input, error: String(e) });
    }
  }
});
parentPort.postMessage(report);
`;

interface Report {
  returned: number;
  threw: number;
  unclear: { input: string; error: string }[];
  /** The error message for each seed input, or null when it parsed. */
  seeds: Record<string, string | null>;
}

/** Runs every parser over its inputs in a worker; fails (never hangs) when one loops. */
async function fuzzInWorker(): Promise<Record<FuzzedParser, Report>> {
  const progress = new SharedArrayBuffer(4);
  const seeds = Object.fromEntries(PARSERS.map((p) => [p, SEEDS[p].length]));
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { inputs: require.resolve('../support/fuzz-inputs'), types: `${__dirname}/../../src/types`, parsers: PARSERS, count: PER_PARSER, progress, seeds },
  });
  try {
    return await new Promise<Record<FuzzedParser, Report>>((resolve, reject) => {
      const deadline = setTimeout(() => {
        const at = Atomics.load(new Int32Array(progress), 0);
        const parser = PARSERS[Math.floor(at / PER_PARSER)];
        reject(new Error(`the ${parser} parser did not return within 20 s on input ${JSON.stringify(fuzzInput(parser, at % PER_PARSER))}`));
      }, 20_000);
      worker.once('message', (m) => { clearTimeout(deadline); resolve(m); });
      worker.once('error', (e) => { clearTimeout(deadline); reject(e); });
    });
  } finally {
    await worker.terminate();
  }
}

let fuzzed: Promise<Record<FuzzedParser, Report>> | undefined;

describe('hand-written parsers always terminate (issue 10, defect 3)', () => {
  it(`fuzz: ${PER_PARSER} random and mutated inputs per parser (timestamp, array literal, hstore) each return or throw a clear RangeError, never loop`, { timeout: 60_000 }, async () => {
    const report = await (fuzzed ??= fuzzInWorker());
    for (const name of PARSERS) {
      const r = report[name];
      assert.equal(r.returned + r.threw, PER_PARSER, name);
      assert.ok(r.returned > 0 && r.threw > 0, `${name}: both valid and invalid inputs were tried (${r.returned} returned, ${r.threw} threw)`);
      assert.deepEqual(r.unclear.slice(0, 5), [], `${name}: every failure is a RangeError that says what it could not read`);
    }
  });

  it('regression: timestamps in the SQL, German and Postgres DateStyles throw a clear error (they used to spin forever)', { timeout: 60_000 }, async () => {
    const { seeds } = (await (fuzzed ??= fuzzInWorker())).timestamp;
    for (const text of ['26/11/2026 00:33:41.123 UTC', '26.11.2026 00:33:41.123 UTC', 'Thu 26 Nov 00:33:41.123 2026 UTC']) {
      assert.match(String(seeds[text]), /^Cannot read .* expected PostgreSQL's ISO output .*DateStyle/, text);
    }
    assert.equal(seeds['2026-11-24 20:51:32.123456+00'], null, 'ISO output still parses');
  });
});
