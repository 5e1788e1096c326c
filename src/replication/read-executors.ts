import { ConnectionError, DatabaseClosedError, InscribeError } from '../errors';
import type { CompiledQuery, Driver, DriverResult, Queryable, RowMode } from '../driver/driver';
import type { Executor } from '../driver/executor';
import type { ModelDefinition } from '../metadata/definition';
import type { RowCursor } from '../driver/cursor';
import type { ReplicaRouter } from './router';

type RunOn = <Row>(target: Queryable, query: CompiledQuery, rowMode: RowMode, model?: ModelDefinition) => Promise<DriverResult<Row>>;
type CursorOn = (target: Driver, query: CompiledQuery, batchSize: number, model?: ModelDefinition) => Promise<RowCursor>;

/**
 * A replica's failure that the primary can answer instead: the replica is down, or a hot
 * standby cancelled the read because replay needed its rows (SQLSTATE 40001).
 */
function fallBack(err: unknown): boolean {
  if (err instanceof DatabaseClosedError) return false;
  return err instanceof ConnectionError || (err instanceof InscribeError && err.code === '40001');
}

/**
 * The two executors reads run on when the Database has replicas: `reader` routes each read
 * to a replica (or the primary, when none may answer it), `primaryReader` is the primary
 * for `useMaster: true`. Neither counts as a write for read-your-writes.
 */
export function readExecutors(base: Executor, router: ReplicaRouter, primary: Driver, runOn: RunOn, waitMillis: number, cursorOn: CursorOn): { reader: Executor; primaryReader: Executor } {
  const onPrimary = <Row>(query: CompiledQuery, rowMode: RowMode, model?: ModelDefinition) => {
    router.primaryReads++;
    return runOn<Row>(primary, query, rowMode, model);
  };
  const cursorOnPrimary = (query: CompiledQuery, batchSize: number, model?: ModelDefinition) => {
    router.primaryReads++;
    return cursorOn(primary, query, batchSize, model);
  };
  const reader: Executor = {
    parsers: base.parsers,
    get databaseName() { return base.databaseName; },
    searchSchema: base.searchSchema,
    inTransaction: false,
    log: (m) => base.log(m),
    transaction: (fn) => base.transaction(fn),
    routeKey: () => router.session(),
    async run<Row>(query: CompiledQuery, rowMode: RowMode, model?: ModelDefinition): Promise<DriverResult<Row>> {
      const session = router.session();
      let replica = router.pick(session);
      if (replica === undefined && waitMillis > 0) replica = await router.pickWaiting(session);
      if (replica === undefined) return onPrimary<Row>(query, rowMode, model);
      replica.inflight++;
      try {
        const result = await runOn<Row>(replica.driver, query, rowMode, model);
        replica.reads++;
        return result;
      } catch (err) {
        if (!fallBack(err)) throw err;
        if (err instanceof ConnectionError) router.failed(replica, err);
        return onPrimary<Row>(query, rowMode, model);
      } finally {
        replica.inflight--;
      }
    },
    // A cursor (findEach) is routed as one read: the replica is picked, and fallen back from, when it opens.
    async cursor(query: CompiledQuery, batchSize: number, model?: ModelDefinition): Promise<RowCursor> {
      const session = router.session();
      let replica = router.pick(session);
      if (replica === undefined && waitMillis > 0) replica = await router.pickWaiting(session);
      if (replica === undefined) return cursorOnPrimary(query, batchSize, model);
      replica.inflight++;
      try {
        const cursor = await cursorOn(replica.driver, query, batchSize, model);
        replica.reads++;
        return cursor;
      } catch (err) {
        if (!fallBack(err)) throw err;
        if (err instanceof ConnectionError) router.failed(replica, err);
        return cursorOnPrimary(query, batchSize, model);
      } finally {
        replica.inflight--;
      }
    },
  };
  const primaryReader: Executor = { ...reader, run: onPrimary, cursor: cursorOnPrimary };
  return { reader, primaryReader };
}
