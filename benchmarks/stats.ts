/**
 * The statistics behind every reported number: the median of a workload's rounds with a 95%
 * percentile-bootstrap interval, and the verdict on a goal. Pure and deterministic (a seeded
 * generator), so the same rounds always give the same interval and the same verdict.
 *
 * Why paired ratios: on a shared machine a whole round is often slower or faster for every
 * entry alike (another process, a checkpoint). Dividing each entry's value by pg's in the
 * same round cancels that, so the ratio varies far less than either value does.
 */

export interface Interval {
  /** The median of the values. */
  median: number;
  /** The 95% bootstrap interval of that median. */
  low: number;
  high: number;
}

export type Verdict = 'met' | 'missed' | 'within noise';

export interface BootstrapOptions {
  /** Resamples of the rounds (10,000 by default). */
  resamples?: number;
  /** Seeds the generator; the same seed and values give the same interval. */
  seed?: number;
  /** 0.95 by default. */
  confidence?: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** mulberry32: small, fast, and good enough to draw resample indices (the parser fuzz tests draw their inputs with it too). */
export function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable 32-bit seed from a label (FNV-1a), so each workload and entry draws its own sequence. */
export function seedOf(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The value at quantile q of sorted values (linear interpolation between neighbours). */
function quantile(sorted: Float64Array, q: number): number {
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

/**
 * The median of `values` and its percentile-bootstrap interval: `resamples` times, draw
 * `values.length` values with replacement and take their median; the interval is the
 * central `confidence` share of those medians. One value gives a zero-width interval
 * (nothing is known about its spread, and the caller should not read more into it);
 * few values give an interval close to their range, which is the honest answer.
 */
export function bootstrapMedian(values: readonly number[], options: BootstrapOptions = {}): Interval {
  const n = values.length;
  if (n === 0) throw new Error('bootstrapMedian of no values');
  for (const v of values) if (!Number.isFinite(v)) throw new Error(`bootstrapMedian: ${v} is not a finite number`);
  const resamples = options.resamples ?? 10_000;
  const confidence = options.confidence ?? 0.95;
  const m = median(values);
  if (n === 1) return { median: m, low: m, high: m };
  const random = generator(options.seed ?? 1);
  const medians = new Float64Array(resamples);
  const draw = new Float64Array(n);
  const half = n >> 1;
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) draw[i] = values[(random() * n) | 0];
    draw.sort();
    medians[r] = n % 2 ? draw[half] : (draw[half - 1] + draw[half]) / 2;
  }
  medians.sort();
  const tail = (1 - confidence) / 2;
  return { median: m, low: quantile(medians, tail), high: quantile(medians, 1 - tail) };
}

/**
 * Per-round paired ratios `entry[i] / base[i]` (the same round), skipping rounds where
 * either is missing or the base is not positive.
 */
export function pairedRatios(entry: readonly number[], base: readonly number[]): number[] {
  const out: number[] = [];
  const n = Math.min(entry.length, base.length);
  for (let i = 0; i < n; i++) if (Number.isFinite(entry[i]) && Number.isFinite(base[i]) && base[i] > 0) out.push(entry[i] / base[i]);
  return out;
}

/**
 * A goal "lower is better, at most `target`": met only when the whole interval is at or
 * under it, missed only when the whole interval is over it, otherwise within noise.
 */
export function verdict(interval: Pick<Interval, 'low' | 'high'>, target: number): Verdict {
  if (interval.high <= target) return 'met';
  if (interval.low > target) return 'missed';
  return 'within noise';
}
