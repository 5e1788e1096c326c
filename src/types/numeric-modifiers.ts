import type { DataType } from './data-type';

/**
 * MySQL's `UNSIGNED` and `ZEROFILL` on the numeric types (`INTEGER.UNSIGNED`,
 * `INTEGER(11).UNSIGNED.ZEROFILL`). PostgreSQL has neither: the column keeps its plain type
 * and the attribute reports one warning naming every modifier it dropped, as Sequelize's
 * postgres dialect does. No range check changes: an UNSIGNED column still takes negatives.
 */
export type NumericModifier = 'UNSIGNED' | 'ZEROFILL';

const MODIFIERS = Symbol('inscribe.numericModifiers');

type Modified = DataType & { [MODIFIERS]?: readonly NumericModifier[] };

/** A copy of `type` with `modifier` added (the DataType itself is shared, so it is never changed). */
export function withModifier<T extends DataType>(type: T, modifier: NumericModifier): T {
  const before = (type as Modified)[MODIFIERS] ?? [];
  const copy = Object.assign(Object.create(Object.getPrototypeOf(type)) as T, type);
  const mods = before.includes(modifier) ? before : [...before, modifier];
  const previous = before.length === 0 ? undefined : warningFor(type.key, before);
  (copy as { warnings: string[] }).warnings = [...type.warnings.filter((w) => w !== previous), warningFor(type.key, mods)];
  (copy as Modified)[MODIFIERS] = mods;
  return copy;
}

function warningFor(key: string, modifiers: readonly NumericModifier[]): string {
  return `${key}.${modifiers.join('.')}: PostgreSQL has no ${modifiers.join(' or ')} numbers; using plain ${key}`;
}

/** The `UNSIGNED` / `ZEROFILL` getters, installed on a numeric DataType's prototype and on its DataTypes factory. */
export function installModifiers(target: object, make: (self: any) => DataType): void {
  for (const m of ['UNSIGNED', 'ZEROFILL'] as const) {
    Object.defineProperty(target, m, {
      configurable: true,
      enumerable: false,
      get(this: unknown) {
        return withModifier(make(this), m);
      },
    });
  }
}
