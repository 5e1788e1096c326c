import { Pool } from 'pg';
import type { PoolClient, PoolConfig } from 'pg';
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

async function runOn(target: Pool | PoolClient, query: CompiledQuery, rowMode: RowMode, parsers: ParserTable): Promise<DriverResult<any>> {
  const config = { text: query.text, values: query.values as unknown[], rowMode, types: typesFor(parsers) };
  const res = (await target.query(config as never)) as unknown as PgQueryResult;
  return { rows: res.rows, rowCount: res.rowCount ?? 0, fields: res.fields };
}

/** The `pg` Pool behind the Driver seam. */
export class PgPoolDriver implements Driver {
  readonly kind = 'pg' as const;
  readonly databaseName: string;
  private readonly pool: Pool;

  constructor(config: PoolConfig, onIdleError: (err: Error) => void) {
    this.pool = new Pool(config);
    this.databaseName = config.database ?? '';
    // An idle client killed by the server emits 'error' on the pool; unhandled, that ends the process.
    this.pool.on('error', onIdleError);
  }

  run<Row>(query: CompiledQuery, rowMode: RowMode, parsers: ParserTable): Promise<DriverResult<Row>> {
    return runOn(this.pool, query, rowMode, parsers);
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
      run: (query, rowMode, parsers) => runOn(client, query, rowMode, parsers),
      release: (error?: Error) => {
        client.removeListener('error', onError);
        // A client that failed is destroyed, never handed to the next caller.
        client.release(error ?? failure);
      },
    };
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
