import { Pool } from 'pg';
import type { PoolClient, PoolConfig } from 'pg';
import type { PoolSettings } from '../connection-options';
import { PoolExhaustedError, TimeoutError, connectionFailure } from '../../errors';
import type { CompiledQuery, DedicatedConnection, Driver, DriverResult, ParserTable, RowMode } from '../driver';
import { keepAfter, LEFT_IN_TRANSACTION, releaseAfterError } from './connection-state';
import { mergeResults } from '../merge-results';
import type { RowCursor } from '../cursor';
import { pgCursor } from './pg-cursor';
import type { PgQueryResult } from './connection-state';
import { pgCopyFrom } from './copy-from';
import { ReadDeadlines } from './read-deadlines';

/** Parsers handed to pg per query (its `types` option): the process-global pg.types is never touched. */
const typeOverrides = new WeakMap<ParserTable, { getTypeParser: (oid: number, format?: string) => (text: string) => unknown }>();
const noParse = (text: string): string => text;

function typesFor(parsers: ParserTable) {
  let t = typeOverrides.get(parsers);
  if (!t) {
    t = { getTypeParser: (oid: number) => parsers[oid] ?? noParse };
    typeOverrides.set(parsers, t);
  }
  return t;
}

/** At most this many distinct texts are prepared per Database; past it, statements run unnamed. */
const MAX_PREPARED = 1000;

/**
 * Names for model statements, so each is parsed and planned once per connection (the
 * largest cost of a primary-key lookup). A name always stands for one text. If the
 * server says a prepared plan went stale (0A000 "cached plan must not change result
 * type", after DDL changed a column), every name is renewed and the statement retried.
 */
class PreparedNames {
  private names = new Map<string, string>();
  private generation = 0;

  nameFor(query: CompiledQuery): string | undefined {
    if (query.prepare !== true) return undefined;
    let name = this.names.get(query.text);
    if (name === undefined) {
      if (this.names.size >= MAX_PREPARED) return undefined;
      name = `inscribe_${this.generation}_${this.names.size}`;
      this.names.set(query.text, name);
    }
    return name;
  }

  renew(): void {
    this.names = new Map();
    this.generation++;
  }
}

function isStalePlan(err: unknown): boolean {
  return (err as { code?: unknown })?.code === '0A000' && /cached plan must not change result type/.test(String((err as Error).message));
}

/** One statement on a held client, failed with `onTimeout()`'s error when no answer comes before its deadline (none when queryTimeout is 0). */
function queryWithin(client: PoolClient, config: object, deadlines: ReadDeadlines, onTimeout: () => Error): Promise<PgQueryResult | PgQueryResult[]> {
  return new Promise((resolve, reject) => {
    let late = false;
    const deadline = deadlines.arm(() => {
      late = true;
      reject(onTimeout());
    });
    client.query(config as never, ((err: Error | undefined, res: PgQueryResult | PgQueryResult[]) => {
      // After the deadline the connection is already ended; its late answer (or failure) goes nowhere.
      if (late) return;
      deadlines.disarm(deadline);
      if (err) reject(err);
      else resolve(res);
    }) as never);
  });
}

async function runOn(client: PoolClient, owner: PgPoolDriver, query: CompiledQuery, rowMode: RowMode, parsers: ParserTable, inTransaction = false): Promise<DriverResult<any>> {
  const names = owner.names;
  const name = names.nameFor(query);
  const config = { name, text: query.text, values: query.values as unknown[], rowMode, types: typesFor(parsers) };
  const timeout = () => owner.timedOut(client);
  let res: PgQueryResult | PgQueryResult[];
  try {
    res = await queryWithin(client, config, owner.deadlines, timeout);
  } catch (err) {
    if (name === undefined || !isStalePlan(err)) throw err;
    names.renew();
    // Inside a transaction the failure already aborted it: a retry would only fail with 25P02.
    if (inTransaction) throw err;
    res = await queryWithin(client, { ...config, name: names.nameFor(query) }, owner.deadlines, timeout);
  }
  return toDriverResult(res);
}

function toDriverResult(res: PgQueryResult | PgQueryResult[]): DriverResult<any> {
  // Several statements in one simple-protocol text: pg answers with one result per statement.
  if (Array.isArray(res)) return mergeResults(res);
  return { rows: res.rows, rowCount: res.rowCount ?? 0, fields: res.fields };
}

/** A checked-out client's errors reach the failing query; this listener only keeps them from being uncaught. */
function ignoreWhileCheckedOut(): void {}

/** The `pg` Pool behind the Driver seam. */
export class PgPoolDriver implements Driver {
  readonly kind = 'pg' as const;
  readonly databaseName: string;
  /** @internal Statement names, shared by every connection of the pool. */
  readonly names = new PreparedNames();
  /** @internal queryTimeout: how long one statement may wait for its answer (see ReadDeadlines). */
  readonly deadlines: ReadDeadlines;
  private readonly pool: Pool;

  constructor(private readonly config: PoolSettings, private readonly display: string, onIdleError: (err: Error) => void) {
    // query_timeout is enforced here (ReadDeadlines), never handed to pg.
    const { query_timeout: readTimeout, ...pgConfig } = config;
    this.deadlines = new ReadDeadlines(readTimeout ?? 0);
    this.pool = new Pool(pgConfig as PoolConfig);
    this.databaseName = config.database ?? config.user ?? '';
    // An idle client killed by the server emits 'error' on the pool; unhandled, that ends the process.
    this.pool.on('error', onIdleError);
    // pg-pool listens for errors only on idle clients; a socket that fails while a
    // statement runs would raise an uncaught 'error' (the statement itself is rejected).
    this.pool.on('connect', (client) => client.on('error', ignoreWhileCheckedOut));
  }

  /**
   * One statement on a pooled connection. The connection goes back to the pool after a
   * server error that leaves it usable (a unique violation, a statement timeout: the
   * server is at ReadyForQuery outside any transaction); it is destroyed after a
   * connection-level error, a client-side timeout, or when its transaction state is not idle.
   *
   * Hot: written with pg's callback API (one promise, three closures per statement), which
   * allocates less than pg-pool's own `pool.query` did; awaiting pool.connect() and
   * client.query() would add a promise chain each.
   */
  run<Row>(query: CompiledQuery, rowMode: RowMode, parsers: ParserTable): Promise<DriverResult<Row>> {
    return new Promise<DriverResult<Row>>((resolve, reject) => {
      this.pool.connect((connectError, client) => {
        if (connectError || client === undefined) {
          reject(this.connectFailed(connectError));
          return;
        }
        let name = this.names.nameFor(query);
        let late = false;
        const deadline = this.deadlines.arm(() => {
          late = true;
          const err = this.timedOut(client);
          client.release(err);
          reject(err);
        });
        const answered = (err: unknown, res?: PgQueryResult | PgQueryResult[]): void => {
          // After the deadline the connection is already ended and released; its late answer goes nowhere.
          if (late) return;
          if (err) {
            if (name !== undefined && isStalePlan(err)) {
              // Renewed once: the retry runs unnamed if the new name is stale too (it cannot be).
              this.names.renew();
              name = undefined;
              client.query({ name: this.names.nameFor(query), text: query.text, values: query.values as unknown[], rowMode, types: typesFor(parsers) } as never, answered as never);
              return;
            }
            this.deadlines.disarm(deadline);
            releaseAfterError(client, err);
            reject(err);
            return;
          }
          this.deadlines.disarm(deadline);
          // A raw BEGIN left open: never hand a connection inside a transaction to the next caller.
          client.release(keepAfter(client, undefined) ? undefined : LEFT_IN_TRANSACTION);
          resolve(toDriverResult(res!));
        };
        client.query({ name, text: query.text, values: query.values as unknown[], rowMode, types: typesFor(parsers) } as never, answered as never);
      });
    });
  }

  async acquire(): Promise<DedicatedConnection> {
    const client = await this.checkout();
    // pg-pool listens for errors only on idle clients; a held client whose connection
    // dies (e.g. pg_terminate_backend) would otherwise raise an uncaught 'error'.
    let failure: Error | undefined;
    const onError = (err: Error) => {
      failure = err;
    };
    client.on('error', onError);
    return {
      run: (query, rowMode, parsers) => runOn(client, this, query, rowMode, parsers, true),
      idle: () => client.getTransactionStatus() === 'I',
      copyFrom: (query, source) => pgCopyFrom(client, query.text, source),
      copyStreams: true,
      release: (error?: Error) => {
        client.removeListener('error', onError);
        // A client that failed is destroyed, never handed to the next caller.
        client.release(error ?? failure);
      },
    };
  }

  /** A protocol-level cursor (pg-cursor) on a pooled connection of its own, released when it ends. */
  async openCursor(query: CompiledQuery, rowMode: RowMode, parsers: ParserTable, batchSize: number): Promise<RowCursor> {
    return pgCursor(await this.checkout(), query, rowMode, typesFor(parsers), batchSize);
  }

  /** A pooled connection; a failure says whether the pool was exhausted or the server unreachable. */
  private async checkout(): Promise<PoolClient> {
    try {
      return await this.pool.connect();
    } catch (err) {
      throw this.connectFailed(err);
    }
  }

  private connectFailed(err: unknown): Error {
    // pg-pool's wording for a caller that waited in its queue: every connection was busy.
    if ((err as Error)?.message === 'timeout exceeded when trying to connect') {
      return new PoolExhaustedError(this.config.max ?? 10, this.pool.waitingCount, this.config.connectionTimeoutMillis ?? 0, err);
    }
    return connectionFailure(err, this.display, this.config.connectionTimeoutMillis);
  }

  /**
   * @internal queryTimeout passed: the server may still be running the statement, or the
   * network is gone. The query is still active on the client, so every later statement on
   * it would queue behind; end it now (pg destroys the socket when a query is active) so a
   * transaction's ROLLBACK fails at once and the pool drops it.
   */
  timedOut(client: PoolClient): TimeoutError {
    void client.end().catch(ignoreWhileCheckedOut);
    return new TimeoutError(`No answer from the server within queryTimeout (${this.deadlines.ms} ms) on ${this.display}: the connection was closed and will not be reused, and the statement may or may not have run. If statements legitimately take this long, raise queryTimeout (0 or false disables it).`);
  }

  resetPrepared(): void {
    this.names.renew();
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
