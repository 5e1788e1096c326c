import { TimeoutError } from '../../errors';
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

  /**
   * `dataDir` undefined means in memory. `waitMillis` bounds how long a call waits for a
   * transaction holding the one connection (as a pool's acquire timeout does): a call that
   * would otherwise wait on a transaction its own code holds fails instead of hanging.
   */
  constructor(private readonly dataDir: string | undefined, databaseName = 'postgres', private readonly waitMillis = 10_000) {
    this.databaseName = databaseName;
  }

  /**
   * Waits for the holder to release, failing once `waitMillis` have passed since `since`.
   * Callers loop on `holder` themselves, so the check and the take happen in one turn.
   */
  private async waitTurn(since: number): Promise<void> {
    const left = since + this.waitMillis - Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = await Promise.race([
      this.lock.then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), Math.max(0, left)))),
    ]);
    clearTimeout(timer);
    if (expired && this.holder !== null) {
      throw new TimeoutError(`PGlite has one connection, and a transaction has held it for over ${this.waitMillis} ms while this call waited. ` +
        'If the call belongs to that transaction, pass { transaction: t } (or run it inside db.transaction(async () => …)); otherwise commit or roll back the transaction first.');
    }
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
    const since = Date.now();
    while (this.holder !== null) await this.waitTurn(since);
    try {
      return PGliteDriver.result(await pg.query(query.text, query.values as unknown[], { rowMode, parsers }));
    } catch (err) {
      if (!isSeveralStatements(err, query)) throw err;
      // PGlite's query() prepares the text, which refuses several statements before running
      // any; exec() runs them as the pg driver's simple protocol does.
      while (this.holder !== null) await this.waitTurn(since);
      return mergeResults(await pg.exec(query.text, { rowMode, parsers }));
    }
  }

  async acquire(): Promise<DedicatedConnection> {
    const pg = await this.open();
    const since = Date.now();
    while (this.holder !== null) await this.waitTurn(since);
    const token = {};
    this.holder = token;
    let releaseLock!: () => void;
    this.lock = new Promise<void>((resolve) => (releaseLock = resolve));
    let released = false;
    return {
      run: async (query, rowMode, parsers) => PGliteDriver.result(await pg.query(query.text, query.values as unknown[], { rowMode, parsers })),
      release: (error?: Error) => {
        if (released) return;
        released = true;
        const free = () => {
          this.holder = null;
          releaseLock();
        };
        // PGlite's one session cannot be destroyed: after a failure (a ROLLBACK that failed),
        // make sure it is out of any transaction before anyone else uses it.
        if (error === undefined) free();
        else void pg.query('ROLLBACK').then(free, free);
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
