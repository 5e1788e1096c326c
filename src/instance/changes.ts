import type { AttributeDefinition, ModelDefinition } from '../metadata/definition';
import { SnapshotKind } from '../metadata/definition';
import { SNAPSHOT, UNREAD } from './state';
import { FloatType } from '../types/float';

type Instance = Record<string, unknown> & { [SNAPSHOT]: unknown[] | null };

/** Whether an attribute's current value equals its snapshot slot. */
export function sameAsSnapshot(a: AttributeDefinition, current: unknown, snap: unknown): boolean {
  // 0 and -0 are ===, but a float column stores either: for one, -0 over 0 is a change.
  if (current === snap) return current !== 0 || Object.is(current, snap) || !(a.type instanceof FloatType);
  if (current === UNREAD) return true;
  if (current === null || snap === null || current === undefined || snap === undefined) return false;
  switch (a.snapshotKind) {
    case SnapshotKind.Plain:
      // NaN is a float value like any other: NaN stays NaN.
      return typeof current === 'number' && current !== current && snap !== snap;
    case SnapshotKind.Date:
      return current instanceof Date && current.getTime() === snap;
    default:
      return typeof snap !== 'symbol' && a.type.equalsSnapshot(current, snap);
  }
}

/**
 * The attributes whose values differ from the snapshot, in definition order; for a new
 * record, every attribute that holds a value. Empty when nothing changed.
 */
export function changedAttributes(definition: ModelDefinition, instance: object): AttributeDefinition[] {
  const inst = instance as Instance;
  const snapshot = inst[SNAPSHOT];
  const attrs = definition.attributes;
  const out: AttributeDefinition[] = [];
  if (snapshot === null) {
    for (let i = 0; i < attrs.length; i++) if (inst[attrs[i].key as string] !== undefined) out.push(attrs[i]);
    return out;
  }
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs[i];
    if (!sameAsSnapshot(a, inst[a.key as string], snapshot[i])) out.push(a);
  }
  return out;
}

/** The JS value an attribute had when last read or written (for `previous()` and WHERE on a changed key). */
export function snapshotValue(a: AttributeDefinition, snapshot: unknown[] | null): unknown {
  if (snapshot === null) return undefined;
  const s = snapshot[a.position];
  if (s === null || s === undefined || typeof s === 'symbol') return s === undefined || typeof s === 'symbol' ? undefined : null;
  if (a.snapshotKind === SnapshotKind.Date) return typeof s === 'number' && Number.isFinite(s) ? new Date(s) : s;
  if (a.snapshotKind === SnapshotKind.Custom) return a.type.fromDriver(s);
  return s;
}
