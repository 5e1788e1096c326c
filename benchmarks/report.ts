/**
 * Output: the terminal table, benchmarks/results/latest.json, the SVG chart of ratios to
 * pg (hand-written, no dependency), and the README section.
 */
import type { EntryName } from './entry';
import { ENTRY_NAMES } from './entry';

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
  results: Partial<Record<EntryName, number>>;
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
  'concurrent-find': { ratio: 1.05 },
  'hydrate-cpu': { absolute: 0.4 },
  memory: { ratio: 1.3 },
  'include-many': { ratio: 1.15 },
  'include-one': { ratio: 1.15 },
  'include-m2m': { ratio: 1.15 },
};

/** Checks that `value` has exactly the shape of latest.json; returns the problems found. */
export function shapeProblems(value: unknown): string[] {
  const problems: string[] = [];
  const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  const sameKeys = (o: Record<string, unknown>, keys: string[], where: string) => {
    const got = Object.keys(o).sort().join(',');
    if (got !== [...keys].sort().join(',')) problems.push(`${where} has keys ${got}, expected ${keys.join(',')}`);
  };
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
      sameKeys(w, ['id', 'unit', 'size', 'results'], `workload ${String(w.id)}`);
      if (typeof w.id !== 'string' || typeof w.unit !== 'string' || typeof w.size !== 'number') problems.push(`workload ${String(w.id)}: id/unit must be strings, size a number`);
      if (!isObj(w.results)) { problems.push(`workload ${String(w.id)}: results is not an object`); continue; }
      for (const [k, v] of Object.entries(w.results)) {
        if (!(ENTRY_NAMES as readonly string[]).includes(k)) problems.push(`workload ${String(w.id)}: unknown entry ${k}`);
        if (typeof v !== 'number' || !Number.isFinite(v)) problems.push(`workload ${String(w.id)}: ${k} is not a finite number`);
      }
    }
  }
  return problems;
}

export function ratio(w: WorkloadResult, entry: EntryName): number | undefined {
  const base = w.results.pg;
  const v = w.results[entry];
  return base !== undefined && v !== undefined && base > 0 ? v / base : undefined;
}

/** `met`, `missed`, or undefined when Inscribe or pg has no result. */
export function goalStatus(w: WorkloadResult): { met: boolean; text: string } | undefined {
  const goal = GOALS[w.id];
  const v = w.results.inscribe;
  if (!goal || v === undefined) return undefined;
  if (goal.absolute !== undefined) {
    const met = v <= goal.absolute;
    return { met, text: `${fmt(v)} ${w.unit} (goal ≤ ${goal.absolute}${met ? '' : `, ${fmt(v / goal.absolute)}× over`})` };
  }
  const r = ratio(w, 'inscribe');
  if (r === undefined || goal.ratio === undefined) return undefined;
  const met = r <= goal.ratio;
  return { met, text: `${r.toFixed(2)}× pg (goal ≤ ${goal.ratio.toFixed(2)}${met ? '' : `, missed by ${((r / goal.ratio - 1) * 100).toFixed(0)}%`})` };
}

export function fmt(n: number): string {
  if (n >= 1000) return Math.round(n).toLocaleString('en-US');
  if (n >= 100) return n.toFixed(0);
  if (n >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

function pad(s: string, n: number, right = false): string {
  return right ? s.padStart(n) : s.padEnd(n);
}

/** The terminal table: absolute values, each with its ratio to pg; spread is (max-min)/median over the rounds. */
export function terminalTable(results: Results, entries: readonly EntryName[], spread?: Map<string, Partial<Record<EntryName, number>>>): string {
  const head = ['workload', 'unit', 'size', ...entries, 'inscribe goal'];
  const rows = results.workloads.map((w) => {
    const cells = entries.map((e) => {
      const v = w.results[e];
      if (v === undefined) return '—';
      const r = e === 'pg' ? undefined : ratio(w, e);
      const sp = spread?.get(w.id)?.[e];
      return `${fmt(v)}${r !== undefined ? ` (${r.toFixed(2)}×)` : ''}${sp !== undefined ? ` ±${(sp * 50).toFixed(0)}%` : ''}`;
    });
    const g = goalStatus(w);
    return [w.id, w.unit, w.size.toLocaleString('en-US'), ...cells, g ? `${g.met ? 'met' : 'MISSED'}: ${g.text}` : '—'];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i], i >= 2 && i < cells.length - 1)).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The README table: absolute numbers with the ratio to pg. */
export function markdownTable(results: Results): string {
  const entries = ENTRY_NAMES.filter((e) => results.workloads.some((w) => w.results[e] !== undefined));
  const out = [
    `| workload | unit | size | ${entries.join(' | ')} | Inscribe goal |`,
    `|---|---|--:|${entries.map(() => '--:').join('|')}|---|`,
  ];
  for (const w of results.workloads) {
    const cells = entries.map((e) => {
      const v = w.results[e];
      if (v === undefined) return '—';
      const r = e === 'pg' ? undefined : ratio(w, e);
      return r !== undefined ? `${fmt(v)} (**${r.toFixed(2)}×**)` : fmt(v);
    });
    const g = goalStatus(w);
    out.push(`| ${w.id} | ${w.unit} | ${w.size.toLocaleString('en-US')} | ${cells.join(' | ')} | ${g ? `${g.met ? '✅' : '❌'} ${g.text}` : '—'} |`);
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
  const all = workloads.flatMap((w) => entries.map((e) => ratio(w, e)).filter((r): r is number => r !== undefined));
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
        parts.push(`<text x="${left + 4}" y="${y + bar - 3}" fill="#999">${e}: no result</text>`);
        return;
      }
      const x0 = x(Math.min(1, r)), x1 = x(Math.max(1, r));
      parts.push(`<rect x="${x0.toFixed(1)}" y="${y + 1}" width="${Math.max(1, x1 - x0).toFixed(1)}" height="${bar - 2}" fill="${COLORS[e]}"><title>${e} ${esc(w.id)}: ${fmt(w.results[e]!)} ${esc(w.unit)} (${r.toFixed(2)}× pg)</title></rect>`);
      const goal = e === 'inscribe' ? GOALS[w.id]?.ratio : undefined;
      const labelX = Math.max(x1, goal !== undefined ? x(goal) + 1 : 0) + 4;
      parts.push(`<text x="${labelX.toFixed(1)}" y="${y + bar - 3}" fill="#333">${r.toFixed(2)}×</text>`);
    });
    const goal = GOALS[w.id]?.ratio;
    if (goal !== undefined && ratio(w, 'inscribe') !== undefined) {
      const i = entries.indexOf('inscribe');
      const gx = x(goal).toFixed(1);
      parts.push(`<line x1="${gx}" y1="${gy + i * bar - 1}" x2="${gx}" y2="${gy + (i + 1) * bar + 1}" stroke="#dc2626" stroke-width="2"><title>goal ${goal}×</title></line>`);
    }
  });
  parts.push(`<text x="${left}" y="${height - 6}" fill="#888">Red tick: Inscribe's goal. Bars start at 1× (pg); a bar left of the line is faster than pg.</text>`);
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

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
    'rounds interleaved and rotated across entries; medians; a pool of 10 for everyone. Lower is',
    'better; the ratio in bold is to pg in the same run.',
    '',
    '```sh',
    'npm run bench                          # everything, about 10 minutes on 2 cores',
    'npm run bench -- --quick               # small sizes, 3 rounds, about a minute',
    'npm run bench -- --only inscribe,pg    # some entries (also: --workloads find-by-pk,create)',
    '```',
    '',
    'Only a full run (every entry, every workload, full sizes) replaces the committed',
    '`benchmarks/results/latest.json` and `latest.svg`; partial runs write to `build/bench-results/`',
    'unless `--out` says otherwise.',
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
    'Inscribe\'s goal there is absolute (≤ 0.4 µs/row). memory is the heap retained per loaded row',
    'after a full GC, against a plain pg row. The raw numbers of every run are in',
    '`benchmarks/results/latest.json`; on a shared 2-core machine single rounds vary by ±30% or',
    'more, which is why only medians of interleaved rounds are reported.',
  ].join('\n');
}
