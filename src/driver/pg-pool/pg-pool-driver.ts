import { Pool } from 'pg';
import type { PoolClient } from 'pg';
import type { PoolSettings } from '../connection-options';
import type { CompiledQuery, DedicatedConnection, Driver, DriverResult, ParserTable, RowMode } from '../driver';

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

interface PgQueryResult {
  rows: unknown[];
  rowCount: number | null;
  fields: { name: string; dataTypeID: number }[];
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

async function runOn(target: Pool | PoolClient, names: PreparedNames, query: CompiledQuery, rowMode: RowMode, parsers: ParserTable): Promise<DriverResult<any>> {
  const name = names.nameFor(query);
  const config = { name, text: query.text, values: query.values as unknown[], rowMode, types: typesFor(parsers) };
  let res: PgQueryResult;
  try {
    res = (await target.query(config as never)) as unknown as PgQueryResult;
  } catch (err) {
    if (name === undefined || !isStalePlan(err)) throw err;
    names.renew();
    res = (await target.query({ ...config, name: names.nameFor(query) } as never)) as unknown as PgQueryResult;
  }
  return { rows: res.rows, rowCount: res.rowCount ?? 0, fields: res.fields };
}

/** The `pg` Pool behind the Driver seam. */
export class PgPoolDriver implements Driver {
  readonly kind = 'pg' as const;
  readonly databaseName: string;
  private readonly pool: Pool;
  private readonly names = new PreparedNames();

  constructor(config: PoolSettings, onIdleError: (err: Error) => void) {
    this.pool = new Pool(config);
    this.databaseName = config.database ?? '';
    // An idle client killed by the server emits 'error' on the pool; unhandled, that ends the process.
    this.pool.on('error', onIdleError);
  }

  run<Row>(query: CompiledQuery, rowMode: RowMode, parsers: ParserTable): Promise<DriverResult<Row>> {
    return runOn(this.pool, this.names, query, rowMode, parsers);
  }

  async acquire(): Promise<DedicatedConnection> {
    const client = await this.pool.connect();
    // pg-pool listens for errors only on idle clients; a held client whose connection
    // dies (e.g. pg_terminate_backend) would otherwise raise an uncaught 'error'.
    let failure: Error | undefined;
    const onError = (err: Error) => {
      failure = err;
    };
    client.on('error', onError);
    return {
      run: (query, rowMode, parsers) => runOn(client, this.names, query, rowMode, parsers),
      release: (error?: Error) => {
        client.removeListener('error', onError);
        // A client that failed is destroyed, never handed to the next caller.
        client.release(error ?? failure);
      },
    };
  }

  resetPrepared(): void {
    this.names.renew();
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
