/**
 * `npm run bench [-- --quick] [-- --only inscribe,pg]`: every workload against every entry,
 * in one process, over one schema with the same data; warm-up, then rounds interleaved and
 * rotated across entries (A B C …, then B C … A); per entry the median, and the median paired
 * ratio to pg with its 95% bootstrap interval (benchmarks/stats.ts).
 *
 * Flags: --quick (small sizes, 3 rounds, under a minute) · --sizes full|quick|tiny ·
 * --only a,b · --workloads id,id · --rounds n · --warmup n · --schema name ·
 * --out dir (default benchmarks/results for a full run, build/bench-results otherwise) · --readme (rewrite the README section) ·
 * DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import pg from 'pg';
import type { Entry, EntryConfig, EntryFactory, EntryName } from './entry';
import { ENTRY_NAMES } from './entry';
import { createSchema, dropSchema } from './schema';
import { NotOffered, SIZES, WORKLOADS } from './workloads';
import type { Env, SizeSet } from './workloads';
import { readmeSection, shapeProblems, summarise, svgChart, terminalTable } from './report';
import type { Results, WorkloadResult } from './report';

// Each factory is loaded on demand, so --only pg does not load the ORMs. (The type-only
// imports keep every entry in the compiled program.)
import type { createPgEntry } from './entries/pg';
import type { createInscribeEntry } from './entries/inscribe';
import type { createSequelizeEntry } from './entries/sequelize';
import type { createTypeormEntry } from './entries/typeorm';
import type { createDrizzleEntry } from './entries/drizzle';
const MODULES: Record<EntryName, () => { create: EntryFactory; notes: string }> = {
  pg: () => ({ create: require('./entries/pg').createPgEntry, notes: require('./entries/pg').NOTES }),
  inscribe: () => ({ create: require('./entries/inscribe').createInscribeEntry, notes: require('./entries/inscribe').NOTES }),
  sequelize: () => ({ create: require('./entries/sequelize').createSequelizeEntry, notes: require('./entries/sequelize').NOTES }),
  typeorm: () => ({ create: require('./entries/typeorm').createTypeormEntry, notes: require('./entries/typeorm').NOTES }),
  drizzle: () => ({ create: require('./entries/drizzle').createDrizzleEntry, notes: require('./entries/drizzle').NOTES }),
};

export interface Options {
  url: string;
  sizes: SizeSet;
  only: EntryName[];
  workloads: string[];
  rounds: number;
  warmup: number;
  schema: string;
  out: string;
  readme: boolean;
  /** Only re-render latest.svg (and the README with --readme) from out/latest.json. */
  render: boolean;
}

function repoRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'inscribe') return dir;
  }
  return process.cwd();
}

export function parseArgs(argv: string[]): Options {
  const root = repoRoot();
  const o: Options = {
    url: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test',
    sizes: 'full', only: [...ENTRY_NAMES], workloads: WORKLOADS.map((w) => w.id),
    rounds: 7, warmup: 1, schema: 'bench', out: path.join(root, 'benchmarks', 'results'), readme: false, render: false,
  };
  let rounds: number | undefined;
  let outGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--quick') o.sizes = 'quick';
    else if (a === '--sizes') {
      const v = value();
      if (!(v in SIZES)) throw new Error(`--sizes takes ${Object.keys(SIZES).join(', ')}`);
      o.sizes = v as SizeSet;
    } else if (a === '--only') {
      const names = value().split(',').map((s) => s.trim()).filter(Boolean);
      for (const n of names) if (!(ENTRY_NAMES as readonly string[]).includes(n)) throw new Error(`--only: unknown entry "${n}" (entries: ${ENTRY_NAMES.join(', ')})`);
      o.only = ENTRY_NAMES.filter((e) => names.includes(e));
    } else if (a === '--workloads') {
      const ids = value().split(',').map((s) => s.trim()).filter(Boolean);
      for (const id of ids) if (!WORKLOADS.some((w) => w.id === id)) throw new Error(`--workloads: unknown workload "${id}" (workloads: ${WORKLOADS.map((w) => w.id).join(', ')})`);
      o.workloads = ids;
    } else if (a === '--rounds') rounds = Number(value());
    else if (a === '--warmup') o.warmup = Number(value());
    else if (a === '--schema') o.schema = value();
    else if (a === '--out') {
      o.out = path.resolve(value());
      outGiven = true;
    }
    else if (a === '--readme') o.readme = true;
    else if (a === '--render') o.render = true;
    else throw new Error(`Unknown flag ${a}. Flags: --quick --sizes full|quick|tiny --only a,b --workloads id,id --rounds n --warmup n --schema name --out dir --readme --render`);
  }
  o.rounds = rounds ?? (o.sizes === 'full' ? 7 : 3);
  // Only a full run of everything replaces the committed results; partial runs go to build/.
  const partial = o.sizes !== 'full' || o.only.length < ENTRY_NAMES.length || o.workloads.length < WORKLOADS.length || o.rounds < 7;
  if (partial && !outGiven && !o.render) o.out = path.join(root, 'build', 'bench-results');
  if (!Number.isInteger(o.rounds) || o.rounds < 1 || !Number.isInteger(o.warmup) || o.warmup < 0) throw new Error('--rounds must be ≥ 1 and --warmup ≥ 0');
  return o;
}

/** global.gc, exposed at run time when node was not started with --expose-gc. */
function exposeGc(): () => void {
  const g = globalThis as { gc?: () => void };
  if (typeof g.gc !== 'function') {
    v8.setFlagsFromString('--expose-gc');
    g.gc = vm.runInNewContext('gc') as () => void;
  }
  const gc = g.gc!;
  return () => {
    gc();
    gc();
  };
}

function rotate<T>(list: readonly T[], by: number): T[] {
  const k = by % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}

function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n')[0].slice(0, 200);
}

const say = (s: string) => process.stdout.write(s + '\n');

export async function run(o: Options): Promise<Results> {
  const started = Date.now();
  const gc = exposeGc();
  const sizes = SIZES[o.sizes];
  const admin = new pg.Pool({ connectionString: o.url, max: 2 });
  const postgres = (await admin.query('SHOW server_version')).rows[0].server_version as string;
  const meta = { node: process.version, postgres: postgres.split(' ')[0], date: new Date().toISOString(), cpus: os.cpus().length };
  const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');
  say(`Inscribe benchmarks · node ${meta.node} · PostgreSQL ${meta.postgres} · ${meta.cpus} CPUs · sizes ${o.sizes} · ${o.warmup} warm-up + ${o.rounds} rounds · pool 10 · schema "${o.schema}" · load average ${load()}`);
  await createSchema(admin, o.schema, sizes.users);
  say(`Seeded ${sizes.users.toLocaleString('en-US')} users.`);

  const config: EntryConfig = { url: o.url, schema: o.schema, poolSize: 10 };
  const entries: Entry[] = [];
  const missing = new Map<EntryName, string>();
  const globalParser = pg.types.getTypeParser(1184);
  for (const name of o.only) {
    try {
      entries.push(await MODULES[name]().create(config));
    } catch (err) {
      missing.set(name, `could not start: ${firstLine(err)}`);
    }
  }
  if (pg.types.getTypeParser(1184) !== globalParser) say('WARNING: an entry changed pg\'s global type parsers; the pg entry no longer runs on pg\'s defaults.');
  for (const e of entries) if (e.notes) say(`  ${e.name}: ${e.notes}`);
  for (const [name, why] of missing) say(`  ${name}: MISSING (${why})`);

  const env: Env = { admin, url: o.url, schema: o.schema, sizes, raw: new Map(), gc, cleanups: [] };
  const workloads: WorkloadResult[] = [];
  const failures: string[] = [];
  try {
    for (const w of WORKLOADS.filter((x) => o.workloads.includes(x.id))) {
      const size = w.size(sizes);
      // A workload too long for many rounds (stream-2m) caps them; its interval is then wider, as it should be.
      const rounds = Math.min(o.rounds, w.maxRounds ?? o.rounds);
      const warmup = Math.min(o.warmup, w.maxWarmup ?? o.warmup);
      say(`\n${w.id}: ${w.describe(sizes)} · ${size.toLocaleString('en-US')} per round · ${w.unit}${w.also ? ` (and ${w.also.id}, ${w.also.unit})` : ''}${rounds < o.rounds ? ` · ${rounds} rounds` : ''}`);
      const wStarted = Date.now();
      const values = new Map<EntryName, number[]>();
      const alsoValues = new Map<EntryName, number[]>();
      const failed = new Map<EntryName, string>();
      const notOffered: Partial<Record<EntryName, string>> = {};
      for (let r = 0; r < warmup + rounds; r++) {
        const warm = r < warmup;
        const line: string[] = [];
        for (const entry of rotate(entries, r)) {
          if (failed.has(entry.name) || notOffered[entry.name] !== undefined) continue;
          try {
            gc();
            const m = await w.measure(entry, env, warm ? w.warmupSize(sizes) : size, r);
            const v = typeof m === 'number' ? m : m.value;
            if (!warm) {
              values.set(entry.name, [...(values.get(entry.name) ?? []), v]);
              if (typeof m !== 'number') alsoValues.set(entry.name, [...(alsoValues.get(entry.name) ?? []), m.also]);
            }
            line.push(`${entry.name} ${v.toFixed(2)}${typeof m === 'number' ? '' : ` (${m.also.toFixed(1)} ${w.also?.unit ?? ''})`}`);
          } catch (err) {
            if (err instanceof NotOffered) {
              notOffered[entry.name] = err.message;
              line.push(`${entry.name} not offered`);
              continue;
            }
            failed.set(entry.name, firstLine(err));
            line.push(`${entry.name} FAILED`);
          }
        }
        say(`  ${warm ? 'warm-up' : `round ${r - warmup + 1}/${rounds}`}: ${line.join('  ')}`);
      }
      // Only entries with every round: the paired ratios need pg's value of the same round.
      const complete = (m: Map<EntryName, number[]>) => {
        const out: Partial<Record<EntryName, number[]>> = {};
        for (const [name, vs] of m) if (vs.length === rounds && !failed.has(name)) out[name] = vs;
        return out;
      };
      say(`  (${((Date.now() - wStarted) / 1000).toFixed(1)} s)`);
      for (const [name, why] of failed) failures.push(`${w.id} · ${name}: ${why}`);
      workloads.push(summarise(w.id, w.unit, size, complete(values), notOffered));
      if (w.also) workloads.push(summarise(w.also.id, w.also.unit, size, complete(alsoValues), notOffered));
    }
  } finally {
    await Promise.allSettled(entries.map((e) => e.close()));
    for (const cleanup of env.cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
    await dropSchema(admin, o.schema).catch(() => undefined);
    await admin.end();
  }

  const out: Results = { meta, workloads };
  const problems = shapeProblems(out);
  if (problems.length) throw new Error(`results have the wrong shape: ${problems.join('; ')}`);
  say(`\nMedians (median paired ratio to pg, and its 95% bootstrap interval)\n`);
  say(terminalTable(out, o.only));
  if (missing.size || failures.length) {
    say('\nLeft out of the results:');
    for (const [name, why] of missing) say(`  ${name}: ${why}`);
    for (const f of failures) say(`  ${f}`);
  }
  fs.mkdirSync(o.out, { recursive: true });
  fs.writeFileSync(path.join(o.out, 'latest.json'), JSON.stringify(out, null, 2) + '\n');
  fs.writeFileSync(path.join(o.out, 'latest.svg'), svgChart(out));
  say(`\nWrote ${path.join(o.out, 'latest.json')} and latest.svg in ${((Date.now() - started) / 1000).toFixed(0)} s · load average ${load()}.`);
  if (o.readme) writeReadme(out);
  return out;
}

/** --render: the chart (and README) again from a saved latest.json, without running anything. */
export function render(o: Options): void {
  const results = JSON.parse(fs.readFileSync(path.join(o.out, 'latest.json'), 'utf8')) as Results;
  const problems = shapeProblems(results);
  if (problems.length) throw new Error(`${path.join(o.out, 'latest.json')} has the wrong shape: ${problems.join('; ')}`);
  fs.writeFileSync(path.join(o.out, 'latest.svg'), svgChart(results));
  say(terminalTable(results, ENTRY_NAMES.filter((e) => results.workloads.some((w) => w.results[e] !== undefined))));
  say(`\nWrote ${path.join(o.out, 'latest.svg')}.`);
  if (o.readme) writeReadme(results);
}

function writeReadme(results: Results): void {
  const notes = ENTRY_NAMES.filter((e) => results.workloads.some((w) => w.results[e] !== undefined)).map((e) => `**${e}**: ${MODULES[e]().notes}`);
  const file = path.join(repoRoot(), 'README.md');
  const text = fs.readFileSync(file, 'utf8');
  const open = '<!-- section:benchmarks -->', close = '<!-- /section:benchmarks -->';
  const a = text.indexOf(open), b = text.indexOf(close);
  if (a < 0 || b < a) throw new Error('README.md has no benchmarks section markers');
  const sizes = SIZES.full;
  const body = readmeSection(results, os.cpus()[0]?.model.trim() ?? 'unknown CPU', notes, WORKLOADS.map((w) => ({ id: w.id, what: `${w.describe(sizes)}; ${w.size(sizes).toLocaleString('en-US')} per round, ${w.unit}` })));
  fs.writeFileSync(file, text.slice(0, a + open.length) + '\n' + body + '\n' + text.slice(b));
  say(`Updated the benchmarks section of ${file}.`);
}

if (require.main === module) {
  (async () => {
    const options = parseArgs(process.argv.slice(2));
    if (options.render) render(options);
    else await run(options);
  })().catch((err) => {
    console.error(err instanceof Error && /^(Unknown flag|--)/.test(err.message) ? err.message : err);
    process.exit(1);
  });
}
