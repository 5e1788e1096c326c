// The benchmark statistics: bootstrap interval of a median, paired ratios, goal verdicts.
// Pure functions: no database.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrapMedian, median, pairedRatios, seedOf, verdict } from '../../benchmarks/stats';
import { shapeProblems, summarise } from '../../benchmarks/report';

describe('benchmark statistics', () => {
  it('median of odd and even counts', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.throws(() => median([]));
  });

  it('the bootstrap interval holds the median, lies within the values, and is deterministic for a seed', () => {
    const values = [1.02, 0.98, 1.1, 1.05, 0.97, 1.2, 1.01];
    const a = bootstrapMedian(values, { seed: 42 });
    const b = bootstrapMedian(values, { seed: 42 });
    assert.deepEqual(a, b);
    assert.equal(a.median, 1.02);
    assert.ok(a.low <= a.median && a.median <= a.high);
    assert.ok(a.low >= 0.97 && a.high <= 1.2);
    // A 95% interval of the median of 7 spread values is strictly narrower than their range, and not a point.
    assert.ok(a.high - a.low < 1.2 - 0.97 && a.high > a.low, JSON.stringify(a));
    // Another seed may move the ends a little, never the median.
    assert.equal(bootstrapMedian(values, { seed: 7 }).median, a.median);
  });

  it('identical values give a zero-width interval; one value gives that value', () => {
    assert.deepEqual(bootstrapMedian([2, 2, 2, 2]), { median: 2, low: 2, high: 2 });
    assert.deepEqual(bootstrapMedian([5]), { median: 5, low: 5, high: 5 });
    assert.throws(() => bootstrapMedian([]));
    assert.throws(() => bootstrapMedian([1, Number.NaN]), /not a finite number/);
  });

  it('more rounds of the same spread narrow the interval', () => {
    const few = [0.9, 1.0, 1.1];
    const many = Array.from({ length: 30 }, (_, i) => [0.9, 1.0, 1.1][i % 3]);
    const a = bootstrapMedian(few, { seed: 1 });
    const b = bootstrapMedian(many, { seed: 1 });
    assert.ok(b.high - b.low < a.high - a.low, `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  });

  it('paired ratios divide round by round and skip unusable rounds', () => {
    assert.deepEqual(pairedRatios([2, 3, 4], [1, 3, 8]), [2, 1, 0.5]);
    assert.deepEqual(pairedRatios([2, 3, 4], [1, 0, Number.NaN]), [2]);
    assert.deepEqual(pairedRatios([2, 3], [1, 1, 1]), [2, 3]);
  });

  it('a verdict needs the whole interval on one side of the goal', () => {
    assert.equal(verdict({ low: 0.95, high: 1.04 }, 1.05), 'met');
    assert.equal(verdict({ low: 0.95, high: 1.05 }, 1.05), 'met');
    assert.equal(verdict({ low: 1.06, high: 1.2 }, 1.05), 'missed');
    assert.equal(verdict({ low: 1.0, high: 1.1 }, 1.05), 'within noise');
    assert.equal(verdict({ low: 1.05, high: 1.1 }, 1.05), 'within noise');
  });

  it('seeds differ per label and are stable', () => {
    assert.equal(seedOf('find-by-pk/inscribe'), seedOf('find-by-pk/inscribe'));
    assert.notEqual(seedOf('find-by-pk/inscribe'), seedOf('find-by-pk/sequelize'));
  });

  it('summarise: paired ratios cancel a slow round that a ratio of medians would not', () => {
    // Round 3 is twice as slow for everyone (another process ran): every paired ratio is still 1.04.
    const pg = [100, 100, 200, 100, 100];
    const inscribe = pg.map((v) => v * 1.04);
    const w = summarise('find-by-pk', 'µs/op', 10, { pg, inscribe });
    assert.deepEqual(shapeProblems({ meta: { node: 'v', postgres: '15', date: 'd', cpus: 2 }, workloads: [w] }), []);
    assert.equal(w.results.inscribe, 104);
    assert.ok(Math.abs(w.ratios.inscribe!.median - 1.04) < 1e-9);
    assert.ok(Math.abs(w.ratios.inscribe!.high - 1.04) < 1e-9 && Math.abs(w.ratios.inscribe!.low - 1.04) < 1e-9);
    assert.deepEqual(w.rounds.pg, pg);
    assert.equal(w.goal!.kind, 'ratio');
    assert.equal(w.goal!.target, 1.05);
    assert.equal(w.goal!.verdict, 'met');
  });

  it('summarise: a noisy ratio around the goal is within noise; an absolute goal is judged on the value', () => {
    const pg = [100, 100, 100, 100, 100, 100, 100];
    const noisy = summarise('find-by-pk', 'µs/op', 10, { pg, inscribe: [95, 112, 99, 108, 101, 115, 97] });
    assert.equal(noisy.goal!.verdict, 'within noise');
    const missed = summarise('find-by-pk', 'µs/op', 10, { pg, inscribe: [120, 125, 118, 130, 121, 119, 124] });
    assert.equal(missed.goal!.verdict, 'missed');
    const rss = summarise('stream-2m-rss', 'MB', 10, { pg: [3, 4, 3], inscribe: [20, 25, 22] }, { sequelize: 'no streaming API' });
    assert.equal(rss.goal!.kind, 'absolute');
    assert.equal(rss.goal!.verdict, 'met');
    assert.equal(rss.goal!.median, 22);
    assert.equal(rss.notOffered.sequelize, 'no streaming API');
    assert.deepEqual(shapeProblems({ meta: { node: 'v', postgres: '15', date: 'd', cpus: 2 }, workloads: [noisy, missed, rss] }), []);
    // A workload without a goal has no goal field; an entry without rounds is left out.
    const none = summarise('no-goal-here', 'µs/op', 1, { pg: [1, 2], typeorm: [] });
    assert.equal(none.goal, undefined);
    assert.equal(none.results.typeorm, undefined);
  });

  it('shapeProblems refuses a latest.json from before the intervals', () => {
    const old = { meta: { node: 'v', postgres: '15', date: 'd', cpus: 2 }, workloads: [{ id: 'x', unit: 'µs/op', size: 1, results: { pg: 1 } }] };
    assert.ok(shapeProblems(old).some((p) => /regenerate it with a full run/.test(p)), shapeProblems(old).join('; '));
  });
});
