/**
 * One stream-2m measurement in a process of its own (started by streaming.ts with
 * --expose-gc): `node stream-child.js <entry> <url> <schema> <rows> <batchSize>`.
 *
 * Creates the entry, warms its streaming path up on the first 20,000 rows, collects garbage,
 * takes the resident set size as the baseline, then streams `rows` rows (timed), sampling the
 * RSS every 1,024 rows. Prints `{ usPerRow, rssGrowthMB }` (peak RSS minus the baseline) as
 * its last line, or `{ notOffered }`.
 */
import type { EntryConfig, EntryFactory, EntryName } from './entry';
import { rowChecker } from './streaming';

const FACTORIES: Record<EntryName, () => EntryFactory> = {
  pg: () => require('./entries/pg').createPgEntry,
  inscribe: () => require('./entries/inscribe').createInscribeEntry,
  sequelize: () => require('./entries/sequelize').createSequelizeEntry,
  typeorm: () => require('./entries/typeorm').createTypeormEntry,
  drizzle: () => require('./entries/drizzle').createDrizzleEntry,
};

async function main(): Promise<void> {
  const [name, url, schema, rowsText, batchText] = process.argv.slice(2);
  if (!(name in FACTORIES)) throw new Error(`unknown entry ${name}`);
  const rows = Number(rowsText);
  const batchSize = Number(batchText);
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with --expose-gc');
  const config: EntryConfig = { url, schema, poolSize: 2 };
  const entry = await FACTORIES[name as EntryName]()(config);
  try {
    if (entry.stream === undefined) {
      process.stdout.write(JSON.stringify({ notOffered: 'no streaming API' }) + '\n');
      return;
    }
    const warm = Math.min(rows, 20_000);
    const warmCheck = rowChecker(warm);
    await entry.stream(batchSize, warm, warmCheck.each);
    warmCheck.finish();
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    gc();
    const base = process.memoryUsage.rss();
    let peak = base;
    const check = rowChecker(rows);
    const inner = check.each;
    let n = 0;
    const each: typeof inner = (row) => {
      inner(row);
      if ((++n & 1023) === 0) {
        const rss = process.memoryUsage.rss();
        if (rss > peak) peak = rss;
      }
    };
    const t0 = performance.now();
    await entry.stream(batchSize, rows, each);
    const elapsed = performance.now() - t0;
    peak = Math.max(peak, process.memoryUsage.rss());
    check.finish();
    process.stdout.write(JSON.stringify({ usPerRow: (elapsed * 1000) / rows, rssGrowthMB: (peak - base) / 2 ** 20 }) + '\n');
  } finally {
    await entry.close();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
