import type { AttributeDefinition } from '../metadata/definition';
import { SnapshotKind } from '../metadata/definition';
import type { ExtraColumn } from './selection';

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

/**
 * The aliased columns of a selection (after its attributes in each row), as objects keyed by
 * alias: a renamed attribute's value is read through its type, an expression's as the driver gives it.
 */
export function extraObjects(rows: unknown[][], start: number, extras: readonly ExtraColumn[]): Record<string, unknown>[] {
  const out = new Array<Record<string, unknown>>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const o: Record<string, unknown> = {};
    for (let i = 0; i < extras.length; i++) {
      const e = extras[i];
      const v = row[start + i];
      o[e.alias] = e.attr !== undefined && v !== null && v !== undefined && e.attr.snapshotKind === SnapshotKind.Custom ? e.attr.type.fromDriver(v) : v;
    }
    out[r] = o;
  }
  return out;
}

/** `nest: true`: `{ 'author.name': 'Ada' }` becomes `{ author: { name: 'Ada' } }`, as in Sequelize. */
export function nestObject(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) {
    const parts = k.split('.');
    if (parts.some((p) => p === '__proto__' || p === 'constructor' || p === 'prototype')) {
      out[k] = o[k];
      continue;
    }
    let at = out;
    for (let i = 0; i < parts.length - 1; i++) {
      const next = at[parts[i]];
      at = (next !== null && typeof next === 'object' ? next : (at[parts[i]] = {})) as Record<string, unknown>;
    }
    at[parts[parts.length - 1]] = o[k];
  }
  return out;
}
