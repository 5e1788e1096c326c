import pluralize from 'pluralize';

/** `firstName` → `first_name`, `userID` → `user_id`. */
export function underscore(name: string): string {
  return name
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** The table name Sequelize users expect: the model name pluralised (User → Users, Person → People). */
export function tableNameFor(modelName: string, freezeTableName: boolean): string {
  return freezeTableName ? modelName : pluralize(modelName);
}
