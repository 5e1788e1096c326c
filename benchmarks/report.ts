/**
 * Output: the terminal table, benchmarks/results/latest.json, the SVG chart of ratios to
 * pg (hand-written, no dependency), and the README section.
 */
import type { EntryName } from './entry';
import { ENTRY_NAMES } from './entry';
import { bootstrapMedian, pairedRatios, seedOf, verdict } from './stats';
import type { Interval, Verdict } from './stats';

export interface Meta {
  node: string;
  postgres: string;
  date: string;
  cpus: number;
}

export interface WorkloadResult {
  id: string;
  unit: string;
  size: number;
  /** Each entry's median over the rounds. */
  results: Partial<Record<EntryName, number>>;
  /** Each entry's value in every round, in round order (round i of every entry ran back to back). */
  rounds: Partial<Record<EntryName, number[]>>;
  /** Each entry's median paired ratio to pg (its value ÷ pg's in the same round) and the 95% bootstrap interval. */
  ratios: Partial<Record<EntryName, Interval>>;
  /** Each entry's median value and its 95% bootstrap interval (what absolute goals are judged on). */
  intervals: Partial<Record<EntryName, Interval>>;
  /** Entries that offer no way to do this workload, with what they lack. */
  notOffered: Partial<Record<EntryName, string>>;
  /** Inscribe's goal, judged on the interval; absent when the workload has none or a result is missing. */
  goal?: GoalResult;
}

export interface GoalResult {
  kind: 'ratio' | 'absolute';
  /** At most this (a ratio to pg, or a value in the workload's unit). */
  target: number;
  /** met: the whole interval is at or under the target; missed: all of it over; otherwise within noise. */
  verdict: Verdict;
  median: number;
  low: number;
  high: number;
}

export interface Results {
  meta: Meta;
  workloads: WorkloadResult[];
}

/** Inscribe's goals: a ratio to pg in the same run, or an absolute value. */
export const GOALS: Record<string, { ratio?: number; absolute?: number }> = {
  'find-by-pk': { ratio: 1.05 },
  'find-all-1k': { ratio: 1.1 },
  create: { ratio: 1.1 },
  'bulk-create-10k': { ratio: 1.15 },
  'bulk-copy-1m': { ratio: 1.3 },
  'update-one-field': { ratio: 1.1 },
  increment: { ratio: 1.05 },
  transaction: { ratio: 1.1 },
  destroy: { ratio: 1.1 },
  'concurrent-find': { ratio: 0.7 },
  'hydrate-cpu': { absolute: 0.4 },
  memory: { ratio: 1.0 },
  'include-many': { ratio: 1.15 },
  'include-one': { ratio: 1.15 },
  'include-m2m': { ratio: 1.15 },
  'find-each-100k': { ratio: 1.2 },
  'stream-2m': { ratio: 1.2 },
  'stream-2m-rss': { absolute: 100 },
  'bulk-copy-1m-rss': { absolute: 150 },
};

/** Bootstrap resamples per interval; fixed, with a seed per workload and entry, so results are reproducible. */
const RESAMPLES = 10_000;

/**
 * A workload's result from its rounds: medians, each entry's interval, the paired ratios to
 * pg with their intervals, and Inscribe's goal judged on the interval. Pure: the same rounds
 * always give the same result. Entries without rounds (failed, not offered) are left out.
 */
export function summarise(id: string, unit: string, size: number, rounds: Partial<Record<EntryName, number[]>>, notOffered: Partial<Record<EntryName, string>> = {}): WorkloadResult {
  const w: WorkloadResult = { id, unit, size, results: {}, rounds: {}, ratios: {}, intervals: {}, notOffered: { ...notOffered } };
  for (const name of ENTRY_NAMES) {
    const vs = rounds[name];
    if (vs === undefined || vs.length === 0) continue;
    w.rounds[name] = [...vs];
    const iv = bootstrapMedian(vs, { resamples: RESAMPLES, seed: seedOf(`${id}/${name}`) });
    w.intervals[name] = iv;
    w.results[name] = iv.median;
  }
  const base = w.rounds.pg;
  if (base !== undefined) {
    for (const name of ENTRY_NAMES) {
      const vs = w.rounds[name];
      if (name === 'pg' || vs === undefined) continue;
      const rs = pairedRatios(vs, base);
      if (rs.length > 0) w.ratios[name] = bootstrapMedian(rs, { resamples: RESAMPLES, seed: seedOf(`${id}/${name}/pg`) });
    }
  }
  const goal = GOALS[id];
  const judged = goal === undefined ? undefined : goal.absolute !== undefined ? w.intervals.inscribe : w.ratios.inscribe;
  if (goal !== undefined && judged !== undefined) {
    const kind = goal.absolute !== undefined ? 'absolute' : 'ratio';
    const target = (goal.absolute ?? goal.ratio)!;
    w.goal = { kind, target, verdict: verdict(judged, target), median: judged.median, low: judged.low, high: judged.high };
  }
  return w;
}

/** Checks that `value` has exactly the shape of latest.json; returns the problems found. */
export function shapeProblems(value: unknown): string[] {
  const problems: string[] = [];
  const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  const sameKeys = (o: Record<string, unknown>, keys: string[], where: string) => {
    const got = Object.keys(o).sort().join(',');
    if (got !== [...keys].sort().join(',')) problems.push(`${where} has keys ${got}, expected ${keys.join(',')}`);
  };
  const isEntry = (k: string) => (ENTRY_NAMES as readonly string[]).includes(k);
  const isInterval = (v: unknown) => isObj(v) && Object.keys(v).sort().join(',') === 'high,low,median' && [v.median, v.low, v.high].every((x) => typeof x === 'number' && Number.isFinite(x)) && (v.low as number) <= (v.median as number) && (v.median as number) <= (v.high as number);
  if (!isObj(value)) return ['not an object'];
  sameKeys(value, ['meta', 'workloads'], 'top level');
  if (!isObj(value.meta)) problems.push('meta is not an object');
  else {
    sameKeys(value.meta, ['node', 'postgres', 'date', 'cpus'], 'meta');
    if (typeof value.meta.node !== 'string' || typeof value.meta.postgres !== 'string' || typeof value.meta.date !== 'string') problems.push('meta.node/postgres/date must be strings');
    if (typeof value.meta.cpus !== 'number') problems.push('meta.cpus must be a number');
  }
  if (!Array.isArray(value.workloads)) problems.push('workloads is not an array');
  else {
    for (const w of value.workloads) {
      if (!isObj(w)) { problems.push('a workload is not an object'); continue; }
      const id = String(w.id);
      sameKeys(w, ['id', 'unit', 'size', 'results', 'rounds', 'ratios', 'intervals', 'notOffered', ...(w.goal !== undefined ? ['goal'] : [])], `workload ${id}`);
      if (typeof w.id !== 'string' || typeof w.unit !== 'string' || typeof w.size !== 'number') problems.push(`workload ${id}: id/unit must be strings, size a number`);
      const maps = ['results', 'rounds', 'ratios', 'intervals', 'notOffered'] as const;
      if (maps.some((k) => !isObj(w[k]))) { problems.push(`workload ${id}: ${maps.join('/')} must be objects (a latest.json from before intervals: regenerate it with a full run)`); continue; }
      for (const k of maps) for (const e of Object.keys(w[k] as object)) if (!isEntry(e)) problems.push(`workload ${id}: ${k} has an unknown entry ${e}`);
      for (const [k, v] of Object.entries(w.results as object)) {
        if (typeof v !== 'number' || !Number.isFinite(v)) problems.push(`workload ${id}: ${k} is not a finite number`);
        const rs = (w.rounds as Record<string, unknown>)[k];
        if (!Array.isArray(rs) || rs.length === 0 || !rs.every((x) => typeof x === 'number' && Number.isFinite(x))) problems.push(`workload ${id}: rounds.${k} must be finite numbers`);
        if (!isInterval((w.intervals as Record<string, unknown>)[k])) problems.push(`workload ${id}: intervals.${k} must be { median, low, high } with low ≤ median ≤ high`);
        // A ratio needs a pg round above zero to divide by (an RSS growth can be 0 MB at small sizes).
        const pgRounds = (w.rounds as Record<string, unknown>).pg;
        const divisible = Array.isArray(pgRounds) && pgRounds.some((x) => typeof x === 'number' && x > 0);
        if (k !== 'pg' && (w.results as Record<string, unknown>).pg !== undefined && divisible && !isInterval((w.ratios as Record<string, unknown>)[k])) problems.push(`workload ${id}: ratios.${k} must be { median, low, high }`);
      }
      for (const [k, v] of Object.entries(w.notOffered as object)) if (typeof v !== 'string' || (w.results as Record<string, unknown>)[k] !== undefined) problems.push(`workload ${id}: notOffered.${k} must say why, and that entry has no result`);
      if (w.goal !== undefined) {
        const g = w.goal as Record<string, unknown>;
        if (!isObj(g) || !['ratio', 'absolute'].includes(g.kind as string) || typeof g.target !== 'number' || !['met', 'missed', 'within noise'].includes(g.verdict as string) || !isInterval({ median: g.median, low: g.low, high: g.high })) problems.push(`workload ${id}: goal must be { kind, target, verdict, median, low, high }`);
      }
    }
  }
  return problems;
}

/** The entry's median paired ratio to pg (its value ÷ pg's in the same round). */
export function ratio(w: WorkloadResult, entry: EntryName): number | undefined {
  return w.ratios[entry]?.median;
}

function range(iv: Interval, digits = 2): string {
  return `${iv.low.toFixed(digits)}–${iv.high.toFixed(digits)}`;
}

/** Inscribe's goal as a verdict and a line of text, or undefined when there is none. */
export function goalStatus(w: WorkloadResult): { verdict: Verdict; text: string } | undefined {
  const g = w.goal;
  if (g === undefined) return undefined;
  if (g.kind === 'absolute') return { verdict: g.verdict, text: `${fmt(g.median)} ${w.unit} [${fmt(g.low)}–${fmt(g.high)}] (goal ≤ ${g.target})` };
  return { verdict: g.verdict, text: `${g.median.toFixed(2)}× pg [${range(g)}] (goal ≤ ${g.target.toFixed(2)})` };
}

const MARK: Record<Verdict, string> = { met: '✅ met', missed: '❌ missed', 'within noise': '〰️ within noise' };

export function fmt(n: number): string {
  if (n >= 1000) return Math.round(n).toLocaleString('en-US');
  if (n >= 100) return n.toFixed(0);
  if (n >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

function pad(s: string, n: number, right = false): string {
  return right ? s.padStart(n) : s.padEnd(n);
}

/** One entry's cell: its median, and its paired ratio to pg with the 95% interval. */
function cell(w: WorkloadResult, e: EntryName, bold: boolean): string {
  const v = w.results[e];
  if (v === undefined) return w.notOffered[e] !== undefined ? 'not offered' : '—';
  const r = e === 'pg' ? undefined : w.ratios[e];
  if (r === undefined) return fmt(v);
  return `${fmt(v)} (${bold ? `**${r.median.toFixed(2)}×**` : `${r.median.toFixed(2)}×`} ${range(r)})`;
}

/** The terminal table: medians, each with its paired ratio to pg and that ratio's 95% interval. */
export function terminalTable(results: Results, entries: readonly EntryName[]): string {
  const head = ['workload', 'unit', 'size', ...entries, 'inscribe goal'];
  const rows = results.workloads.map((w) => {
    const g = goalStatus(w);
    return [w.id, w.unit, w.size.toLocaleString('en-US'), ...entries.map((e) => cell(w, e, false)), g ? `${g.verdict === 'missed' ? 'MISSED' : g.verdict}: ${g.text}` : '—'];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i], i >= 2 && i < cells.length - 1)).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The README table: medians with the paired ratio to pg and its 95% interval; the goal's verdict. */
export function markdownTable(results: Results): string {
  const entries = ENTRY_NAMES.filter((e) => results.workloads.some((w) => w.results[e] !== undefined));
  const out = [
    `| workload | unit | size | ${entries.join(' | ')} | Inscribe goal |`,
    `|---|---|--:|${entries.map(() => '--:').join('|')}|---|`,
  ];
  for (const w of results.workloads) {
    const g = goalStatus(w);
    out.push(`| ${w.id} | ${w.unit} | ${w.size.toLocaleString('en-US')} | ${entries.map((e) => cell(w, e, true)).join(' | ')} | ${g ? `${MARK[g.verdict]}: ${g.text}` : '—'} |`);
  }
  return out.join('\n');
}

const COLORS: Record<EntryName, string> = { pg: '#6b7280', inscribe: '#2563eb', sequelize: '#0d9488', typeorm: '#d97706', drizzle: '#7c3aed' };

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A horizontal bar chart, one group per workload, one bar per entry: its value ÷ pg's on a
 * log scale, with the pg line at 1×. Inscribe's goal, where it is a ratio, is a tick.
 */
export function svgChart(results: Results): string {
  const entries = ENTRY_NAMES.filter((e) => e !== 'pg' && results.workloads.some((w) => ratio(w, e) !== undefined));
  const workloads = results.workloads.filter((w) => entries.some((e) => ratio(w, e) !== undefined));
  // The whiskers' ends count too, so no interval runs off the axis.
  const all = workloads.flatMap((w) => entries.flatMap((e) => { const r = w.ratios[e]; return r === undefined ? [] : [r.low, r.high]; }));
  // Axis ends on 1-2-5 steps just past the extremes (at least 0.2× … 5×).
  const steps = [-1, 0, 1, 2, 3].flatMap((e) => [1, 2, 5].map((k) => Number((k * 10 ** e).toPrecision(2))));
  const lo = [...steps].reverse().find((t) => t <= Math.min(0.2, ...all)) ?? 0.1;
  const hi = steps.find((t) => t >= Math.max(5, ...all)) ?? 1000;
  const left = 150, right = 80, top = 84, bar = 13, gap = 16, plotW = 560;
  const groupH = entries.length * bar + gap;
  const width = left + plotW + right;
  const height = top + workloads.length * groupH + 40;
  const x = (r: number) => left + ((Math.log10(r) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * plotW;
  const m = results.meta;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="11">`);
  parts.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);
  parts.push(`<text x="${left}" y="20" font-size="14" font-weight="600">Time (or memory) relative to raw pg — lower is better, log scale</text>`);
  parts.push(`<text x="${left}" y="36" fill="#555">node ${esc(m.node)} · PostgreSQL ${esc(m.postgres)} · ${m.cpus} CPUs · ${esc(m.date.slice(0, 10))} · hydrate-cpu: pg = pg's own row parser</text>`);
  entries.forEach((e, i) => {
    const lx = left + i * 110;
    parts.push(`<rect x="${lx}" y="46" width="10" height="10" fill="${COLORS[e]}"/><text x="${lx + 14}" y="55">${e}</text>`);
  });
  for (const r of steps) {
    if (r >= lo && r <= hi) {
      const k = Number(String(r).replace(/[0.]/g, '')[0]);
      const gx = x(r).toFixed(1);
      parts.push(`<line x1="${gx}" y1="${top - 4}" x2="${gx}" y2="${height - 36}" stroke="${k === 1 ? '#d4d4d4' : '#eeeeee'}"/>`);
      parts.push(`<text x="${gx}" y="${height - 22}" text-anchor="middle" fill="#666">${r}×</text>`);
    }
  }
  const one = x(1).toFixed(1);
  parts.push(`<line x1="${one}" y1="${top - 8}" x2="${one}" y2="${height - 36}" stroke="${COLORS.pg}" stroke-width="2"/>`);
  parts.push(`<text x="${one}" y="${top - 11}" text-anchor="middle" fill="${COLORS.pg}">pg = 1×</text>`);
  workloads.forEach((w, gi) => {
    const gy = top + gi * groupH;
    parts.push(`<text x="${left - 8}" y="${gy + (entries.length * bar) / 2 + 4}" text-anchor="end" font-weight="600">${esc(w.id)}</text>`);
    entries.forEach((e, i) => {
      const r = ratio(w, e);
      const y = gy + i * bar;
      if (r === undefined) {
        parts.push(`<text x="${left + 4}" y="${y + bar - 3}" fill="#999">${e}: ${w.notOffered[e] !== undefined ? 'not offered' : 'no result'}</text>`);
        return;
      }
      const iv = w.ratios[e]!;
      const x0 = x(Math.min(1, r)), x1 = x(Math.max(1, r));
      parts.push(`<rect x="${x0.toFixed(1)}" y="${y + 1}" width="${Math.max(1, x1 - x0).toFixed(1)}" height="${bar - 2}" fill="${COLORS[e]}" fill-opacity="0.85"><title>${e} ${esc(w.id)}: ${fmt(w.results[e]!)} ${esc(w.unit)} (${r.toFixed(2)}× pg, 95% interval ${iv.low.toFixed(2)}–${iv.high.toFixed(2)})</title></rect>`);
      // The 95% bootstrap interval of the paired ratio, as a whisker across the bar's end.
      const wl = x(iv.low), wh = x(iv.high), wy = y + bar / 2;
      parts.push(`<path d="M${wl.toFixed(1)} ${wy} H${wh.toFixed(1)} M${wl.toFixed(1)} ${y + 2} V${y + bar - 2} M${wh.toFixed(1)} ${y + 2} V${y + bar - 2}" stroke="#111" stroke-width="1" fill="none"/>`);
      const goal = e === 'inscribe' ? GOALS[w.id]?.ratio : undefined;
      const labelX = Math.max(x1, wh, goal !== undefined ? x(goal) + 1 : 0) + 4;
      parts.push(`<text x="${labelX.toFixed(1)}" y="${y + bar - 3}" fill="#333">${r.toFixed(2)}×</text>`);
    });
    const goal = GOALS[w.id]?.ratio;
    if (goal !== undefined && ratio(w, 'inscribe') !== undefined) {
      const i = entries.indexOf('inscribe');
      const gx = x(goal).toFixed(1);
      parts.push(`<line x1="${gx}" y1="${gy + i * bar - 1}" x2="${gx}" y2="${gy + (i + 1) * bar + 1}" stroke="#dc2626" stroke-width="2"><title>goal ${goal}×</title></line>`);
    }
  });
  parts.push(`<text x="${left}" y="${height - 6}" fill="#888">Red tick: Inscribe's goal. Bar: median paired ratio (same round); whisker: its 95% bootstrap interval.</text>`);
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

/** How the numbers are judged: the README's text (also printed under the terminal table). */
export const STATISTICS_METHOD = [
  '### How the numbers are judged',
  '',
  'On a shared 2-core machine a serial workload varies by ±10% between runs and single rounds by',
  '±30%, so a 5% goal cannot be judged from two medians. Every round runs every entry back to back',
  '(rotated, so no entry always goes first), and what is compared is the **paired ratio**: the',
  'entry\'s value divided by pg\'s *in the same round*, which cancels whatever slowed that whole',
  'round down. Per workload and entry the table reports the median of those per-round ratios and',
  'its **95% bootstrap interval**: the rounds are resampled with replacement 10,000 times (a',
  'generator seeded per workload and entry, so the same rounds always give the same interval),',
  'the median is taken of each resample, and the interval is the central 95% of those medians.',
  'A goal is **met** only when the whole interval is at or under it, **missed** only when the whole',
  'interval is over it, and otherwise **within noise**: the run cannot tell, and more rounds',
  '(`--rounds`) or a quieter machine would. Absolute goals (hydrate-cpu, stream-2m-rss, bulk-copy-1m-rss) are judged',
  'the same way on the interval of the value itself. With few rounds the interval is about their',
  'range, which is the honest answer. `latest.json` keeps every round\'s value (`rounds`), the',
  'intervals (`ratios`, `intervals`: `{ median, low, high }`) and each goal\'s verdict (`goal`),',
  'so any number here can be recomputed; the chart draws each interval as a whisker.',
];

/** The README section between the benchmarks markers. */
export function readmeSection(results: Results, cpuModel: string, notes: string[], workloads: { id: string; what: string }[]): string {
  const m = results.meta;
  return [
    '## Benchmarks',
    '',
    'Inscribe against the best hand-written `pg` code and the ORMs users would pick instead',
    '(Sequelize 6, TypeORM in the `BaseEntity` style, drizzle-orm on `pg`), all in one process, on',
    'one schema with the same data. Every entry\'s output is checked every round (row counts and',
    'values, in memory and in the database), so no entry can win by doing less. Warm-up, then 7',
    'rounds interleaved and rotated across entries; a pool of 10 for everyone. Lower is better.',
    'Each cell is the entry\'s median over the rounds, then (in bold) its median paired ratio to pg',
    'with the 95% interval of that ratio (see "How the numbers are judged" below).',
    '',
    '```sh',
    'npm run bench                          # everything: about 30 minutes on 2 cores',
    'npm run bench -- --quick               # small sizes, 3 rounds, about a minute',
    'npm run bench -- --only inscribe,pg    # some entries (also: --workloads find-by-pk,create)',
    'npm run bench -- --only inscribe,pg --workloads find-each-100k,stream-2m   # the streaming workloads',
    '```',
    '',
    'Only a full run (every entry, every workload, full sizes) replaces the committed',
    '`benchmarks/results/latest.json` and `latest.svg`; partial runs write to `build/bench-results/`',
    'unless `--out` says otherwise. stream-2m is the longest workload: 2,000,000 rows seeded once',
    '(not timed), then 3 rounds (not 7) of one fresh process per entry and round; the ORMs\' keyset',
    'pages make it several minutes of the full run.',
    '',
    `Latest run: node ${m.node}, PostgreSQL ${m.postgres} (fsync on, default settings), ${m.cpus} × ${cpuModel}, ${m.date.slice(0, 10)}.`,
    '',
    markdownTable(results),
    '',
    '![Each entry\'s ratio to pg per workload](benchmarks/results/latest.svg)',
    '',
    'Workloads:',
    '',
    ...workloads.map((w) => `- **${w.id}**: ${w.what}.`),
    '',
    'How each entry does them:',
    '',
    ...notes.map((n) => `- ${n}`),
    '',
    'hydrate-cpu measures, for each entry, the step its finder runs between the driver and the',
    'caller on rows fetched beforehand; for pg that is pg\'s own row parser (text → values →',
    'object), which does more than the ORMs\' step, so read that row for its absolute numbers.',
    'Inscribe\'s goal there is absolute (≤ 0.4 µs/row). The figure depends on the process around',
    'the call: the same call on the same rows measured 0.13–0.40 µs/row (median about 0.21) alone in',
    'a process, and more in this harness, whose heap holds every entry\'s rows while 100,000 new',
    'instances are made. memory is the heap retained per loaded row after a full GC, against a',
    'plain pg row.',
    '',
    ...STATISTICS_METHOD,
  ].join('\n');
}
