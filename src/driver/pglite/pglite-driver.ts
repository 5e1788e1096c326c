import { TimeoutError } from '../../errors';
import type { CompiledQuery, DedicatedConnection, Driver, DriverResult, ParserTable, RowMode } from '../driver';
import { mergeResults } from '../merge-results';
import { searchPathStatement, sessionOf } from './session';
import type { PGliteInstance, PGliteResults, Session } from './session';

/** Where the driver's PGlite comes from: one it opens (and closes), or one the caller owns. */
export type PGliteSource = { dataDir: string | undefined } | { instance: PGliteInstance };

/** 42601 for a text of several statements, sent without bound values (with values it stays an error, as on pg). */
function isSeveralStatements(err: unknown, query: CompiledQuery): boolean {
  return query.values.length === 0 && (err as { code?: unknown })?.code === '42601' && /cannot insert multiple commands/.test(String((err as Error).message));
}

/**
 * Embedded PostgreSQL (PGlite, WebAssembly) behind the Driver seam. PGlite is one
 * connection, so a dedicated connection (a transaction) holds a lock that other
 * statements wait for — including those of other Databases on the same instance — for at
 * most `waitMillis` (as a pool's acquire timeout), so a call that waits on a transaction
 * its own code holds fails instead of hanging.
 */
export class PGliteDriver implements Driver {
  readonly kind = 'pglite' as const;
  readonly databaseName: string;
  private db?: Promise<{ pg: PGliteInstance; session: Session }>;
  /** The schema first on this Database's search_path; null for the default. */
  private readonly searchPath: string | null;

  constructor(private readonly source: PGliteSource, schema?: string, private readonly waitMillis = 10_000, databaseName = 'postgres') {
    this.databaseName = databaseName;
    this.searchPath = schema ?? null;
  }

  private open(): Promise<{ pg: PGliteInstance; session: Session }> {
    if (!this.db) {
      const source = this.source;
      this.db = (async () => {
        let pg: PGliteInstance;
        let fresh = false;
        if ('instance' in source) pg = source.instance;
        else {
          // Loaded on first use so `pg`-only users never load the WebAssembly build.
          const { PGlite } = require('@electric-sql/pglite') as typeof import('@electric-sql/pglite');
          const { hstore } = require('@electric-sql/pglite/contrib/hstore') as typeof import('@electric-sql/pglite/contrib/hstore');
          const { citext } = require('@electric-sql/pglite/contrib/citext') as typeof import('@electric-sql/pglite/contrib/citext');
          const opened = new PGlite({ dataDir: source.dataDir, extensions: { hstore, citext } });
          await opened.waitReady;
          pg = opened as unknown as PGliteInstance;
          fresh = true;
        }
        const session = sessionOf(pg, fresh);
        if (!session.pinned) {
          // Before anything else: the timestamp and interval parsers read ISO output only, and
          // the data directory's postgresql.conf may say otherwise.
          session.pinned = true;
          await (session.queue = session.queue.then(() => pg.exec('SET DateStyle = ISO; SET IntervalStyle = postgres')));
        }
        return { pg, session };
      })();
    }
    return this.db;
  }

  private static result(res: PGliteResults): DriverResult<any> {
    return { rows: res.rows, rowCount: res.affectedRows || res.rows.length, fields: res.fields };
  }

  /**
   * Waits for the session's holder to release, failing once `waitMillis` have passed since
   * `since`. Callers loop on `holder` themselves, so the check and the take happen in one turn.
   */
  private async waitTurn(session: Session, since: number): Promise<void> {
    const left = since + this.waitMillis - Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = await Promise.race([
      session.lock.then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), Math.max(0, left)))),
    ]);
    clearTimeout(timer);
    if (expired && session.holder !== null) {
      throw new TimeoutError(`PGlite has one connection, and a transaction has held it for over ${this.waitMillis} ms while this call waited. ` +
        'If the call belongs to that transaction, pass { transaction: t } (or run it inside db.transaction(async () => …)); otherwise commit or roll back the transaction first.');
    }
  }

  /** Queues one statement on the session, after setting this Database's search_path if another left a different one. */
  private send(pg: PGliteInstance, s: Session, query: CompiledQuery, rowMode: RowMode, parsers: ParserTable): Promise<DriverResult<any>> {
    const job = s.queue.then(async () => {
      if (s.searchPath !== this.searchPath) {
        await pg.query(searchPathStatement(this.searchPath));
        s.searchPath = this.searchPath;
      }
      try {
        return PGliteDriver.result(await pg.query(query.text, query.values as unknown[], { rowMode, parsers }));
      } catch (err) {
        if (!isSeveralStatements(err, query)) throw err;
        // PGlite's query() prepares the text, which refuses several statements before running
        // any; exec() runs them as the pg driver's simple protocol does.
        return mergeResults(await pg.exec(query.text, { rowMode, parsers }));
      }
    });
    s.queue = job.catch(() => undefined);
    return job;
  }

  async run<Row>(query: CompiledQuery, rowMode: RowMode, parsers: ParserTable): Promise<DriverResult<Row>> {
    const { pg, session } = await this.open();
    // Wait for a transaction held by another caller to finish.
    if (session.holder !== null) {
      const since = Date.now();
      while (session.holder !== null) await this.waitTurn(session, since);
    }
    return this.send(pg, session, query, rowMode, parsers);
  }

  async acquire(): Promise<DedicatedConnection> {
    const { pg, session } = await this.open();
    if (session.holder !== null) {
      const since = Date.now();
      while (session.holder !== null) await this.waitTurn(session, since);
    }
    const token = {};
    session.holder = token;
    let releaseLock!: () => void;
    session.lock = new Promise<void>((resolve) => (releaseLock = resolve));
    let released = false;
    return {
      run: (query, rowMode, parsers) => this.send(pg, session, query, rowMode, parsers),
      copyFrom: (query, source) => this.copyFrom(pg, session, query, source),
      copyStreams: false,
      release: (error?: Error) => {
        if (released) return;
        released = true;
        const free = () => {
          session.holder = null;
          releaseLock();
        };
        // PGlite's one session cannot be destroyed: after a failure (a ROLLBACK that failed),
        // make sure it is out of any transaction before anyone else uses it.
        if (error === undefined) free();
        else void this.send(pg, session, { text: 'ROLLBACK', values: [] }, 'array', {}).then(free, free);
      },
    };
  }

  /**
   * PGlite reads COPY data from a Blob (`COPY … FROM '/dev/blob'`), not from a stream: the
   * whole source is gathered first (callers keep each COPY to one batch), then the
   * statement runs on the session like any other.
   */
  private async copyFrom(pg: PGliteInstance, s: Session, query: CompiledQuery, source: AsyncIterable<Uint8Array>): Promise<number> {
    if (!/ FROM STDIN( |$)/.test(query.text)) throw new Error(`PGlite copyFrom expects COPY … FROM STDIN, got ${query.text}`);
    const parts: Uint8Array[] = [];
    for await (const chunk of source) parts.push(chunk);
    const text = query.text.replace(/ FROM STDIN( |$)/, ` FROM '/dev/blob'$1`);
    const blob = new Blob(parts as unknown as ConstructorParameters<typeof Blob>[0]);
    const job = s.queue.then(async () => {
      if (s.searchPath !== this.searchPath) {
        await pg.query(searchPathStatement(this.searchPath));
        s.searchPath = this.searchPath;
      }
      return (await pg.query(text, [], { blob })).affectedRows ?? 0;
    });
    s.queue = job.catch(() => undefined);
    return job;
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
