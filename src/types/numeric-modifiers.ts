import type { DataType } from './data-type';

/**
 * MySQL's `UNSIGNED` and `ZEROFILL` on the numeric types (`INTEGER.UNSIGNED`,
 * `INTEGER(11).UNSIGNED.ZEROFILL`). PostgreSQL has neither: the column keeps its plain type
 * and the attribute reports one warning naming everything it dropped (the display width of
 * `INTEGER(11)` included), as Sequelize's postgres dialect does. No range check changes: an
 * UNSIGNED column still takes negatives.
 */
export type NumericModifier = 'UNSIGNED' | 'ZEROFILL';

const STATE = Symbol('inscribe.numericModifiers');

interface ModifierState {
  readonly modifiers: readonly NumericModifier[];
  /** `INTEGER(11)` when a display width was dropped, else the key. */
  readonly label: string;
  readonly width: boolean;
  /** The warning this chain put on the type (replaced by the next link). */
  readonly warning: string;
}

type Modified = DataType & { [STATE]?: ModifierState };

/** The display-width warning of `INTEGER(11)`, `BIGINT(20)`, …, folded into the modifiers' one. */
const WIDTH = /^([A-Z]+\(\d+\)): PostgreSQL \w+ have no display width/;
const WIDTH_ONE = /^([A-Z]+\(\d+\)): PostgreSQL \w+ has no display width/;

/** A copy of `type` with `modifier` added (the DataType itself is shared, so it is never changed). */
export function withModifier<T extends DataType>(type: T, modifier: NumericModifier): T {
  const prev = (type as Modified)[STATE];
  const widthWarning = type.warnings.find((w) => WIDTH.test(w) || WIDTH_ONE.test(w));
  const modifiers = prev === undefined ? [modifier] : prev.modifiers.includes(modifier) ? prev.modifiers : [...prev.modifiers, modifier];
  const width = prev?.width ?? widthWarning !== undefined;
  const label = prev?.label ?? (widthWarning?.match(/^[A-Z]+\(\d+\)/)?.[0] ?? type.key);
  const dropped = [...(width ? ['display width'] : []), ...modifiers];
  const warning = `${label}.${modifiers.join('.')}: PostgreSQL numbers have no ${dropped.join(', ')}; using plain ${type.key}`;
  const copy = Object.assign(Object.create(Object.getPrototypeOf(type)) as T, type);
  (copy as { warnings: string[] }).warnings = [...type.warnings.filter((w) => w !== widthWarning && w !== prev?.warning), warning];
  (copy as Modified)[STATE] = { modifiers, label, width, warning };
  return copy;
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
