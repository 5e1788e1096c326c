/**
 * The real-PostgreSQL test harness. `forEachDriver` runs a suite once per driver (the
 * server through `pg`, and embedded PGlite), each in its own schema, so test files run in
 * parallel and leave nothing behind.
 *
 * Starting PGlite costs seconds (initdb in WebAssembly), so every suite of one test process
 * shares one PGlite instance, started from the data directory scripts/run-tests.js prepared
 * once (a dumpDataDir tarball), and isolated by schema as on the server.
 *
 * - DATABASE_URL: the server (default postgres://postgres@127.0.0.1:5432/test)
 * - TEST_DRIVER=pg|pglite: run one driver only
 * - INSCRIBE_TEST_PG=0: set by scripts/run-tests.js when no server answers (and CI is unset)
 * - INSCRIBE_TEST_PGLITE_TEMPLATE: the prepared data directory tarball (optional: without
 *   it the shared instance runs initdb itself)
 */
import { readFileSync } from 'node:fs';
import { after, before, describe } from 'node:test';
import { Database } from '../../src/index';
import type { DatabaseOptions, PGliteInstance } from '../../src/index';

export type DriverName = 'pg' | 'pglite';

export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export function enabledDrivers(): DriverName[] {
  const only = process.env.TEST_DRIVER;
  const all: DriverName[] = process.env.INSCRIBE_TEST_PG === '0' ? ['pglite'] : ['pg', 'pglite'];
  if (only === 'pg' || only === 'pglite') return all.filter((d) => d === only);
  return all;
}

export interface DriverContext {
  readonly driver: DriverName;
  /** The schema this suite works in (both drivers); models and raw SQL resolve there. */
  readonly schema: string;
  /** The suite's Database; statements are recorded in `log`. */
  readonly db: Database;
  /** Every statement the suite's Database sent, in order. Clear it with `log.length = 0`. */
  readonly log: string[];
  /** Another Database on the suite's schema (and, on PGlite, the shared instance); the caller closes it. */
  connect(options?: DatabaseOptions): Database;
}

let counter = 0;
function schemaName(file: string): string {
  const base = file.replace(/^.*[\\/]/, '').replace(/\.test\.js$/, '').replace(/[^a-z0-9]+/gi, '_').toLowerCase();
  return `t_${base}_${process.pid}_${Date.now().toString(36)}_${counter++}`.slice(0, 63);
}

let sharedPGlite: Promise<PGliteInstance> | undefined;

/** This process's PGlite instance, started on first use (from the prepared tarball when there is one). */
export function testPGlite(): Promise<PGliteInstance> {
  return (sharedPGlite ??= (async () => {
    const { PGlite } = await import('@electric-sql/pglite');
    const { hstore } = await import('@electric-sql/pglite/contrib/hstore');
    const { citext } = await import('@electric-sql/pglite/contrib/citext');
    const template = process.env.INSCRIBE_TEST_PGLITE_TEMPLATE;
    const loadDataDir = template ? new Blob([readFileSync(template)]) : undefined;
    const pg = new PGlite({ extensions: { hstore, citext }, loadDataDir });
    await pg.waitReady;
    return pg;
  })());
}

/** A PGlite instance of its own, started from the prepared data directory (the caller closes it). */
export async function freshPGlite(): Promise<PGliteInstance> {
  const { PGlite } = await import('@electric-sql/pglite');
  const template = process.env.INSCRIBE_TEST_PGLITE_TEMPLATE;
  const pg = new PGlite({ loadDataDir: template ? new Blob([readFileSync(template)]) : undefined });
  await pg.waitReady;
  return pg;
}

// Closed once, after every suite of this process.
after(async () => {
  if (sharedPGlite) await (await sharedPGlite).close();
});

/** Runs one statement on a short-lived Database of the suite's driver. */
async function admin(driver: DriverName, sql: string): Promise<void> {
  const db = driver === 'pg' ? new Database(DATABASE_URL) : new Database({ pglite: await testPGlite() });
  try {
    await db.query(sql);
  } finally {
    await db.close();
  }
}

/**
 * Declares `fn`'s tests once per enabled driver. `fn` receives a context whose fields are
 * ready inside tests (they are filled in `before`).
 */
export function forEachDriver(title: string, fn: (ctx: DriverContext) => void, file = process.argv[1] ?? 'test'): void {
  for (const driver of enabledDrivers()) {
    describe(`${title} [${driver}]`, () => {
      const log: string[] = [];
      const ctx = { driver, log } as { driver: DriverName; log: string[]; schema: string; db: Database; connect: DriverContext['connect'] };
      before(async () => {
        ctx.schema = schemaName(file);
        await admin(driver, `CREATE SCHEMA "${ctx.schema}"`);
        if (driver === 'pg') {
          ctx.connect = (options = {}) => new Database(DATABASE_URL, { schema: ctx.schema, ...options });
        } else {
          const pglite = await testPGlite();
          ctx.connect = (options = {}) => new Database({ pglite, schema: ctx.schema, ...options });
        }
        ctx.db = ctx.connect({ logging: (sql) => log.push(sql) });
      });
      after(async () => {
        await ctx.db.close();
        await admin(driver, `DROP SCHEMA IF EXISTS "${ctx.schema}" CASCADE`);
      });
      fn(ctx);
    });
  }
}

/** The statements in `log` that are not transaction control. */
export function statements(log: readonly string[]): string[] {
  return log.filter((s) => !/^(BEGIN|COMMIT|ROLLBACK|SET search_path)/.test(s));
}
