import { UsageError, ValidationError } from '../errors';
import type { ValidationErrorItem } from '../errors';
import type { AttributeDefinition, ModelDefinition } from '../metadata/definition';
import { assignBuildValues, checkKeys, defaultFor } from '../instance/values';
import { checkValues, convertValues, validationError } from '../persistence/params';
import { TypeCheck } from '../types/data-type';
import { notNullItem, requiredOnInsert, stampsOnInsert } from '../persistence/plan';
import { isPlainObject, kind, unknownAttribute } from './where';

/** Rows ready to insert: the columns written and, per column, one bound value per row. */
export interface RowPlan {
  readonly attrs: readonly AttributeDefinition[];
  /** `columns[j][r]`: the parameter for `attrs[j]` in row `r` (null where a row gives none). */
  readonly columns: unknown[][];
  /** What each row was built as (after defaults), for callers that need the given keys. */
  readonly built: readonly Record<string, unknown>[];
  /**
   * `constant[j]`: every row takes the same value for `attrs[j]` (a timestamp no row gave),
   * so it can be bound once instead of as an array of identical values.
   */
  readonly constant: readonly boolean[];
}

/** Where a batch sits in a larger load: row numbers in messages, and what every batch shares. */
export interface BatchPlace {
  /** The load's index of the batch's first row. */
  readonly offset: number;
  /** Whether the load has several rows (messages then say which row). */
  readonly many: boolean;
  /** The time every batch of the load stamps. */
  readonly now: Date;
  /** `silent`: a row's own `updatedAt` is kept rather than stamped. */
  readonly silent?: boolean;
}

/**
 * Builds and checks every row as `create` would, before anything is sent: unknown keys,
 * JS defaults and class-field initializers, timestamps, NOT NULL, and each value's type.
 * All problems of all rows are reported in one ValidationError (messages say which row).
 *
 * The columns written are those any row gives a value for (limited to `fields`), plus the
 * timestamps. A row that leaves out a column others give takes NULL there; when the column
 * is NOT NULL that row is a ValidationError, and an auto-increment key must be given by
 * every row or by none (one statement cannot say DEFAULT for some rows only).
 */
export function planRows(def: ModelDefinition, model: Function, rows: readonly unknown[], fields: readonly unknown[] | undefined, what: string, batch?: BatchPlace): RowPlan {
  const only = fieldSet(def, fields, what);
  const now = batch?.now ?? new Date();
  const silent = batch?.silent;
  // Messages number rows from the start of the whole load (a batch starts at `offset`).
  const offset = batch?.offset ?? 0;
  const many = batch?.many ?? rows.length > 1;
  const built: Record<string, unknown>[] = new Array(rows.length);
  const direct = readsRowsDirectly(def, model);
  for (let r = 0; r < rows.length; r++) {
    const values = rows[r];
    if (!isPlainObject(values)) throw new UsageError(`${what}: row ${offset + r} must be an object of attribute values, got ${kind(values)}`);
    try {
      if (direct) {
        // checkKeys names every unknown key; this loop only looks for one, without allocating.
        for (const k in values as object) if (def.byName[k] === undefined) checkKeys(def, values, `${def.modelName}.build`);
        built[r] = values as Record<string, unknown>;
        continue;
      }
      const inst = new (model as new () => Record<string, unknown>)();
      assignBuildValues(def, inst, values);
      built[r] = inst;
    } catch (err) {
      throw many ? inRow(err, offset + r) : err;
    }
  }
  const attrs: AttributeDefinition[] = [];
  const columns: unknown[][] = [];
  const constant: boolean[] = [];
  const errors: ValidationErrorItem[] = [];
  for (const a of def.attributes) {
    const raw = new Array<unknown>(rows.length);
    let given = 0;
    let tookNow = 0;
    for (let r = 0; r < rows.length; r++) {
      let v = built[r][a.key as string];
      // Read directly, a row has had no JS default applied yet (build would have).
      if (direct && v === undefined && a.defaultValue !== undefined) v = defaultFor(a);
      if (stampsOnInsert(a, v, silent, only === undefined)) {
        v = now;
        tookNow++;
      }
      if (v === null && a.autoIncrement) v = undefined;
      if (v !== undefined) given++;
      raw[r] = v;
    }
    if (only !== undefined && a.timestamp === undefined && !only.has(a.name)) continue;
    if (given === 0) {
      if (requiredOnInsert(a)) {
        for (let r = 0; r < rows.length; r++) errors.push(missing(def, a, offset + r, many));
      }
      continue;
    }
    if (given < rows.length) {
      if (a.autoIncrement) throw new UsageError(`${what}: some rows give ${a.name} and some do not; an auto-increment key must be given by every row or by none`);
      for (let r = 0; r < rows.length; r++) {
        if (raw[r] !== undefined) continue;
        if (!a.allowNull) errors.push(missing(def, a, offset + r, many));
        raw[r] = null;
      }
    }
    attrs.push(a);
    columns.push(raw);
    constant.push(tookNow === rows.length);
  }
  // Type checks and conversion (each type's toParam), column by column: one type's checks
  // run over the whole batch. A column every row shares (the stamped time) is converted once.
  const out = columns.map(() => new Array<unknown>(rows.length));
  const params: unknown[] = [];
  let refused: { row: number; items: ValidationErrorItem[] }[] | undefined;
  for (let j = 0; j < attrs.length; j++) {
    const a = attrs[j];
    const col = columns[j];
    const dst = out[j];
    if (constant[j]) {
      convertValues(def, [a], [col[0]], params, errors, -1);
      dst.fill(params.pop());
      continue;
    }
    const type = a.type;
    for (let r = 0; r < rows.length; r++) {
      const v = col[r];
      if (v === null) {
        dst[r] = null;
        if (a.allowNull) continue;
      } else {
        try {
          dst[r] = type.toParam(v);
          continue;
        } catch (err) {
          if (!(err instanceof TypeCheck)) throw err;
        }
      }
      // Refused: the same items, and messages, as a single record's checks give.
      const items: ValidationErrorItem[] = [];
      const row = many ? offset + r : -1;
      checkValues(def, [a], [v], items, row);
      convertValues(def, [a], [v], params, items, row);
      params.length = 0;
      (refused ??= []).push({ row: r, items });
    }
  }
  if (refused !== undefined) {
    refused.sort((x, y) => x.row - y.row);
    for (const x of refused) for (const item of x.items) errors.push(item);
  }
  if (errors.length > 0) throw validationError(errors);
  return { attrs, columns: out, built, constant };
}

const direct = new WeakMap<ModelDefinition, boolean>();

/**
 * Whether building an instance would do nothing but copy the row's values and fill JS
 * defaults: no attribute `set` (or `get`) or VIRTUAL, no attribute named like an
 * Object.prototype member, and no class field initializer or constructor that gives an
 * attribute a value (a probe instance holds none). Then planRows reads each row as given,
 * without building an instance per row (the largest cost of a big load).
 */
function readsRowsDirectly(def: ModelDefinition, model: Function): boolean {
  let yes = direct.get(def);
  if (yes === undefined) {
    const probe = new (model as new () => Record<string | symbol, unknown>)();
    yes = def.virtuals.length === 0 && def.attributes.every((a) => typeof a.key === 'string' && !(a.name in Object.prototype) && probe[a.key] === undefined);
    direct.set(def, yes);
  }
  return yes;
}

function fieldSet(def: ModelDefinition, fields: readonly unknown[] | undefined, what: string): Set<string> | undefined {
  if (fields === undefined) return undefined;
  if (!Array.isArray(fields)) throw new UsageError(`${what}: fields takes an array of attribute names`);
  for (const f of fields) {
    if (typeof f !== 'string') throw new UsageError(`${what}: fields are attribute names, got ${kind(f)}`);
    if (def.byName[f] === undefined) throw unknownAttribute({ def, what }, f, 'fields');
  }
  return new Set(fields as string[]);
}

function missing(def: ModelDefinition, a: AttributeDefinition, r: number, many: boolean): ValidationErrorItem {
  return notNullItem(def, a, undefined, many ? `row ${r}: ` : '');
}

/** The same error, its message saying which row. */
function inRow(err: unknown, r: number): unknown {
  if (err instanceof ValidationError) {
    const Ctor = err.constructor as new (m: string, e: ValidationErrorItem[]) => ValidationError;
    return new Ctor(`row ${r}: ${err.message}`, err.errors);
  }
  if (err instanceof UsageError) return new UsageError(`row ${r}: ${err.message}`);
  return err;
}
