import type { AttributeDefinition } from '../metadata/definition';
import { SnapshotKind } from '../metadata/definition';

/**
 * `raw: true`: plain objects keyed by attribute name (not column name), holding the same
 * JS values an instance would (JSON parsed, arrays and Buffers as read).
 */
export function rawObjects(rows: unknown[][], attrs: readonly AttributeDefinition[]): Record<string, unknown>[] {
  const out = new Array<Record<string, unknown>>(rows.length);
  const n = attrs.length;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const o: Record<string, unknown> = {};
    for (let i = 0; i < n; i++) {
      const a = attrs[i];
      const v = row[i];
      o[a.name] = v !== null && v !== undefined && a.snapshotKind === SnapshotKind.Custom ? a.type.fromDriver(v) : v;
    }
    out[r] = o;
  }
  return out;
}
