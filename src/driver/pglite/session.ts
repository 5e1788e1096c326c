import type { ParserTable, RowMode } from '../driver';

/** The results PGlite's `query` resolves to (the subset Inscribe reads). */
export interface PGliteResults {
  rows: unknown[];
  affectedRows?: number;
  fields: { name: string; dataTypeID: number }[];
}

/**
 * The part of a PGlite instance Inscribe uses, declared here so the public types do not
 * depend on `@electric-sql/pglite`'s. A `new PGlite(…)` satisfies it.
 */
export interface PGliteInstance {
  query(text: string, params?: unknown[], options?: { rowMode?: RowMode; parsers?: ParserTable; blob?: Blob }): Promise<PGliteResults>;
  exec(text: string, options?: { rowMode?: RowMode; parsers?: ParserTable }): Promise<PGliteResults[]>;
  close(): Promise<void>;
}

/**
 * The one session of a PGlite instance, shared by every Database that runs on it. State
 * lives per instance, not per Database: two Databases on one instance must wait for each
 * other's transactions, and each must see its own search_path.
 */
export interface Session {
  /** Every statement, in order: PGlite runs one at a time anyway, and a search_path switch must stay next to its statement. */
  queue: Promise<unknown>;
  /** The transaction holding the session, or null. */
  holder: object | null;
  /** Resolves when the holder releases. */
  lock: Promise<void>;
  /** The search_path last set: a schema, null for the default, undefined when not known. */
  searchPath: string | null | undefined;
  /** DateStyle and IntervalStyle have been pinned to ISO / postgres on this session. */
  pinned: boolean;
}

const sessions = new WeakMap<object, Session>();

/** The session of `instance`; `fresh` says whether the instance's search_path is known to be the default. */
export function sessionOf(instance: object, fresh: boolean): Session {
  let s = sessions.get(instance);
  if (!s) {
    s = { queue: Promise.resolve(), holder: null, lock: Promise.resolve(), searchPath: fresh ? null : undefined, pinned: false };
    sessions.set(instance, s);
  }
  return s;
}

/** The statement that gives the session `schema` first on its search_path (then public), or the default. */
export function searchPathStatement(schema: string | null): string {
  return schema === null ? 'SET search_path TO DEFAULT' : `SET search_path TO "${schema.replace(/"/g, '""')}", public`;
}
