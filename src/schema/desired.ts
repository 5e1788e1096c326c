import { DefinitionError } from '../errors';
import type { AttributeDefinition, ModelDefinition } from '../metadata/definition';
import type { EnumType } from '../types';
import { foreignKeyName, serialType, typeKey, unquoteQualified } from './names';
import { quoteTable } from '../sql/quote';
import type { ColumnSpec, ConstraintSpec, DesiredSchema, EnumSpec, ForeignKeySpec, ObjectRef, ReferentialAction, TableSpec } from './spec';

const ACTIONS: ReadonlySet<string> = new Set(['NO ACTION', 'RESTRICT', 'CASCADE', 'SET NULL', 'SET DEFAULT']);

/**
 * The schema the definitions want. `defs` are in dependency order; unqualified names live
 * in `defaultSchema` (the Database's `schema`, else the session's current schema).
 */
export function desiredSchema(defs: readonly ModelDefinition[], defaultSchema: string, searchSchema?: string): DesiredSchema {
  const schemas = new Set<string>();
  if (searchSchema !== undefined) schemas.add(searchSchema);
  const extensions = new Set<string>();
  const tables = defs.map((def) => {
    if (def.schema !== undefined) schemas.add(def.schema);
    for (const e of def.extensions) extensions.add(e);
    return tableSpec(def, defaultSchema, searchSchema);
  });
  return { tables, schemas: [...schemas], extensions: [...extensions] };
}

function resolve(sql: string, defaultSchema: string): ObjectRef {
  const { schema, name } = unquoteQualified(sql);
  return { schema: schema ?? defaultSchema, name };
}

/**
 * The names DROP TABLE / DROP TYPE use. With the Database's `schema` option, a model
 * without its own schema lives in that schema, but its name is written unqualified (first
 * on the search_path). CREATE and ALTER only ever act on what the catalog shows there; an
 * unqualified `DROP … IF EXISTS` of a table missing there would resolve further down the
 * search_path and drop `public`'s table of the same name, data the Database never made.
 * So drops name the schema.
 */
export function dropNames(def: ModelDefinition, searchSchema: string | undefined): { table: string; enums: string[] } {
  if (def.schema !== undefined || searchSchema === undefined) return { table: def.qualifiedTable, enums: def.enums.map((e) => e.toSql()) };
  return { table: quoteTable(def.tableName, searchSchema), enums: def.enumNames.map((e) => quoteTable(e.name, searchSchema)) };
}

function tableSpec(def: ModelDefinition, defaultSchema: string, searchSchema: string | undefined): TableSpec {
  const table = def.tableName;
  const enumRef = (e: EnumType) => resolve(e.toSql(), defaultSchema);
  const columns = def.attributes.map((a) => columnSpec(a, enumRef));
  const pkColumns = def.primaryKeys.map((a) => a.column);
  const names = def.constraintNames;
  const primaryKey: ConstraintSpec | undefined = pkColumns.length > 0 ? { name: names.primaryKey!, columns: pkColumns } : undefined;

  const uniques: ConstraintSpec[] = [];
  const groups = new Map<string, string[]>();
  for (const a of def.attributes) {
    if (a.unique === true) uniques.push({ name: names.unique[a.column] ?? `${table}_${a.column}_key`, columns: [a.column] });
    else if (typeof a.unique === 'string') groups.set(a.unique, [...(groups.get(a.unique) ?? []), a.column]);
  }
  for (const [name, cols] of groups) uniques.push({ name, columns: cols });
  // A unique constraint on exactly the primary key adds nothing but a second index.
  const pkKey = [...pkColumns].sort().join('\u0000');
  const keptUniques = uniques.filter((u) => [...u.columns].sort().join('\u0000') !== pkKey);

  const foreignKeys: ForeignKeySpec[] = [];
  for (const a of def.attributes) {
    if (!a.references) continue;
    const targetSql = a.references.table();
    foreignKeys.push({
      name: names.foreignKey[a.column] ?? foreignKeyName(table, a.column),
      column: a.column,
      target: resolve(targetSql, defaultSchema),
      targetSql,
      targetColumn: a.references.column(),
      onDelete: action(def, a, 'onDelete', a.references.onDelete),
      onUpdate: action(def, a, 'onUpdate', a.references.onUpdate),
    });
  }

  const drops = dropNames(def, searchSchema);
  const enums: EnumSpec[] = def.enums.map((e, i) => ({ ref: enumRef(e), sql: e.toSql(), dropSql: drops.enums[i], values: e.values }));
  return {
    model: def.modelName,
    ref: { schema: def.schema ?? defaultSchema, name: table },
    sql: def.qualifiedTable,
    sqlSchema: def.schema,
    dropSql: drops.table,
    columns,
    primaryKey,
    uniques: keptUniques,
    foreignKeys,
    indexes: def.indexes.map((i) => ({ name: i.name, columns: [...i.columns], unique: i.unique, terms: i.terms, using: i.using })),
    enums,
    comment: def.comment || undefined,
  };
}

function columnSpec(a: AttributeDefinition, enumRef: (e: EnumType) => ObjectRef): ColumnSpec {
  const alterType = a.type.toSql();
  // DEFAULT NULL is what a column has without a default; PostgreSQL stores nothing for it.
  const sqlDefault = a.autoIncrement || a.sqlDefault === 'NULL' ? undefined : a.sqlDefault;
  return {
    name: a.column,
    attribute: a.name,
    createType: a.autoIncrement ? serialType(alterType) : alterType,
    alterType,
    typeKey: typeKey(a.type, enumRef),
    notNull: !a.allowNull,
    default: sqlDefault,
    defaultIsLiteral: a.defaultValue?.kind === 'literal',
    serial: a.autoIncrement,
    // COMMENT ON … IS '' removes a comment, so an empty one is none.
    comment: a.comment || undefined,
  };
}

/** onDelete / onUpdate are written into DDL, so only the five SQL actions pass. */
function action(def: ModelDefinition, a: AttributeDefinition, option: string, value: string | undefined): ReferentialAction {
  if (value === undefined) return 'NO ACTION';
  const upper = typeof value === 'string' ? value.toUpperCase().replace(/\s+/g, ' ').trim() : '';
  if (!ACTIONS.has(upper)) throw new DefinitionError(`Model ${def.modelName}: attribute "${a.name}" has ${option}: ${JSON.stringify(value)}; use one of ${[...ACTIONS].join(', ')}`);
  return upper as ReferentialAction;
}
