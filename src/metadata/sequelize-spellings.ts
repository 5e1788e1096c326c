import { EnumType, JsonType, toDataType } from '../types';
import type { AttributeOptions, IndexOptions } from './options';

/**
 * Sequelize's other spellings of attribute options, rewritten once into the forms the
 * normaliser knows, before it checks anything:
 *
 * - `unique: { name, msg }`: `name` is the composite constraint shared by the attributes that
 *   give it (as `unique: 'name'`); `msg` becomes the UniqueConstraintError's message.
 * - `{ type: DataTypes.ENUM, values: [...] }`: `values` are the enum's (they win over the
 *   type's own, as in Sequelize).
 * - `index: true` (or a name shared by a composite index): an index on the column; on a
 *   JSONB column a GIN index, as Sequelize 6 makes. (Sequelize 6 ignores `index: true` on
 *   other types; an index the user asked for is made instead.)
 */
export interface Spellings {
  /** Indexes declared on attributes, in declaration order. */
  readonly indexes: IndexOptions[];
  /** The `msg` of each attribute's `unique: { msg }`, by attribute name. */
  readonly uniqueMessages: Map<string, string>;
}

export function rewriteSpellings(declared: Map<string, AttributeOptions>, fail: (message: string) => never): Spellings {
  const indexes: IndexOptions[] = [];
  const byName = new Map<string, IndexOptions>();
  const uniqueMessages = new Map<string, string>();
  for (const [name, raw] of declared) {
    if (raw.unique === undefined && raw.values === undefined && raw.index === undefined) continue;
    const o: AttributeOptions = { ...raw };
    if (o.unique !== null && typeof o.unique === 'object') {
      const u = o.unique as { name?: unknown; msg?: unknown };
      for (const k of Object.keys(u)) if (k !== 'name' && k !== 'msg') fail(`attribute "${name}": unique takes { name, msg }, not "${k}"`);
      if (u.name !== undefined && (typeof u.name !== 'string' || u.name === '')) fail(`attribute "${name}": unique.name must be a non-empty string`);
      if (u.msg !== undefined && typeof u.msg !== 'string') fail(`attribute "${name}": unique.msg must be a string`);
      if (typeof u.msg === 'string') uniqueMessages.set(name, u.msg);
      o.unique = typeof u.name === 'string' ? u.name : true;
    }
    if (o.values !== undefined) {
      if (!Array.isArray(o.values)) fail(`attribute "${name}": values must be an array of strings`);
      const bareEnum = typeof o.type === 'function' && (o.type as { key?: unknown }).key === 'ENUM';
      const t = o.type === undefined || bareEnum ? undefined : toDataType(o.type);
      if (t !== undefined && !(t instanceof EnumType)) fail(`attribute "${name}": values belongs to an ENUM attribute, not ${t.key}`);
      o.type = new EnumType(o.values as string[]);
      delete o.values;
    }
    if (o.index !== undefined) {
      const index = o.index;
      delete o.index;
      if (index === true) {
        const jsonb = o.type !== undefined && (() => { const t = toDataType(o.type); return t instanceof JsonType && t.key === 'JSONB'; })();
        indexes.push(jsonb ? { fields: [name], using: 'gin' } : { fields: [name] });
      } else if (typeof index === 'string' && index !== '') {
        const shared = byName.get(index);
        if (shared) (shared.fields as string[]).push(name);
        else {
          const entry: IndexOptions = { name: index, fields: [name] };
          byName.set(index, entry);
          indexes.push(entry);
        }
      } else if (index !== false) fail(`attribute "${name}": index must be true, false or an index name shared by the attributes of one index`);
    }
    declared.set(name, o);
  }
  return { indexes, uniqueMessages };
}
