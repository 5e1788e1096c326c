import type { CompiledQuery, DedicatedConnection, Driver, DriverResult, ParserTable, RowMode } from '../driver';
import { searchPathStatement, sessionOf } from './session';
import type { PGliteInstance, PGliteResults, Session } from './session';

/** Where the driver's PGlite comes from: one it opens (and closes), or one the caller owns. */
export type PGliteSource = { dataDir: string | undefined } | { instance: PGliteInstance };

/**
 * Embedded PostgreSQL (PGlite, WebAssembly) behind the Driver seam. PGlite is one
 * connection, so a dedicated connection (a transaction) holds a lock that other
 * statements wait for — including those of other Databases on the same instance.
 */
export class PGliteDriver implements Driver {
  readonly kind = 'pglite' as const;
  readonly databaseName: string;
  private db?: Promise<{ pg: PGliteInstance; session: Session }>;
  /** The schema first on this Database's search_path; null for the default. */
  private readonly searchPath: string | null;

  constructor(private readonly source: PGliteSource, schema?: string, databaseName = 'postgres') {
    this.databaseName = databaseName;
    this.searchPath = schema ?? null;
  }

  private open(): Promise<{ pg: PGliteInstance; session: Session }> {
    if (!this.db) {
      const source = this.source;
      if ('instance' in source) {
        this.db = Promise.resolve({ pg: source.instance, session: sessionOf(source.instance, false) });
      } else {
        this.db = (async () => {
          // Loaded on first use so `pg`-only users never load the WebAssembly build.
          const { PGlite } = require('@electric-sql/pglite') as typeof import('@electric-sql/pglite');
          const { hstore } = require('@electric-sql/pglite/contrib/hstore') as typeof import('@electric-sql/pglite/contrib/hstore');
          const { citext } = require('@electric-sql/pglite/contrib/citext') as typeof import('@electric-sql/pglite/contrib/citext');
          const pg = new PGlite({ dataDir: source.dataDir, extensions: { hstore, citext } });
          await pg.waitReady;
          return { pg: pg as unknown as PGliteInstance, session: sessionOf(pg, true) };
        })();
      }
    }
    return this.db;
  }

  private static result(res: PGliteResults): DriverResult<any> {
    return { rows: res.rows, rowCount: res.affectedRows || res.rows.length, fields: res.fields };
  }

  /** Queues one statement on the session, after setting this Database's search_path if another left a different one. */
  private send(pg: PGliteInstance, s: Session, query: CompiledQuery, rowMode: RowMode, parsers: ParserTable): Promise<DriverResult<any>> {
    const job = s.queue.then(async () => {
      if (s.searchPath !== this.searchPath) {
        await pg.query(searchPathStatement(this.searchPath));
        s.searchPath = this.searchPath;
      }
      return PGliteDriver.result(await pg.query(query.text, query.values as unknown[], { rowMode, parsers }));
    });
    s.queue = job.catch(() => undefined);
    return job;
  }

  async run<Row>(query: CompiledQuery, rowMode: RowMode, parsers: ParserTable): Promise<DriverResult<Row>> {
    const { pg, session } = await this.open();
    // Wait for a transaction held by another caller to finish.
    while (session.holder !== null) await session.lock;
    return this.send(pg, session, query, rowMode, parsers);
  }

  async acquire(): Promise<DedicatedConnection> {
    const { pg, session } = await this.open();
    while (session.holder !== null) await session.lock;
    const token = {};
    session.holder = token;
    let releaseLock!: () => void;
    session.lock = new Promise<void>((resolve) => (releaseLock = resolve));
    let released = false;
    return {
      run: (query, rowMode, parsers) => this.send(pg, session, query, rowMode, parsers),
      release: () => {
        if (released) return;
        released = true;
        session.holder = null;
        releaseLock();
      },
    };
  }

  /** PGlite statements are never prepared under a name. */
  resetPrepared(): void {}

  /** Closes the instance this driver opened; one the caller passed in stays open (it is theirs). */
  async close(): Promise<void> {
    if (!this.db || 'instance' in this.source) return;
    const { pg } = await this.db;
    await pg.close();
  }
}
