import type { CompiledQuery, DedicatedConnection, Driver, DriverResult, ParserTable, RowMode } from '../driver';
import { mergeResults } from '../merge-results';

interface PGliteResults {
  rows: unknown[];
  affectedRows?: number;
  fields: { name: string; dataTypeID: number }[];
}
interface PGliteLike {
  waitReady: Promise<void>;
  query(text: string, params?: unknown[], options?: { rowMode?: RowMode; parsers?: ParserTable }): Promise<PGliteResults>;
  exec(text: string, options?: { rowMode?: RowMode; parsers?: ParserTable }): Promise<PGliteResults[]>;
  close(): Promise<void>;
}

/** 42601 for a text of several statements, sent without bound values (with values it stays an error, as on pg). */
function isSeveralStatements(err: unknown, query: CompiledQuery): boolean {
  return query.values.length === 0 && (err as { code?: unknown })?.code === '42601' && /cannot insert multiple commands/.test(String((err as Error).message));
}

/**
 * Embedded PostgreSQL (PGlite, WebAssembly) behind the Driver seam. PGlite is one
 * connection, so a dedicated connection (a transaction) holds a lock that other
 * statements wait for.
 */
export class PGliteDriver implements Driver {
  readonly kind = 'pglite' as const;
  readonly databaseName: string;
  private db?: Promise<PGliteLike>;
  private lock: Promise<void> = Promise.resolve();
  private holder: object | null = null;

  /** `dataDir` undefined means in memory. */
  constructor(private readonly dataDir: string | undefined, databaseName = 'postgres') {
    this.databaseName = databaseName;
  }

  private open(): Promise<PGliteLike> {
    if (!this.db) {
      this.db = (async () => {
        // Loaded on first use so `pg`-only users never load the WebAssembly build.
        const { PGlite } = require('@electric-sql/pglite') as typeof import('@electric-sql/pglite');
        const { hstore } = require('@electric-sql/pglite/contrib/hstore') as typeof import('@electric-sql/pglite/contrib/hstore');
        const { citext } = require('@electric-sql/pglite/contrib/citext') as typeof import('@electric-sql/pglite/contrib/citext');
        const pg = new PGlite({ dataDir: this.dataDir, extensions: { hstore, citext } }) as unknown as PGliteLike;
        await pg.waitReady;
        // Before anything else: the timestamp and interval parsers read ISO output only, and
        // the data directory's postgresql.conf may say otherwise.
        await pg.exec('SET DateStyle = ISO; SET IntervalStyle = postgres');
        return pg;
      })();
    }
    return this.db;
  }

  private static result(res: PGliteResults): DriverResult<any> {
    return { rows: res.rows, rowCount: res.affectedRows || res.rows.length, fields: res.fields };
  }

  async run<Row>(query: CompiledQuery, rowMode: RowMode, parsers: ParserTable): Promise<DriverResult<Row>> {
    const pg = await this.open();
    // Wait for a transaction held by another caller to finish.
    while (this.holder !== null) await this.lock;
    try {
      return PGliteDriver.result(await pg.query(query.text, query.values as unknown[], { rowMode, parsers }));
    } catch (err) {
      if (!isSeveralStatements(err, query)) throw err;
      // PGlite's query() prepares the text, which refuses several statements before running
      // any; exec() runs them as the pg driver's simple protocol does.
      while (this.holder !== null) await this.lock;
      return mergeResults(await pg.exec(query.text, { rowMode, parsers }));
    }
  }

  async acquire(): Promise<DedicatedConnection> {
    const pg = await this.open();
    while (this.holder !== null) await this.lock;
    const token = {};
    this.holder = token;
    let releaseLock!: () => void;
    this.lock = new Promise<void>((resolve) => (releaseLock = resolve));
    let released = false;
    return {
      run: async (query, rowMode, parsers) => PGliteDriver.result(await pg.query(query.text, query.values as unknown[], { rowMode, parsers })),
      release: () => {
        if (released) return;
        released = true;
        this.holder = null;
        releaseLock();
      },
    };
  }

  /** PGlite statements are never prepared under a name. */
  resetPrepared(): void {}

  async close(): Promise<void> {
    if (!this.db) return;
    const pg = await this.db;
    await pg.close();
  }
}
