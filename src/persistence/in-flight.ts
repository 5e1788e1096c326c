import type { AttributeDefinition } from '../metadata/definition';
import type { ModelBinding } from '../instance/binding';
import type { Executor } from '../driver/executor';
import { IF_CLEAN, applyReturned } from '../instance/hydrate';
import { SNAPSHOT } from '../instance/state';
import { selectByKeyText } from '../sql/statements';
import { pushKeyParams } from './params';
import { cacheText } from './plan';

type Instance = Record<string, unknown> & { [SNAPSHOT]: unknown[] | null };

/**
 * Overlapping writes on one instance (`Promise.all([c.increment('c'), c.increment('c')])`,
 * an increment during a save). PostgreSQL's row lock runs them one after the other, but
 * their results can come back in any order: through a pool each statement has its own
 * connection, and which socket node reads first says nothing about which statement
 * committed first. Nothing in a RETURNING row orders them reliably either (xmin is taken
 * before the lock wait, a clock can step back). So a result that arrives while another
 * write on the same instance is in flight may be older than one already applied.
 *
 * Each result is applied as it arrives (IF_CLEAN: the instance stays clean, so a stale
 * counter is never written back), and when the last write of an overlapping burst ends,
 * the columns the burst wrote are read once more by primary key, giving the newest
 * committed values. A burst with no overlap (the usual case) sends nothing extra.
 */
interface Burst {
  /** Writes (and the closing re-read) still running on this instance. */
  pending: number;
  /** Another write started while one was running: the results may be out of order. */
  overlapped: boolean;
  /** The attributes each write of the burst touched (kept by reference, merged only when needed). */
  touched: (readonly AttributeDefinition[])[];
}

const bursts = new WeakMap<object, Burst>();

/** Registers a write of `attrs` on `instance`; pass the result to `endWrite` when it is done. */
export function beginWrite(instance: object, attrs: readonly AttributeDefinition[]): Burst {
  let b = bursts.get(instance);
  if (b === undefined) bursts.set(instance, (b = { pending: 0, overlapped: false, touched: [] }));
  else if (b.pending > 0) b.overlapped = true;
  b.pending++;
  b.touched.push(attrs);
  return b;
}

/**
 * Ends a write (successful or not). The last one of an overlapping burst re-reads what the
 * burst wrote (the returned promise; undefined, with no microtask, in the usual case).
 * Never rejects: the write itself succeeded or has its own error, and failing a committed
 * increment would invite a retry that increments twice. A failed re-read is reported
 * through `logging` and leaves the instance clean, holding the last result that arrived.
 */
export function endWrite(binding: ModelBinding, ex: Executor, instance: object, b: Burst): Promise<void> | undefined {
  if (--b.pending > 0) return undefined;
  if (!b.overlapped) {
    if (bursts.get(instance) === b) bursts.delete(instance);
    return undefined;
  }
  return settle(binding, ex, instance, b);
}

/** Re-reads until no write overlapped the re-read itself. */
async function settle(binding: ModelBinding, ex: Executor, instance: object, b: Burst): Promise<void> {
  do {
    b.overlapped = false;
    b.pending = 1;
    const attrs = distinct(b.touched);
    try {
      const row = await reread(binding, ex, instance as Instance, attrs);
      // A write that started during the re-read may have committed after it: then this
      // row may be stale, and that write's end reads again (this loop, or its own endWrite).
      if (row !== undefined && !b.overlapped) applyReturned(binding.definition, instance, row, attrs.map((a) => a.position), IF_CLEAN);
      if (!b.overlapped) b.touched = [];
    } catch (err) {
      ex.log(`Inscribe: re-reading ${binding.definition.modelName} after overlapping writes failed (${(err as Error).message}); the instance keeps the last result that arrived`);
    }
  } while (--b.pending === 0 && b.overlapped);
  if (b.pending === 0 && bursts.get(instance) === b) bursts.delete(instance);
}

function distinct(lists: readonly (readonly AttributeDefinition[])[]): AttributeDefinition[] {
  const seen = new Set<AttributeDefinition>();
  for (const list of lists) for (const a of list) seen.add(a);
  return [...seen].sort((x, y) => x.position - y.position);
}

/** SELECT of `attrs` by the key in the snapshot; undefined when the row is gone. */
async function reread(binding: ModelBinding, ex: Executor, inst: Instance, attrs: readonly AttributeDefinition[]): Promise<unknown[] | undefined> {
  const def = binding.definition;
  const snapshot = inst[SNAPSHOT];
  if (snapshot === null) return undefined;
  const params: unknown[] = [];
  pushKeyParams(def, snapshot, 'increment', params);
  const key = `r${attrs.map((a) => a.position).join(',')}`;
  const text = binding.sql.get(key) ?? cacheText(binding, key, selectByKeyText(def.qualifiedTable, attrs.map((a) => a.quotedColumn).join(', '), def.primaryKeys.map((a) => a.quotedColumn)));
  const result = await ex.run<unknown[]>({ text, values: params, prepare: true }, 'array', def);
  return result.rows[0];
}
