/**
 * Values a find read under an alias (`attributes: [[fn('COUNT', col('id')), 'n'], ['name', 'label']]`)
 * that are not attributes: as in Sequelize, `get('n')`, `dataValues.n` and `toJSON().n` give
 * them. They are kept apart from the attributes so they are never saved, never dirty.
 */
export const EXTRAS: unique symbol = Symbol('inscribe.extras');

type WithExtras = { [EXTRAS]?: Record<string, unknown> };

/** The aliased values of an instance, or undefined. */
export function extrasOf(inst: object): Record<string, unknown> | undefined {
  return (inst as WithExtras)[EXTRAS];
}

/** Stores an instance's aliased values (non-enumerable, so spreads and JSON see only the attributes and these via toJSON). */
export function setExtras(inst: object, values: Record<string, unknown>): void {
  Object.defineProperty(inst, EXTRAS, { value: values, enumerable: false, configurable: true, writable: true });
}
