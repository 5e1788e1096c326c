import type { AttributeDefinition, ModelDefinition } from '../metadata/definition';
import { SnapshotKind } from '../metadata/definition';
import { SNAPSHOT, UNREAD, materialise } from './state';
import { hydratorFor } from './compile-hydrator';
import { sameAsSnapshot } from './changes';

/**
 * An `expected` entry for a value the database computed (an incremented counter, an
 * `updatedAt` stamp) rather than one the caller assigned: the instance takes the database's
 * value when the attribute is clean (equal to its snapshot) at the moment the result is
 * applied, and keeps a local change otherwise. Comparing with what the instance held when
 * the statement was sent would mistake the result of another overlapping write on the
 * same instance for a local change, leaving a stale value that the next save writes back.
 */
export const IF_CLEAN = Symbol('inscribe.ifClean');

type Instance = Record<string, unknown> & { [SNAPSHOT]: unknown[] | null };

/**
 * Turns positional rows (one value per attribute, in definition order) into instances.
 * The row array itself becomes the snapshot: no copy for plain values; Date slots are
 * replaced by their time and JSON-like slots keep the driver's text.
 */
export function hydrateRows<M>(definition: ModelDefinition, model: new () => M, rows: unknown[][]): M[] {
  return hydratorFor(definition)(model, rows) as M[];
}

/**
 * Like `hydrateRows`, for rows that hold only some attributes (`attrs`, in definition
 * order: `row[k]` belongs to `attrs[k]`). Each snapshot is full-length, with `undefined`
 * in the slots that were not read, so the unread attributes are neither set nor seen as
 * changed (a class field initializer is cleared for the same reason), and saving writes
 * only what the caller assigns.
 */
export function hydrateSelectedRows<M>(definition: ModelDefinition, model: new () => M, rows: unknown[][], attrs: readonly AttributeDefinition[]): M[] {
  const all = definition.attributes;
  const n = all.length;
  const k = attrs.length;
  const out = new Array<M>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const inst = new model() as unknown as Instance;
    const snapshot = new Array<unknown>(n).fill(undefined);
    for (let i = 0; i < n; i++) if (inst[all[i].key as string] !== undefined) inst[all[i].key as string] = undefined;
    for (let j = 0; j < k; j++) {
      const a = attrs[j];
      snapshot[a.position] = row[j];
      fillSlot(a, inst, snapshot, a.position);
    }
    inst[SNAPSHOT] = snapshot;
    out[r] = inst as unknown as M;
  }
  return out;
}

/** Sets one attribute from a driver value and turns the row slot into its snapshot form. */
function fillSlot(a: AttributeDefinition, inst: Instance, row: unknown[], i: number): void {
  const v = row[i];
  if (v === null || v === undefined || a.snapshotKind === SnapshotKind.Plain) inst[a.key as string] = v;
  else if (a.snapshotKind === SnapshotKind.Date) {
    inst[a.key as string] = a.deferred && v instanceof Date ? UNREAD : v;
    row[i] = v instanceof Date ? v.getTime() : v;
  } else {
    inst[a.key as string] = a.type.fromDriver(v);
    row[i] = a.type.snapshotOf(v);
  }
}

/**
 * Applies a RETURNING row that holds only some attributes (`positions[k]` is the attribute
 * of `row[k]`). The snapshot slot always takes the database's value; the instance takes
 * it unless the caller changed the attribute while the statement ran (`expected[k]` is
 * what the instance held when it was sent, or IF_CLEAN; `expected` itself may be IF_CLEAN
 * for every attribute), so no assignment is silently lost.
 */
export function applyReturned(definition: ModelDefinition, instance: object, row: unknown[], positions: readonly number[], expected?: readonly unknown[] | typeof IF_CLEAN): void {
  const inst = instance as Instance;
  let snapshot = inst[SNAPSHOT];
  if (snapshot === null) snapshot = inst[SNAPSHOT] = new Array(definition.attributes.length).fill(undefined);
  const attrs = definition.attributes;
  for (let k = 0; k < positions.length; k++) {
    const a = attrs[positions[k]];
    const e = expected === undefined ? undefined : expected === IF_CLEAN ? IF_CLEAN : expected[k];
    const stillSent = expected === undefined || (e === IF_CLEAN ? sameAsSnapshot(a, inst[a.key as string], snapshot[a.position]) : inst[a.key as string] === e);
    // A kept deferred Date is the old snapshot's time: made real before the snapshot moves.
    if (!stillSent && inst[a.key as string] === UNREAD) materialise(inst, a.key, a.position);
    const v = row[k];
    if (v === null || v === undefined || a.snapshotKind === SnapshotKind.Plain) {
      if (stillSent) inst[a.key as string] = v;
      snapshot[a.position] = v;
    } else if (a.snapshotKind === SnapshotKind.Date) {
      if (stillSent) inst[a.key as string] = v;
      snapshot[a.position] = v instanceof Date ? v.getTime() : v;
    } else {
      // A JSON-like value the caller still holds stays the caller's object; only the snapshot moves.
      if (stillSent && (e === undefined || e === null || e === IF_CLEAN)) inst[a.key as string] = a.type.fromDriver(v);
      snapshot[a.position] = a.type.snapshotOf(v);
    }
  }
}

/**
 * After an UPDATE whose values PostgreSQL stores exactly as sent (DataType.echoes), the
 * sent values are the new snapshot: no RETURNING needed. As in applyReturned, an
 * attribute reassigned while the statement ran keeps its new value and stays dirty.
 */
export function applyEchoed(instance: object, attrs: readonly AttributeDefinition[], sent: readonly unknown[], expected: readonly unknown[]): void {
  const inst = instance as Instance;
  const snapshot = inst[SNAPSHOT]!;
  for (let k = 0; k < attrs.length; k++) {
    const a = attrs[k];
    const v = sent[k];
    const e = expected[k];
    if (e === IF_CLEAN ? sameAsSnapshot(a, inst[a.key as string], snapshot[a.position]) : inst[a.key as string] === e) inst[a.key as string] = v;
    else if (inst[a.key as string] === UNREAD) materialise(inst, a.key, a.position);
    snapshot[a.position] = a.snapshotKind === SnapshotKind.Date ? (v as Date).getTime() : v;
  }
}
