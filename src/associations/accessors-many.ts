import { UsageError } from '../errors';
import { Op } from '../query/operators';
import type { Transaction } from '../transaction';
import { accessorOptions, inTransaction, keysOf, ownKey, primaryKeyName, scoped } from './accessor-support';
import type { AnyInstance, AnyModel } from './accessor-support';
import { loadThrough } from './through-get';
import { upperFirst } from './naming';
import type { Association } from './types';

type Method = (this: AnyInstance, ...args: any[]) => Promise<unknown>;

const FIND = ['where', 'attributes', 'include', 'order', 'limit', 'offset', 'lock', 'skipLocked', 'noWait'];

/** The to-many accessors of a hasMany or belongsToMany association (see installAccessors). */
export function manyAccessors(a: Association): Record<string, Method> {
  return a.kind === 'hasMany' ? hasManyAccessors(a) : belongsToManyAccessors(a);
}

function names(a: Association) {
  const one = upperFirst(a.singular);
  const many = upperFirst(a.plural);
  return { get: `get${many}`, count: `count${many}`, hasOne: `has${one}`, hasMany: `has${many}`, addOne: `add${one}`, addMany: `add${many}`, removeOne: `remove${one}`, removeMany: `remove${many}`, set: `set${many}`, create: `create${one}` };
}

function hasManyAccessors(a: Association): Record<string, Method> {
  const target = a.target as AnyModel;
  const n = names(a);
  const what = (m: string) => `${a.source.name}.${m}`;
  const pkOf = (m: string) => primaryKeyName(a.target, what(m));
  async function has(this: AnyInstance, m: string, items: unknown, options?: object) {
    const o = accessorOptions(options, [], what(m));
    const pk = pkOf(m);
    const keys = keysOf(a.target, items, pk, what(m));
    if (keys.length === 0) return true;
    const found = await target.count({ ...o, where: { [a.foreignKey]: ownKey(this, a.sourceKey, what(m)), [pk]: { [Op.in]: keys } } });
    return found === keys.length;
  }
  async function add(this: AnyInstance, m: string, items: unknown, options?: object) {
    const o = accessorOptions(options, [], what(m));
    const pk = pkOf(m);
    const keys = keysOf(a.target, items, pk, what(m));
    if (keys.length > 0) await target.update({ [a.foreignKey]: ownKey(this, a.sourceKey, what(m)) }, { ...o, where: { [pk]: { [Op.in]: keys } } });
    return this;
  }
  async function remove(this: AnyInstance, m: string, items: unknown, options?: object) {
    const o = accessorOptions(options, [], what(m));
    const pk = pkOf(m);
    const keys = keysOf(a.target, items, pk, what(m));
    if (keys.length > 0) await target.update({ [a.foreignKey]: null }, { ...o, where: { [a.foreignKey]: ownKey(this, a.sourceKey, what(m)), [pk]: { [Op.in]: keys } } });
    return this;
  }
  return {
    async [n.get](options?: object) {
      const o = accessorOptions(options, FIND, what(n.get));
      return target.findAll(scoped(o, { [a.foreignKey]: ownKey(this, a.sourceKey, what(n.get)) }));
    },
    async [n.count](options?: object) {
      const o = accessorOptions(options, ['where'], what(n.count));
      return target.count(scoped(o, { [a.foreignKey]: ownKey(this, a.sourceKey, what(n.count)) }));
    },
    async [n.hasOne](item: unknown, options?: object) { return has.call(this, n.hasOne, [item], options); },
    async [n.hasMany](items: unknown[], options?: object) { return has.call(this, n.hasMany, items, options); },
    async [n.addOne](item: unknown, options?: object) { return add.call(this, n.addOne, [item], options); },
    async [n.addMany](items: unknown[], options?: object) { return add.call(this, n.addMany, items, options); },
    async [n.removeOne](item: unknown, options?: object) { return remove.call(this, n.removeOne, [item], options); },
    async [n.removeMany](items: unknown[], options?: object) { return remove.call(this, n.removeMany, items, options); },
    /** Exactly these targets afterwards: the others detached (key set to null), these attached; one transaction. */
    async [n.set](items: unknown[] | null, options?: object) {
      const o = accessorOptions(options, [], what(n.set));
      const pk = pkOf(n.set);
      const keys = items === null ? [] : keysOf(a.target, items, pk, what(n.set));
      const mine = ownKey(this, a.sourceKey, what(n.set));
      await inTransaction(a.source, o, async (t: Transaction) => {
        const others = keys.length === 0 ? { [a.foreignKey]: mine } : { [a.foreignKey]: mine, [pk]: { [Op.notIn]: keys } };
        await target.update({ [a.foreignKey]: null }, { where: others, transaction: t });
        if (keys.length > 0) await target.update({ [a.foreignKey]: mine }, { where: { [pk]: { [Op.in]: keys } }, transaction: t });
      });
      return this;
    },
    async [n.create](values?: object, options?: object) {
      const o = accessorOptions(options, [], what(n.create));
      return target.create({ ...(values ?? {}), [a.foreignKey]: ownKey(this, a.sourceKey, what(n.create)) }, o);
    },
  };
}

function belongsToManyAccessors(a: Association): Record<string, Method> {
  const target = a.target as AnyModel;
  const through = a.through as AnyModel;
  const other = a.otherKey!;
  const n = names(a);
  const what = (m: string) => `${a.source.name}.${m}`;
  const pairs = (self: AnyInstance, m: string, keys: unknown[]) => ({ [a.foreignKey]: ownKey(self, a.sourceKey, what(m)), [other]: { [Op.in]: keys } });
  async function has(this: AnyInstance, m: string, items: unknown, options?: object) {
    const o = accessorOptions(options, [], what(m));
    const keys = keysOf(a.target, items, a.targetKey, what(m));
    if (keys.length === 0) return true;
    return (await through.count({ ...o, where: pairs(this, m, keys) })) === keys.length;
  }
  /** Inserts the missing pairs; with `through` values, existing pairs take them too. */
  async function add(self: AnyInstance, m: string, keys: unknown[], values: object | undefined, t: Transaction) {
    if (keys.length === 0) return;
    const mine = ownKey(self, a.sourceKey, what(m));
    const existing: AnyInstance[] = await through.findAll({ where: pairs(self, m, keys), attributes: [other], transaction: t });
    const have = new Set(existing.map((r) => String(r[other])));
    const missing = keys.filter((k) => !have.has(String(k)));
    if (missing.length > 0) await through.bulkCreate(missing.map((k) => ({ ...values, [a.foreignKey]: mine, [other]: k })), { transaction: t });
    if (values !== undefined && Object.keys(values).length > 0 && have.size > 0) {
      await through.update(values, { where: pairs(self, m, keys.filter((k) => have.has(String(k)))), transaction: t });
    }
  }
  async function addMethod(this: AnyInstance, m: string, items: unknown, options?: object) {
    const o = accessorOptions(options, ['through'], what(m));
    const keys = keysOf(a.target, items, a.targetKey, what(m));
    const { through: values, ...rest } = o;
    checkThrough(values, what(m));
    await inTransaction(a.source, rest, (t) => add(this, m, keys, values, t));
    return this;
  }
  async function remove(this: AnyInstance, m: string, items: unknown, options?: object) {
    const o = accessorOptions(options, [], what(m));
    const keys = keysOf(a.target, items, a.targetKey, what(m));
    if (keys.length > 0) await through.destroy({ ...o, where: pairs(this, m, keys) });
    return this;
  }
  return {
    /** The targets, each with its junction row under the through model's name (`tag.PostTag`). */
    async [n.get](options?: object) {
      const o = accessorOptions(options, [...FIND.filter((k) => k !== 'include' && !k.startsWith('lock') && k !== 'skipLocked' && k !== 'noWait'), 'joinTableAttributes', 'through'], what(n.get));
      return loadThrough(a, this, o, what(n.get), false);
    },
    async [n.count](options?: object) {
      const o = accessorOptions(options, ['where', 'through'], what(n.count));
      return loadThrough(a, this, o, what(n.count), true);
    },
    async [n.hasOne](item: unknown, options?: object) { return has.call(this, n.hasOne, [item], options); },
    async [n.hasMany](items: unknown[], options?: object) { return has.call(this, n.hasMany, items, options); },
    async [n.addOne](item: unknown, options?: object) { return addMethod.call(this, n.addOne, [item], options); },
    async [n.addMany](items: unknown[], options?: object) { return addMethod.call(this, n.addMany, items, options); },
    async [n.removeOne](item: unknown, options?: object) { return remove.call(this, n.removeOne, [item], options); },
    async [n.removeMany](items: unknown[], options?: object) { return remove.call(this, n.removeMany, items, options); },
    /** Exactly these targets afterwards: other pairs deleted, missing ones inserted; one transaction. */
    async [n.set](items: unknown[] | null, options?: object) {
      const o = accessorOptions(options, ['through'], what(n.set));
      const { through: values, ...rest } = o;
      checkThrough(values, what(n.set));
      const keys = items === null ? [] : keysOf(a.target, items, a.targetKey, what(n.set));
      const mine = ownKey(this, a.sourceKey, what(n.set));
      await inTransaction(a.source, rest, async (t: Transaction) => {
        const others = keys.length === 0 ? { [a.foreignKey]: mine } : { [a.foreignKey]: mine, [other]: { [Op.notIn]: keys } };
        await through.destroy({ where: others, transaction: t });
        await add(this, n.set, keys, values, t);
      });
      return this;
    },
    /** Creates the target and the pair, in one transaction. */
    async [n.create](values?: object, options?: object) {
      const o = accessorOptions(options, ['through'], what(n.create));
      const { through: extra, ...rest } = o;
      checkThrough(extra, what(n.create));
      return inTransaction(a.source, rest, async (t: Transaction) => {
        const made = await target.create(values ?? {}, { transaction: t });
        await add(this, n.create, keysOf(a.target, made, a.targetKey, what(n.create)), extra, t);
        return made;
      });
    },
  };
}

function checkThrough(values: unknown, what: string): void {
  if (values !== undefined && (values === null || typeof values !== 'object' || Array.isArray(values))) throw new UsageError(`${what}: through takes an object of junction attribute values`);
}
