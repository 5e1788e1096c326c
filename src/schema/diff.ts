import { UsageError } from '../errors';
import type { Change } from './change';
import { defaultKey, sameDefault } from './defaults';
import { refKey } from './spec';
import type { ActualForeignKey, ActualIndex, ActualSchema, ActualTable, DesiredSchema, EnumSpec, ForeignKeySpec, IndexSpec, TableSpec } from './spec';

export interface DiffMode {
  /** Drop and recreate every table. */
  readonly force: boolean;
  /** Change existing tables to match. */
  readonly alter: boolean;
  /** With alter: drop columns (and indexes) the models do not declare. */
  readonly drop: boolean;
  /** Drop tables with CASCADE (force). */
  readonly cascade: boolean;
}

export interface Plan {
  readonly changes: readonly Change[];
  /** Differences sync cannot apply (enum values to remove), reported through `logging`. */
  readonly warnings: readonly string[];
}

/**
 * Compares the wanted schema with the live one and lists the changes, in the order they
 * must run: schemas and extensions, drops (force), enum types, tables in dependency order,
 * then the foreign keys that could not be written inline.
 * `literalDefaultsEqual` holds the `defaultKey`s whose literal defaults are equal in value.
 */
export function diff(desired: DesiredSchema, actual: ActualSchema, mode: DiffMode, literalDefaultsEqual: ReadonlySet<string>): Plan {
  const changes: Change[] = [];
  const warnings: string[] = [];
  const deferred: Change[] = [];

  for (const schema of desired.schemas) if (!actual.schemas.has(schema)) changes.push({ kind: 'createSchema', schema });
  for (const name of desired.extensions) {
    const installedIn = actual.extensions.get(name);
    if (installedIn === undefined) {
      // public is on every search_path the Database sets, and outlives any one app schema.
      changes.push({ kind: 'createExtension', name, schema: actual.schemas.has('public') ? 'public' : undefined });
    } else if (!actual.searchPath.includes(installedIn)) {
      throw new UsageError(`The ${name} extension is installed in the schema "${installedIn}", which is not on the search_path (${actual.searchPath.join(', ')}), so its types cannot be found. Add that schema to the search_path, or move the extension: ALTER EXTENSION ${name} SET SCHEMA public`);
    }
  }

  const desiredKeys = new Set(desired.tables.map((t) => refKey(t.ref)));
  if (mode.force) {
    for (const t of [...desired.tables].reverse()) changes.push({ kind: 'dropTable', table: t, sql: t.dropSql, cascade: mode.cascade });
    for (const t of desired.tables) for (const e of t.enums) changes.push({ kind: 'dropType', sql: e.dropSql });
  }
  const live = (t: TableSpec): ActualTable | undefined => (mode.force ? undefined : actual.tables.get(refKey(t.ref)));

  for (const t of desired.tables) {
    for (const e of t.enums) {
      const values = mode.force ? undefined : actual.enums.get(refKey(e.ref));
      if (values === undefined) changes.push({ kind: 'createEnum', type: e });
      else if (mode.alter || !live(t)) changes.push(...enumValueChanges(e, values, warnings));
    }
  }

  const available = new Set<string>();
  const isAvailable = (key: string) => available.has(key) || (actual.tables.has(key) && !(mode.force && desiredKeys.has(key)));
  for (const t of desired.tables) {
    const key = refKey(t.ref);
    const current = live(t);
    if (!current) {
      const inline = t.foreignKeys.filter((fk) => refKey(fk.target) === key || isAvailable(refKey(fk.target)));
      changes.push({ kind: 'createTable', table: t, foreignKeys: inline });
      if (t.comment !== undefined) changes.push({ kind: 'commentTable', table: t, comment: t.comment });
      for (const c of t.columns) if (c.comment !== undefined) changes.push({ kind: 'commentColumn', table: t, column: c.name, comment: c.comment });
      for (const index of t.indexes) changes.push({ kind: 'createIndex', table: t, index });
      for (const fk of t.foreignKeys) if (!inline.includes(fk)) deferred.push({ kind: 'addForeignKey', table: t, foreignKey: fk });
    } else if (mode.alter) {
      alterTable(t, current, mode, literalDefaultsEqual, changes, deferred);
    } else {
      // Plain sync leaves an existing table alone, except for declared indexes it lacks (as Sequelize).
      for (const index of t.indexes) if (!current.indexes.some((i) => i.name === index.name)) changes.push({ kind: 'createIndex', table: t, index });
    }
    available.add(key);
  }
  changes.push(...deferred);
  return { changes, warnings };
}

/** Values the model added go in at their declared place; PostgreSQL cannot remove one. */
function enumValueChanges(e: EnumSpec, live: readonly string[], warnings: string[]): Change[] {
  const out: Change[] = [];
  const have = new Set(live);
  let previous: string | undefined;
  for (const value of e.values) {
    if (!have.has(value)) {
      out.push(previous !== undefined
        ? { kind: 'addEnumValue', type: e, value, after: previous }
        : { kind: 'addEnumValue', type: e, value, before: live[0] });
      have.add(value);
    }
    previous = value;
  }
  const extra = live.filter((v) => !e.values.includes(v));
  if (extra.length > 0) warnings.push(`Warning: the enum type ${e.sql} still has the values ${extra.map((v) => JSON.stringify(v)).join(', ')}, which the model no longer lists; PostgreSQL cannot drop enum values, so sync leaves them`);
  return out;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return sameList([...a].sort(), [...b].sort());
}

function sameForeignKey(d: ForeignKeySpec, a: ActualForeignKey): boolean {
  return sameList(a.columns, [d.column]) && refKey(a.target) === refKey(d.target) && sameList(a.targetColumns, [d.targetColumn])
    && a.onDelete === d.onDelete && a.onUpdate === d.onUpdate;
}

function sameIndex(d: IndexSpec, a: ActualIndex): boolean {
  return a.plain && a.unique === d.unique && sameList(a.columns, d.columns);
}

/**
 * alter: constraints that go away first, then columns (add, retype, nullability, default,
 * comment; drop only with `drop`), then the constraints and indexes to add. Foreign keys
 * are added last of all (`deferred`), when every table they may point at exists.
 */
function alterTable(t: TableSpec, live: ActualTable, mode: DiffMode, literalDefaultsEqual: ReadonlySet<string>, out: Change[], deferred: Change[]): void {
  for (const a of live.foreignKeys) if (!t.foreignKeys.some((d) => sameForeignKey(d, a))) out.push({ kind: 'dropConstraint', table: t, name: a.name });
  for (const a of live.uniques) if (!t.uniques.some((d) => sameSet(d.columns, a.columns))) out.push({ kind: 'dropConstraint', table: t, name: a.name });
  const pkChanged = !sameList(t.primaryKey?.columns ?? [], live.primaryKey?.columns ?? []);
  if (pkChanged && live.primaryKey) out.push({ kind: 'dropConstraint', table: t, name: live.primaryKey.name });
  for (const a of live.indexes) {
    const d = t.indexes.find((i) => i.name === a.name);
    if (d ? !sameIndex(d, a) : mode.drop) out.push({ kind: 'dropIndex', table: t, name: a.name });
  }

  const declared = new Set(t.columns.map((c) => c.name));
  for (const c of t.columns) {
    const a = live.columns.get(c.name);
    if (!a) {
      out.push({ kind: 'addColumn', table: t, column: c });
      if (c.comment !== undefined) out.push({ kind: 'commentColumn', table: t, column: c.name, comment: c.comment });
      continue;
    }
    const retype = a.typeKey !== c.typeKey;
    if (retype) {
      // The old default may not convert to the new type; it is set again below.
      if (a.default !== undefined && !c.serial) out.push({ kind: 'dropDefault', table: t, column: c.name });
      out.push({ kind: 'alterType', table: t, column: c, fromEnum: a.typeKey.startsWith('enum:') });
    }
    if (a.notNull !== c.notNull) out.push({ kind: c.notNull ? 'setNotNull' : 'dropNotNull', table: t, column: c.name });
    // An autoIncrement column's default is its sequence; alter never rewires sequences.
    if (!c.serial) {
      const current = retype ? undefined : a.default;
      if (!sameDefault(c.default, current, literalDefaultsEqual.has(defaultKey(t, c)))) {
        out.push(c.default !== undefined ? { kind: 'setDefault', table: t, column: c } : { kind: 'dropDefault', table: t, column: c.name });
      }
    }
    if (c.comment !== a.comment) out.push({ kind: 'commentColumn', table: t, column: c.name, comment: c.comment });
  }
  for (const a of live.columns.values()) {
    if (declared.has(a.name)) continue;
    if (mode.drop) out.push({ kind: 'dropColumn', table: t, column: a.name });
    // Kept, but no longer written by the model: NOT NULL without a default would refuse every insert.
    else if (a.notNull && a.default === undefined) out.push({ kind: 'dropNotNull', table: t, column: a.name });
  }

  if (pkChanged && t.primaryKey) out.push({ kind: 'addPrimaryKey', table: t, constraint: t.primaryKey });
  for (const d of t.uniques) if (!live.uniques.some((a) => sameSet(d.columns, a.columns))) out.push({ kind: 'addUnique', table: t, constraint: d });
  for (const d of t.indexes) {
    const a = live.indexes.find((i) => i.name === d.name);
    if (!a || !sameIndex(d, a)) out.push({ kind: 'createIndex', table: t, index: d });
  }
  for (const d of t.foreignKeys) if (!live.foreignKeys.some((a) => sameForeignKey(d, a))) deferred.push({ kind: 'addForeignKey', table: t, foreignKey: d });
  if (t.comment !== live.comment) out.push({ kind: 'commentTable', table: t, comment: t.comment });
}
