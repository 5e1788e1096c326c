import { DefinitionError, UsageError } from '../errors';
import { Op } from '../query/operators';
import type { Transaction } from '../transaction';
import { manyAccessors } from './accessors-many';
import { accessorOptions, inTransaction, keyOf, ownKey, primaryKeyName, scoped } from './accessor-support';
import type { AnyInstance, AnyModel } from './accessor-support';
import { upperFirst } from './naming';
import type { Association } from './types';

type Method = (this: AnyInstance, ...args: any[]) => Promise<unknown>;

/**
 * Adds Sequelize's accessors to the source's prototype: `getAuthor`/`setAuthor`/
 * `createAuthor` for a to-one association, `getPosts`/`countPosts`/`hasPost(s)`/
 * `addPost(s)`/`removePost(s)`/`setPosts`/`createPost` for a to-many one. A method the
 * class already has (its own, or an earlier association's) is an error, never overwritten.
 */
export function installAccessors(a: Association): void {
  const methods = a.isMultiple ? manyAccessors(a) : oneAccessors(a);
  const proto = (a.source as { prototype: object }).prototype;
  for (const name of Object.keys(methods)) {
    if (name in proto) throw new DefinitionError(`${a.source.name}.${a.kind}(${a.target.name}, { as: '${a.as}' }): the accessor ${name}() would replace an existing method; choose another as`);
  }
  for (const [name, fn] of Object.entries(methods)) Object.defineProperty(proto, name, { value: fn, writable: true, configurable: true, enumerable: false });
}

function oneAccessors(a: Association): Record<string, Method> {
  const stem = upperFirst(a.singular);
  return a.kind === 'belongsTo' ? belongsToAccessors(a, stem) : hasOneAccessors(a, stem);
}

function belongsToAccessors(a: Association, stem: string): Record<string, Method> {
  const target = a.target as AnyModel;
  const get = `get${stem}`;
  const set = `set${stem}`;
  const create = `create${stem}`;
  return {
    /** The target whose targetKey equals this instance's foreign key; null when the key is null. */
    async [get](options?: object) {
      const v = this[a.foreignKey];
      const o = accessorOptions(options, ['where', 'attributes', 'include', 'lock', 'skipLocked', 'noWait'], `${a.source.name}.${get}`);
      if (v === null || v === undefined) return null;
      return target.findOne(scoped(o, { [a.targetKey]: v }));
    },
    /** Points the foreign key at `item` (an instance, a key, or null) and saves it (unless `save: false`). */
    async [set](item: unknown, options?: object) {
      const what = `${a.source.name}.${set}`;
      const o = accessorOptions(options, ['save'], what);
      this[a.foreignKey] = item === null ? null : keyOf(a.target, item, a.targetKey, what);
      if (o.save === false) return this;
      const { save: _s, ...rest } = o;
      return this.save({ ...rest, fields: [a.foreignKey] });
    },
    /** Creates the target and points this instance at it, as one unit. */
    async [create](values?: object, options?: object) {
      const o = accessorOptions(options, [], `${a.source.name}.${create}`);
      return inTransaction(a.source, o, async (t: Transaction) => {
        const made = await target.create(values ?? {}, { transaction: t });
        await this[set](made, { transaction: t });
        return made;
      });
    },
  };
}

function hasOneAccessors(a: Association, stem: string): Record<string, Method> {
  const target = a.target as AnyModel;
  const get = `get${stem}`;
  const set = `set${stem}`;
  const create = `create${stem}`;
  return {
    async [get](options?: object) {
      const what = `${a.source.name}.${get}`;
      const o = accessorOptions(options, ['where', 'attributes', 'include', 'lock', 'skipLocked', 'noWait'], what);
      return target.findOne(scoped(o, { [a.foreignKey]: ownKey(this, a.sourceKey, what) }));
    },
    /** Detaches the current target (its key set to null) and attaches `item`, in one transaction. */
    async [set](item: unknown, options?: object) {
      const what = `${a.source.name}.${set}`;
      const o = accessorOptions(options, [], what);
      const mine = ownKey(this, a.sourceKey, what);
      const pk = primaryKeyName(a.target, what);
      const next = item === null || item === undefined ? undefined : keyOf(a.target, item, pk, what);
      if (item === undefined) throw new UsageError(`${what}(undefined): pass an instance, its key, or null`);
      await inTransaction(a.source, o, async (t: Transaction) => {
        const detach = next === undefined ? { [a.foreignKey]: mine } : { [a.foreignKey]: mine, [pk]: { [Op.ne]: next } };
        await target.update({ [a.foreignKey]: null }, { where: detach, transaction: t });
        if (next === undefined) return;
        // An instance is saved (it then shows the key, clean); a bare key is one UPDATE.
        if (item instanceof a.target) {
          (item as AnyInstance)[a.foreignKey] = mine;
          await (item as AnyInstance).save((item as AnyInstance).isNewRecord ? { transaction: t } : { fields: [a.foreignKey], transaction: t });
        } else await target.update({ [a.foreignKey]: mine }, { where: { [pk]: next }, transaction: t });
      });
      return item;
    },
    async [create](values?: object, options?: object) {
      const what = `${a.source.name}.${create}`;
      const o = accessorOptions(options, [], what);
      return target.create({ ...(values ?? {}), [a.foreignKey]: ownKey(this, a.sourceKey, what) }, o);
    },
  };
}

