/**
 * The include workloads, Inscribe against hand-written pg, measured by this process's CPU
 * per call (`process.cpuUsage`, user + system) as well as wall time. On a machine shared with
 * other work, wall time moves with the load by tens of percent; the client's own CPU moves
 * much less, so this tells whether a change to the include path made the client's work
 * cheaper. It does not replace run.ts (server time and round trips count for users).
 *
 * `npm run build && tsc -p benchmarks/tsconfig.json && node build/benchmarks/benchmarks/include-cpu.js`
 * Env: ROUNDS (default 9, rotated), N calls per round (60), W workloads (all three),
 * DATABASE_URL as for the benchmarks. Runs in its own schema, dropped at the end.
 */
import pg from 'pg';
import type { Entry } from './entry';
import { createInscribeEntry } from './entries/inscribe';
import { createPgEntry } from './entries/pg';
import { POSTS } from './relations';
import { createSchema, dropSchema } from './schema';

const CALLS: Record<string, (e: Entry) => Promise<unknown>> = {
  'include-many': (e) => e.includeMany(),
  'include-one': (e) => e.includeOne(POSTS),
  'include-m2m': (e) => e.includeM2M(200),
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const n = Number(process.env.N ?? 60);
  const rounds = Number(process.env.ROUNDS ?? 9);
  const workloads = (process.env.W ?? Object.keys(CALLS).join(',')).split(',');
  const schema = `include_cpu_${process.pid}`;
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  await createSchema(admin, schema, 10);
  const config = { url, schema, poolSize: 2 };
  const entries: Record<string, Entry> = { inscribe: (await createInscribeEntry(config)) as unknown as Entry, pg: (await createPgEntry(config)) as unknown as Entry };
  const names = Object.keys(entries);
  try {
    for (const w of workloads) {
      const call = CALLS[w];
      if (call === undefined) throw new Error(`W: unknown workload ${w} (${Object.keys(CALLS).join(', ')})`);
      const cpu: Record<string, number[]> = { inscribe: [], pg: [] };
      const wall: Record<string, number[]> = { inscribe: [], pg: [] };
      // Round 0 warms up; later rounds alternate which entry runs first.
      for (let r = 0; r <= rounds; r++) {
        for (let k = 0; k < names.length; k++) {
          const name = names[(k + r) % names.length];
          const c0 = process.cpuUsage();
          const t0 = performance.now();
          for (let i = 0; i < n; i++) await call(entries[name]);
          const t = performance.now() - t0;
          const c = process.cpuUsage(c0);
          if (r > 0) {
            cpu[name].push((c.user + c.system) / n);
            wall[name].push((t * 1000) / n);
          }
        }
      }
      const ci = median(cpu.inscribe), cp = median(cpu.pg), wi = median(wall.inscribe), wp = median(wall.pg);
      console.log(`${w.padEnd(13)} client CPU µs/call: inscribe ${ci.toFixed(0)}, pg ${cp.toFixed(0)} (${(ci / cp).toFixed(2)}×) · wall µs/call: inscribe ${wi.toFixed(0)}, pg ${wp.toFixed(0)} (${(wi / wp).toFixed(2)}×)`);
    }
  } finally {
    for (const e of Object.values(entries)) await e.close();
    await dropSchema(admin, schema);
    await admin.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
