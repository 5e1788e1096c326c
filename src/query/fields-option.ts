import { UsageError } from '../errors';
import type { ModelDefinition } from '../metadata/definition';
import { kind, unknownAttribute } from './where';

/**
 * Sequelize's `fields` option of `Model.update`, instance `update` and `upsert`: the
 * attribute names a call may write. Every name must be an attribute (a typo is an error,
 * never a column silently left out).
 */
export function checkFields(def: ModelDefinition, fields: unknown, what: string): readonly string[] | undefined {
  if (fields === undefined) return undefined;
  if (!Array.isArray(fields)) throw new UsageError(`${what}: fields takes an array of attribute names, got ${kind(fields)}`);
  for (const f of fields) {
    if (typeof f !== 'string') throw new UsageError(`${what}: fields are attribute names, got ${kind(f)}`);
    if (def.byName[f] === undefined && !def.virtuals.some((v) => v.name === f)) throw unknownAttribute({ def, what }, f, 'fields');
  }
  return fields as string[];
}

/**
 * The values limited to `fields` (and VIRTUAL attributes, whose setters decide what they
 * write), as Sequelize's `set(values, { attributes: fields })` does: the other keys are not
 * assigned at all, in memory or in the database.
 */
export function pickFields(def: ModelDefinition, values: object, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const v = values as Record<string, unknown>;
  for (const k of Object.keys(v)) if (fields.includes(k) || def.virtuals.some((x) => x.name === k)) out[k] = v[k];
  return out;
}

/**
 * `Model.update(values, { fields })`: the values limited to `fields` (unknown keys in the
 * values are still errors), and the options without `fields`, for the update pipeline.
 */
export function withUpdateFields(def: ModelDefinition, values: object, options: object | undefined, what: string, checkKeys: (values: object) => void): [object, object | undefined] {
  const o = options as { fields?: unknown } | undefined;
  if (o === undefined || o === null || o.fields === undefined) return [values, options];
  const fields = checkFields(def, o.fields, what)!;
  if (values !== null && typeof values === 'object') checkKeys(values);
  const { fields: _f, ...rest } = o;
  return [pickFields(def, values, fields), rest];
}

/**
 * `Model.update(values, { fields })` whose fields leave no value: Sequelize resolves to `[0]`
 * without a statement. The where is still required (an empty one needs `all: true`).
 */
export function nothingUpdated(options: object | undefined, what: string): [number] | [number, unknown[]] {
  const o = (options ?? {}) as { where?: unknown; all?: unknown; returning?: unknown };
  if (o.where === undefined && o.all !== true) throw new UsageError(`${what} needs a where. To change every row, pass { where: {}, all: true } explicitly`);
  return o.returning === true ? [0, []] : [0];
}
