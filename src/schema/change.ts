import type { ColumnSpec, ConstraintSpec, EnumSpec, ForeignKeySpec, IndexSpec, TableSpec } from './spec';

/** What a change needs to know about its table: the DDL name and, for messages, the model. */
export type TableName = Pick<TableSpec, 'sql' | 'model' | 'sqlSchema'>;

/**
 * One schema change: what `diff` produces and `ddl` turns into one statement. Plain data,
 * so a dry run can list them and a failure can name the table and column it was about.
 */
export type Change =
  | { readonly kind: 'createSchema'; readonly schema: string }
  | { readonly kind: 'createExtension'; readonly name: string; readonly schema?: string }
  /** `sql`: the name DROP uses (qualified with the Database's schema: see dropNames); `table` names it in messages. */
  | { readonly kind: 'dropTable'; readonly table: TableName; readonly sql: string; readonly cascade: boolean }
  | { readonly kind: 'dropType'; readonly sql: string }
  | { readonly kind: 'createEnum'; readonly type: EnumSpec }
  | { readonly kind: 'addEnumValue'; readonly type: EnumSpec; readonly value: string; readonly before?: string; readonly after?: string }
  | { readonly kind: 'createTable'; readonly table: TableSpec; readonly foreignKeys: readonly ForeignKeySpec[] }
  | { readonly kind: 'addColumn'; readonly table: TableName; readonly column: ColumnSpec }
  | { readonly kind: 'dropColumn'; readonly table: TableName; readonly column: string }
  | { readonly kind: 'alterType'; readonly table: TableName; readonly column: ColumnSpec; readonly fromEnum: boolean }
  | { readonly kind: 'setNotNull' | 'dropNotNull' | 'dropDefault'; readonly table: TableName; readonly column: string }
  | { readonly kind: 'setDefault'; readonly table: TableName; readonly column: ColumnSpec }
  | { readonly kind: 'addPrimaryKey' | 'addUnique'; readonly table: TableName; readonly constraint: ConstraintSpec }
  | { readonly kind: 'addForeignKey'; readonly table: TableName; readonly foreignKey: ForeignKeySpec }
  | { readonly kind: 'dropConstraint'; readonly table: TableName; readonly name: string; readonly ifExists?: boolean }
  | { readonly kind: 'createIndex'; readonly table: TableName; readonly index: IndexSpec }
  | { readonly kind: 'dropIndex'; readonly table: TableName; readonly name: string }
  | { readonly kind: 'commentTable'; readonly table: TableName; readonly comment?: string }
  | { readonly kind: 'commentColumn'; readonly table: TableName; readonly column: string; readonly comment?: string };

/** The table and column a change is about, for error messages. */
export function subjectOf(change: Change): { table?: TableName; column?: string } {
  const table = 'table' in change ? change.table : undefined;
  const c = 'column' in change ? change.column : 'foreignKey' in change ? change.foreignKey.column : undefined;
  return { table, column: typeof c === 'string' ? c : c?.name };
}
