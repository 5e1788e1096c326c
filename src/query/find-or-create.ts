import { UniqueConstraintError, UsageError } from '../errors';
import type { ModelBinding } from '../instance/binding';
import type { Executor } from '../driver/executor';
import { assignBuildValues, checkKeys } from '../instance/values';
import { save } from '../persistence/save';
import { checkOptions } from './check-options';
import { findOneWhere } from './find';
import { Op } from './operators';
import { isPlainObject, kind, unknownAttribute } from './where';
import type { FindOrCreateOptions } from './options';

/**
 * `findOrCreate({ where, defaults })`: the first row matching `where`, else a new one made
 * from the where's equalities and `defaults` (where wins on a clash; see whereValues). Resolves to
 * `[instance, created]`.
 *
 * Race-safe without a transaction: when a concurrent caller inserts the same row first,
 * our INSERT fails on the unique constraint and the row is read again. (With no unique
 * constraint over the where's columns, the database cannot tell that two rows are "the
 * same", and two concurrent calls may both insert.)
 */
export async function findOrCreate(b: ModelBinding, ex: Executor, model: Function, options: FindOrCreateOptions, scopeWhere?: unknown): Promise<[unknown, boolean]> {
  const def = b.definition;
  const what = `${def.modelName}.findOrCreate`;
  const o = checkOptions(options, ['where', 'defaults'], what, true);
  const values = whereValues(b, o.where, what);
  if (o.defaults !== undefined) checkKeys(def, o.defaults as object, `${what} defaults`);
  // A soft-deleted row of a paranoid model is not "found": a new one is created.
  // The model's scope narrows what counts as found (as Sequelize's findOne does); the created row takes only the where's values.
  const filters = [o.where, ...(scopeWhere === undefined ? [] : [scopeWhere]), ...(def.deletedAt === undefined ? [] : [{ [def.deletedAt.name]: null }])];
  const where = filters.length === 1 ? o.where : { [Op.and]: filters };
  const found = await findOneWhere(b, ex, model, where, what);
  if (found !== null) return [found, false];
  const inst = new (model as new () => Record<string, unknown>)();
  assignBuildValues(def, inst, { ...(o.defaults as object | undefined), ...values });
  try {
    // Inside a transaction a unique violation would abort it: the INSERT gets a SAVEPOINT.
    if (!ex.inTransaction) await save(b, ex, inst);
    else await ex.transaction((sp) => save(b, sp, inst));
  } catch (err) {
    if (err instanceof UniqueConstraintError) {
      const again = await findOneWhere(b, ex, model, where, what);
      if (again !== null) return [again, false];
    }
    throw err;
  }
  return [inst, true];
}

/**
 * The values a new row takes from the where: its equalities (`attr: value`, `attr: { [Op.eq]: value }`,
 * also inside `Op.and`). Any other condition (`Op.gt`, `Op.in`, `Op.or`, a JSON path) only
 * narrows the find, as in Sequelize: the created row gets the equalities and `defaults`, so
 * `defaults` should satisfy the rest. An empty where, an undefined value or an unknown
 * attribute is an error.
 */
function whereValues(b: ModelBinding, where: unknown, what: string): Record<string, unknown> {
  const def = b.definition;
  if (!isPlainObject(where)) throw new UsageError(`${what} needs a where object, got ${kind(where)}`);
  if (Object.keys(where).length === 0 && Object.getOwnPropertySymbols(where).length === 0) throw new UsageError(`${what}: the where is empty; name the attributes that identify the row`);
  const out: Record<string, unknown> = {};
  collectEqualities(b, where as Record<string | symbol, unknown>, out, what);
  return out;
}

function collectEqualities(b: ModelBinding, where: Record<string | symbol, unknown>, out: Record<string, unknown>, what: string): void {
  const def = b.definition;
  for (const k of Object.keys(where)) {
    const v = where[k];
    if (v === undefined) throw new UsageError(`${what}: ${def.modelName}.${k} is undefined in where; a where never ignores a condition`);
    if (def.byName[k] === undefined) {
      // A JSON path ('meta.a') or an include's column ('$x.y$') narrows the find only; anything else is a typo.
      if (k.includes('.') || k.startsWith('$')) continue;
      throw unknownAttribute({ def, what }, k, 'where');
    }
    if (isPlainObject(v) && Object.getOwnPropertySymbols(v).length > 0) {
      const eq = (v as Record<symbol, unknown>)[Op.eq];
      if (eq !== undefined && (eq === null || typeof eq !== 'object' || eq instanceof Date)) out[k] = eq;
      continue;
    }
    if (Array.isArray(v) && def.byName[k].type.key !== 'ARRAY') continue; // attr: [a, b] is IN
    out[k] = v;
  }
  const and = where[Op.and];
  if (and !== undefined) for (const part of Array.isArray(and) ? and : [and]) if (isPlainObject(part)) collectEqualities(b, part as Record<string | symbol, unknown>, out, what);
}
