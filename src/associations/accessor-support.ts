import { UsageError } from '../errors';
import { bindingOf } from '../instance/binding';
import { checkOptionKeys } from '../persistence/params';
import { Op } from '../query/operators';
import type { Transaction } from '../transaction';

/** A model class as accessors call it: the public statics, untyped (the target is known only at runtime). */
export type AnyModel = Function & Record<string, any>;
export type AnyInstance = Record<string, any>;

/** `{ [Op.and]: [where, key] }`, or the key condition alone. */
export function andWhere(where: unknown, key: object): object {
  return where === undefined ? key : { [Op.and]: [where, key] };
}

/** The key an instance holds, or the key itself when a key was passed. */
export function keyOf(model: Function, item: unknown, key: string, what: string): unknown {
  if (item instanceof model) {
    const v = (item as AnyInstance)[key];
    if (v === undefined || v === null) throw new UsageError(`${what}: the ${model.name} instance has no ${key} (save it first)`);
    return v;
  }
  if (item === undefined || item === null || typeof item === 'object' || typeof item === 'function') throw new UsageError(`${what}: pass a ${model.name} instance or its ${key}, got ${item === null ? 'null' : typeof item}`);
  return item;
}

/** Keys of a list (or one item), without repeats. */
export function keysOf(model: Function, items: unknown, key: string, what: string): unknown[] {
  const list = Array.isArray(items) ? items : [items];
  return [...new Set(list.map((i) => keyOf(model, i, key, what)))];
}

/** The single primary-key attribute of a model. */
export function primaryKeyName(model: Function, what: string): string {
  const pks = bindingOf(model).definition.primaryKeys;
  if (pks.length !== 1) throw new UsageError(`${what}: ${model.name} has no single-column primary key`);
  return pks[0].name;
}

/** The source's own key value, which must be saved before its associations can change. */
export function ownKey(inst: AnyInstance, key: string, what: string): unknown {
  const v = inst[key];
  if (v === undefined || v === null) throw new UsageError(`${what}: this instance has no ${key} yet (save it first)`);
  return v;
}

/** Checks an accessor's options and returns them (an empty object when left out). */
export function accessorOptions(options: unknown, known: readonly string[], what: string): Record<string, any> {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) throw new UsageError(`${what}: options must be an object`);
  checkOptionKeys(options, known, what);
  return options as Record<string, any>;
}

/**
 * Runs several statements as one unit: `db.transaction` (a SAVEPOINT inside the caller's
 * transaction, explicit or from the async context). `fn` gets the transaction to pass on.
 */
export function inTransaction<T>(model: Function, options: { transaction?: unknown }, fn: (t: Transaction) => Promise<T>): Promise<T> {
  const db = bindingOf(model).db as unknown as { transaction(o: object, f: (t: Transaction) => Promise<T>): Promise<T> };
  return db.transaction(options.transaction === undefined ? {} : { transaction: options.transaction }, fn);
}

/** The finder options of a `get…` accessor with the association's condition ANDed in. */
export function scoped(options: Record<string, any>, key: object): Record<string, any> {
  return { ...options, where: andWhere(options.where, key) };
}
