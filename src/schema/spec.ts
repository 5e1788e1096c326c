/**
 * The plain description of a schema that sync compares: `desired.ts` builds one from model
 * definitions, `catalog.ts` reads one from pg_catalog, and `diff.ts` compares them. Names
 * here are unquoted; `sql` fields are already quoted for DDL.
 */

/** A table or type name with its schema resolved (the search_path's first schema when unqualified). */
export interface ObjectRef {
  readonly schema: string;
  readonly name: string;
}

export interface ColumnSpec {
  readonly name: string;
  /** The model attribute, for error messages. */
  readonly attribute: string;
  /** The type written by CREATE TABLE / ADD COLUMN (SERIAL for autoIncrement). */
  readonly createType: string;
  /** The type written by ALTER COLUMN … TYPE (never a pseudo type like SERIAL). */
  readonly alterType: string;
  /** Comparable with `ActualColumn.typeKey`: format_type() spelling, `enum:schema.name`, or an extension type name. */
  readonly typeKey: string;
  readonly notNull: boolean;
  /** The SQL DEFAULT expression, when there is one. */
  readonly default?: string;
  /** The default is a literal (safe to evaluate when comparing with the catalog's). */
  readonly defaultIsLiteral: boolean;
  /** autoIncrement: the default is the sequence's nextval(). */
  readonly serial: boolean;
  readonly comment?: string;
}

export interface ConstraintSpec {
  readonly name: string;
  readonly columns: readonly string[];
}

export type ReferentialAction = 'NO ACTION' | 'RESTRICT' | 'CASCADE' | 'SET NULL' | 'SET DEFAULT';

export interface ForeignKeySpec {
  readonly name: string;
  readonly column: string;
  readonly target: ObjectRef;
  /** The referenced table as written in DDL. */
  readonly targetSql: string;
  readonly targetColumn: string;
  readonly onDelete: ReferentialAction;
  readonly onUpdate: ReferentialAction;
}

export interface IndexSpec {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique: boolean;
  /** The SQL of each column with COLLATE, operator class and order, when the index gave any. */
  readonly terms?: readonly string[];
  /** The index method when not btree (e.g. 'gin'). */
  readonly using?: string;
}

export interface EnumSpec {
  readonly ref: ObjectRef;
  /** Quoted (and qualified when the model has a schema). */
  readonly sql: string;
  /** The name DROP TYPE uses (see TableSpec.dropSql). */
  readonly dropSql: string;
  readonly values: readonly string[];
}

export interface TableSpec {
  readonly model: string;
  readonly ref: ObjectRef;
  /** The table as written in DDL: `"schema"."table"` or `"table"`. */
  readonly sql: string;
  /** The schema written in DDL (the model's own), for qualifying index names. */
  readonly sqlSchema?: string;
  /** The name DROP TABLE uses: see dropNames in desired.ts. */
  readonly dropSql: string;
  readonly columns: readonly ColumnSpec[];
  readonly primaryKey?: ConstraintSpec;
  readonly uniques: readonly ConstraintSpec[];
  readonly foreignKeys: readonly ForeignKeySpec[];
  readonly indexes: readonly IndexSpec[];
  readonly enums: readonly EnumSpec[];
  readonly comment?: string;
}

/** What the definitions want, tables in dependency order. */
export interface DesiredSchema {
  readonly tables: readonly TableSpec[];
  /** Schemas that must exist (a model's own schema, the Database's `schema`). */
  readonly schemas: readonly string[];
  readonly extensions: readonly string[];
}

export interface ActualColumn {
  readonly name: string;
  readonly typeKey: string;
  readonly notNull: boolean;
  readonly default?: string;
  readonly comment?: string;
}

export interface ActualForeignKey {
  readonly name: string;
  readonly columns: readonly string[];
  readonly target: ObjectRef;
  readonly targetColumns: readonly string[];
  readonly onDelete: ReferentialAction;
  readonly onUpdate: ReferentialAction;
}

export interface ActualIndex extends IndexSpec {
  /** Partial (WHERE) or expression indexes never equal a declared index. */
  readonly plain: boolean;
}

export interface ActualTable {
  readonly ref: ObjectRef;
  readonly columns: ReadonlyMap<string, ActualColumn>;
  readonly comment?: string;
  readonly primaryKey?: ConstraintSpec;
  readonly uniques: readonly ConstraintSpec[];
  readonly foreignKeys: readonly ActualForeignKey[];
  readonly indexes: readonly ActualIndex[];
}

/** What the catalog has, for the tables and types the desired schema names. */
export interface ActualSchema {
  readonly schemas: ReadonlySet<string>;
  /** Extension name → the schema it is installed in. */
  readonly extensions: ReadonlyMap<string, string>;
  /** The schemas on the session's search_path that exist. */
  readonly searchPath: readonly string[];
  /** Keyed by `refKey`. */
  readonly tables: ReadonlyMap<string, ActualTable>;
  /** Enum values in order, keyed by `refKey`. */
  readonly enums: ReadonlyMap<string, readonly string[]>;
}

/** A map key for an ObjectRef. */
export function refKey(ref: ObjectRef): string {
  return `${ref.schema}\u0000${ref.name}`;
}
