import pluralize from 'pluralize';

/** `['author', 'id']` → `authorId`, `['User', 'id']` → `UserId` (Sequelize's `camelize` of the joined parts). */
export function camelJoin(...parts: string[]): string {
  return parts.join('_').replace(/_+(.)/g, (_m, c: string) => c.toUpperCase());
}

export function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function singularOf(name: string): string {
  return pluralize.singular(name);
}

export function pluralOf(name: string): string {
  return pluralize.plural(name);
}
