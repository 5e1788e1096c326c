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
 * from `where`'s values and `defaults` (where wins on a clash). Resolves to
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

/** The values a where of plain equalities gives a new row; anything else is refused, so the created row always matches. */
function whereValues(b: ModelBinding, where: unknown, what: string): Record<string, unknown> {
  const def = b.definition;
  if (!isPlainObject(where)) throw new UsageError(`${what} needs a where object, got ${kind(where)}`);
  if (Object.getOwnPropertySymbols(where).length > 0) throw new UsageError(`${what}: where takes plain equalities (attribute: value), so the row it creates matches it; Op.and/Op.or/Op.not are not allowed here`);
  const keys = Object.keys(where);
  if (keys.length === 0) throw new UsageError(`${what}: the where is empty; name the attributes that identify the row`);
  const out: Record<string, unknown> = {};
  const w = where as Record<string, unknown>;
  for (const k of keys) {
    if (def.byName[k] === undefined) throw unknownAttribute({ def, what }, k, 'where');
    let v = w[k];
    if (isPlainObject(v) && Object.getOwnPropertySymbols(v).length > 0) {
      const syms = Object.getOwnPropertySymbols(v);
      if (syms.length !== 1 || syms[0] !== Op.eq || Object.keys(v).length > 0) throw new UsageError(`${what}: ${def.modelName}.${k} must be a value or { [Op.eq]: value } so the created row matches the where`);
      v = (v as Record<symbol, unknown>)[Op.eq];
    }
    if (v === undefined) throw new UsageError(`${what}: ${def.modelName}.${k} is undefined in where; a where never ignores a condition`);
    out[k] = v;
  }
  return out;
}
