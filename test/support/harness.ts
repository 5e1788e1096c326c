/**
 * The real-PostgreSQL test harness. `forEachDriver` runs a suite once per driver (the
 * server through `pg`, and embedded PGlite), each in its own schema or database, so test
 * files run in parallel and leave nothing behind.
 *
 * - DATABASE_URL: the server (default postgres://postgres@127.0.0.1:5432/test)
 * - TEST_DRIVER=pg|pglite: run one driver only
 * - INSCRIBE_TEST_PG=0: set by scripts/run-tests.js when no server answers (and CI is unset)
 */
import { after, before, describe } from 'node:test';
import { Database } from '../../src/index';
import type { DatabaseOptions } from '../../src/index';

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
  /** The schema this suite works in (pg); models and raw SQL resolve there. */
  readonly schema: string;
  /** The suite's Database; statements are recorded in `log`. */
  readonly db: Database;
  /** Every statement the suite's Database sent, in order. Clear it with `log.length = 0`. */
  readonly log: string[];
  /** Another Database on the same schema or PGlite instance options (caller closes it). */
  connect(options?: DatabaseOptions): Database;
}

let counter = 0;
function schemaName(file: string): string {
  const base = file.replace(/^.*[\\/]/, '').replace(/\.test\.js$/, '').replace(/[^a-z0-9]+/gi, '_').toLowerCase();
  return `t_${base}_${process.pid}_${Date.now().toString(36)}_${counter++}`.slice(0, 63);
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
        if (driver === 'pg') {
          ctx.schema = schemaName(file);
          const admin = new Database(DATABASE_URL);
          await admin.query(`CREATE SCHEMA "${ctx.schema}"`);
          await admin.close();
          ctx.connect = (options = {}) => new Database(DATABASE_URL, { schema: ctx.schema, ...options });
        } else {
          ctx.schema = 'public';
          ctx.connect = (options = {}) => new Database('pglite://memory', options);
        }
        ctx.db = ctx.connect({ logging: (sql) => log.push(sql) });
      });
      after(async () => {
        await ctx.db.close();
        if (driver === 'pg') {
          const admin = new Database(DATABASE_URL);
          await admin.query(`DROP SCHEMA IF EXISTS "${ctx.schema}" CASCADE`);
          await admin.close();
        }
      });
      fn(ctx);
    });
  }
}

/** The statements in `log` that are not transaction control. */
export function statements(log: readonly string[]): string[] {
  return log.filter((s) => !/^(BEGIN|COMMIT|ROLLBACK|SET search_path)/.test(s));
}
