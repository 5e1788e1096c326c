import { quoteIdent, quoteLiteral, quoteTable } from '../sql/quote';
import type { Change } from './change';
import type { ColumnSpec, ConstraintSpec, ForeignKeySpec } from './spec';

/**
 * One change → one DDL statement. DDL cannot take bind parameters, so names go through
 * `quoteIdent` and text (enum values, comments) through `quoteLiteral`; DEFAULT expressions
 * were built the same way when the model was normalised.
 */
export function ddl(change: Change): string {
  switch (change.kind) {
    case 'createSchema': return `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(change.schema)}`;
    case 'createExtension': return `CREATE EXTENSION IF NOT EXISTS ${quoteIdent(change.name)}${change.schema ? ` SCHEMA ${quoteIdent(change.schema)}` : ''}`;
    case 'dropTable': return `DROP TABLE IF EXISTS ${change.sql}${change.cascade ? ' CASCADE' : ''}`;
    case 'dropType': return `DROP TYPE IF EXISTS ${change.sql}`;
    case 'createEnum': return `CREATE TYPE ${change.type.sql} AS ENUM (${change.type.values.map(quoteLiteral).join(', ')})`;
    case 'addEnumValue': {
      const place = change.after !== undefined ? ` AFTER ${quoteLiteral(change.after)}` : change.before !== undefined ? ` BEFORE ${quoteLiteral(change.before)}` : '';
      return `ALTER TYPE ${change.type.sql} ADD VALUE IF NOT EXISTS ${quoteLiteral(change.value)}${place}`;
    }
    case 'createTable': {
      const t = change.table;
      const parts = t.columns.map((c) => columnDefinition(c));
      if (t.primaryKey) parts.push(`CONSTRAINT ${quoteIdent(t.primaryKey.name)} PRIMARY KEY ${columnList(t.primaryKey.columns)}`);
      for (const u of t.uniques) parts.push(uniqueConstraint(u));
      for (const fk of change.foreignKeys) parts.push(foreignKeyConstraint(fk));
      return `CREATE TABLE ${t.sql} (${parts.join(', ')})`;
    }
    case 'addColumn': return `${alter(change.table.sql)} ADD COLUMN ${columnDefinition(change.column)}`;
    case 'dropColumn': return `${alter(change.table.sql)} DROP COLUMN ${quoteIdent(change.column)}`;
    case 'alterType': {
      const c = change.column;
      const name = quoteIdent(c.name);
      // Enums convert to and from other types through their text form.
      const viaText = change.fromEnum || c.typeKey.startsWith('enum:') ? `::text${c.typeKey.endsWith('[]') ? '[]' : ''}` : '';
      return `${alter(change.table.sql)} ALTER COLUMN ${name} TYPE ${c.alterType} USING ${name}${viaText}::${c.alterType}`;
    }
    case 'setNotNull': return `${alter(change.table.sql)} ALTER COLUMN ${quoteIdent(change.column)} SET NOT NULL`;
    case 'dropNotNull': return `${alter(change.table.sql)} ALTER COLUMN ${quoteIdent(change.column)} DROP NOT NULL`;
    case 'setDefault': return `${alter(change.table.sql)} ALTER COLUMN ${quoteIdent(change.column.name)} SET DEFAULT ${change.column.default}`;
    case 'dropDefault': return `${alter(change.table.sql)} ALTER COLUMN ${quoteIdent(change.column)} DROP DEFAULT`;
    case 'addPrimaryKey': return `${alter(change.table.sql)} ADD CONSTRAINT ${quoteIdent(change.constraint.name)} PRIMARY KEY ${columnList(change.constraint.columns)}`;
    case 'addUnique': return `${alter(change.table.sql)} ADD ${uniqueConstraint(change.constraint)}`;
    case 'addForeignKey': return `${alter(change.table.sql)} ADD ${foreignKeyConstraint(change.foreignKey)}`;
    case 'dropConstraint': return change.ifExists
      ? `ALTER TABLE IF EXISTS ${change.table.sql} DROP CONSTRAINT IF EXISTS ${quoteIdent(change.name)}`
      : `${alter(change.table.sql)} DROP CONSTRAINT ${quoteIdent(change.name)}`;
    case 'createIndex': {
      const i = change.index;
      // terms and using were built from checked names and closed lists (metadata/index-fields.ts).
      return `CREATE ${i.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(i.name)} ON ${change.table.sql}${i.using ? ` USING ${i.using}` : ''} ${i.terms ? `(${i.terms.join(', ')})` : columnList(i.columns)}`;
    }
    case 'dropIndex': return `DROP INDEX ${quoteTable(change.name, change.table.sqlSchema)}`;
    case 'commentTable': return `COMMENT ON TABLE ${change.table.sql} IS ${comment(change.comment)}`;
    case 'commentColumn': return `COMMENT ON COLUMN ${change.table.sql}.${quoteIdent(change.column)} IS ${comment(change.comment)}`;
  }
}

function alter(table: string): string {
  return `ALTER TABLE ${table}`;
}

function columnList(columns: readonly string[]): string {
  return `(${columns.map(quoteIdent).join(', ')})`;
}

function columnDefinition(c: ColumnSpec): string {
  return `${quoteIdent(c.name)} ${c.createType}${c.notNull ? ' NOT NULL' : ''}${c.default !== undefined ? ` DEFAULT ${c.default}` : ''}`;
}

function uniqueConstraint(u: ConstraintSpec): string {
  return `CONSTRAINT ${quoteIdent(u.name)} UNIQUE ${columnList(u.columns)}`;
}

function foreignKeyConstraint(fk: ForeignKeySpec): string {
  const actions = `${fk.onDelete !== 'NO ACTION' ? ` ON DELETE ${fk.onDelete}` : ''}${fk.onUpdate !== 'NO ACTION' ? ` ON UPDATE ${fk.onUpdate}` : ''}`;
  return `CONSTRAINT ${quoteIdent(fk.name)} FOREIGN KEY (${quoteIdent(fk.column)}) REFERENCES ${fk.targetSql} (${quoteIdent(fk.targetColumn)})${actions}`;
}

function comment(text: string | undefined): string {
  return text === undefined ? 'NULL' : quoteLiteral(text);
}
