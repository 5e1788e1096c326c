import { DefinitionError } from '../errors';
import { limitIdentifier } from '../sql/quote';
import type { AttributeDefinition, ConstraintNames, IndexDefinition, ModelDefinition } from './definition';

/**
 * The names sync gives a table's constraints, computed once at registration (see
 * limitIdentifier for names past 63 bytes). A unique constraint on exactly the primary key
 * is left out, as sync leaves it out.
 */
export function constraintNamesFor(tableName: string, attributes: readonly AttributeDefinition[]): ConstraintNames {
  const pk = attributes.filter((a) => a.primaryKey).map((a) => a.column);
  const unique: Record<string, string> = Object.create(null);
  const foreignKey: Record<string, string> = Object.create(null);
  for (const a of attributes) {
    if (a.unique === true && !(pk.length === 1 && pk[0] === a.column)) unique[a.column] = limitIdentifier(`${tableName}_${a.column}`, 'key');
    if (a.references) foreignKey[a.column] = limitIdentifier(`${tableName}_${a.column}`, 'fkey');
  }
  return Object.freeze({
    primaryKey: pk.length > 0 ? limitIdentifier(tableName, 'pkey') : undefined,
    unique: Object.freeze(unique),
    foreignKey: Object.freeze(foreignKey),
  });
}

/** The generated name of an index (a user-given name is used as it is). */
export function indexNameFor(tableName: string, columns: readonly string[], unique: boolean | undefined): string {
  return limitIdentifier(`${tableName}_${columns.join('_')}`, unique ? 'unique_idx' : 'idx');
}

type Named = [name: string, what: string];

/**
 * A model's names in each PostgreSQL namespace: relations (tables, and indexes, including
 * those behind primary key and unique constraints) and types (a table's row type, enums)
 * are per schema; constraint names are per table.
 */
function namesOf(def: ModelDefinition): { relations: Named[]; types: Named[]; constraints: Named[] } {
  const c = def.constraintNames;
  const backed: Named[] = [];
  if (c.primaryKey !== undefined) backed.push([c.primaryKey, 'its primary key']);
  for (const column of Object.keys(c.unique)) backed.push([c.unique[column], `the unique constraint on "${column}"`]);
  const groups = new Map<string, string[]>();
  for (const a of def.attributes) if (typeof a.unique === 'string') groups.set(a.unique, [...(groups.get(a.unique) ?? []), a.column]);
  for (const [name, cols] of groups) backed.push([name, `the unique constraint on (${cols.join(', ')})`]);
  const indexes = def.indexes.map((i: IndexDefinition): Named => [i.name, `the index on (${i.columns.join(', ')})`]);
  const fkeys = Object.keys(c.foreignKey).map((column): Named => [c.foreignKey[column], `the foreign key on "${column}"`]);
  return {
    relations: [[def.tableName, 'its table'], ...backed, ...indexes],
    types: [[def.tableName, "its table's row type"], ...def.enumNames.map((e): Named => [e.name, `the enum type of "${e.column}"`])],
    constraints: [...backed, ...fkeys],
  };
}

/** Refuses a model whose own names collide (sync would fail on them, late). */
export function checkOwnNames(def: ModelDefinition): void {
  const n = namesOf(def);
  for (const [list, space] of [[n.relations, 'tables and indexes'], [n.types, 'types'], [n.constraints, "a table's constraints"]] as const) {
    const seen = new Map<string, string>();
    for (const [name, what] of list) {
      const first = seen.get(name);
      if (first !== undefined) throw collision(def, name, what, `${first} of the same model`, space);
      seen.set(name, what);
    }
  }
}

/**
 * Refuses a model whose table, index or type names collide with another model's in the
 * same schema. Models on the same table (two names for one table) are not compared.
 */
export function checkSchemaNames(def: ModelDefinition, others: readonly ModelDefinition[]): void {
  const mine = namesOf(def);
  for (const other of others) {
    if (other.modelName === def.modelName || other.schema !== def.schema || other.qualifiedTable === def.qualifiedTable) continue;
    const theirs = namesOf(other);
    for (const [a, b, space] of [[mine.relations, theirs.relations, 'tables and indexes'], [mine.types, theirs.types, 'types']] as const) {
      const taken = new Map(b);
      for (const [name, what] of a) {
        const owner = taken.get(name);
        if (owner !== undefined) throw collision(def, name, what, `${owner} of model ${other.modelName}`, space);
      }
    }
  }
}

function collision(def: ModelDefinition, name: string, what: string, other: string, space: string): DefinitionError {
  return new DefinitionError(`Model ${def.modelName}: the name "${name}" of ${what} is also the name of ${other}; PostgreSQL has one namespace for ${space}` +
    `${space === "a table's constraints" ? '' : ' in a schema'}, so sync would fail. Rename one of them (tableName, field, an index's name, or a unique group's name).`);
}
