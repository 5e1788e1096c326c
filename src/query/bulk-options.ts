import { UsageError } from '../errors';
import type { AttributeDefinition, ModelDefinition } from '../metadata/definition';
import { checkOptions } from './check-options';
import { kind, unknownAttribute } from './where';
import type { BulkCreateOptions } from './options';

/** Rows per statement (and per COPY batch) unless `batchSize` says otherwise. */
export const DEFAULT_BATCH = 10_000;
/** From this many rows, a load that needs nothing back goes through COPY. */
export const COPY_THRESHOLD = 5_000;

/** bulkCreate's options, checked once per call. */
export interface BulkPlanOptions {
  /** false: nothing read back; true: every attribute; a list: those attributes (in attribute order). */
  readonly returning: false | readonly AttributeDefinition[];
  readonly fields?: readonly string[];
  /** The ON CONFLICT clause's parts (columns quoted), or undefined for none. */
  readonly conflict?: { readonly target?: readonly string[]; readonly set?: readonly string[] };
  readonly silent: boolean;
  /** true / false as given; undefined: decided by the size of the load. */
  readonly copy?: boolean;
  readonly batchSize: number;
  readonly onProgress?: (done: number, total?: number) => void;
}

const KNOWN = ['returning', 'fields', 'ignoreDuplicates', 'updateOnDuplicate', 'conflictAttributes', 'silent', 'copy', 'batchSize', 'onProgress'];

/**
 * Checks bulkCreate's options as Sequelize 6 reads them: `updateOnDuplicate` must be a
 * non-empty list and never updates `createdAt`; its conflict target is `conflictAttributes`,
 * else the model's one unique constraint, else the primary key. `iterable`: the rows are
 * not an array, so nothing is read back unless asked.
 */
export function checkBulkOptions(def: ModelDefinition, options: BulkCreateOptions | undefined, iterable: boolean, what: string): BulkPlanOptions {
  const o = checkOptions(options, KNOWN, what);
  const bool = (key: keyof BulkCreateOptions) => {
    const v = o[key];
    if (v !== undefined && typeof v !== 'boolean') throw new UsageError(`${what}: ${key} must be true or false, got ${kind(v)}`);
    return v as boolean | undefined;
  };
  const ignore = bool('ignoreDuplicates') === true;
  const silent = bool('silent') === true;
  const copy = bool('copy');
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') throw new UsageError(`${what}: onProgress must be a function (done, total?) => void`);
  const batchSize = o.batchSize ?? DEFAULT_BATCH;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new UsageError(`${what}: batchSize must be a positive integer, got ${kind(o.batchSize)}`);

  let returning: false | readonly AttributeDefinition[];
  if (o.returning === undefined) returning = iterable || copy === true ? false : def.attributes;
  else if (typeof o.returning === 'boolean') returning = o.returning ? def.attributes : false;
  else if (Array.isArray(o.returning)) returning = withKeys(def, attributesOf(def, o.returning, 'returning', what));
  else throw new UsageError(`${what}: returning must be true, false or a list of attribute names, got ${kind(o.returning)}`);
  if (returning !== false && iterable) throw new UsageError(`${what}: returning needs an array of rows; an iterable resolves to the number of rows written`);

  let conflict: BulkPlanOptions['conflict'];
  if (o.updateOnDuplicate !== undefined) {
    if (ignore) throw new UsageError(`${what}: ignoreDuplicates and updateOnDuplicate exclude each other`);
    if (!Array.isArray(o.updateOnDuplicate) || o.updateOnDuplicate.length === 0) throw new UsageError(`${what}: updateOnDuplicate takes a non-empty list of attribute names`);
    const target = conflictTarget(def, o.conflictAttributes, what);
    const set = attributesOf(def, o.updateOnDuplicate, 'updateOnDuplicate', what)
      .filter((a) => a.timestamp !== 'createdAt' && !(silent && a.timestamp === 'updatedAt'));
    if (set.length === 0) throw new UsageError(`${what}: updateOnDuplicate leaves nothing to update (createdAt is never updated, nor updatedAt with silent); use ignoreDuplicates to skip existing rows`);
    conflict = { target: target.map((a) => a.quotedColumn), set: set.map((a) => a.quotedColumn) };
  } else if (o.conflictAttributes !== undefined) {
    if (!ignore) throw new UsageError(`${what}: conflictAttributes goes with updateOnDuplicate or ignoreDuplicates`);
    conflict = { target: conflictTarget(def, o.conflictAttributes, what).map((a) => a.quotedColumn) };
  } else if (ignore) conflict = {};

  const needsInsert = returning !== false || conflict !== undefined;
  if (copy === true && needsInsert) {
    throw new UsageError(`${what}: copy: true cannot ${conflict !== undefined ? 'resolve conflicts (ignoreDuplicates, updateOnDuplicate)' : 'read rows back (returning)'}; COPY only appends rows. Leave copy out to use INSERT`);
  }
  return { returning, fields: o.fields, conflict, silent, copy: needsInsert ? false : copy, batchSize, onProgress: o.onProgress };
}

function attributesOf(def: ModelDefinition, names: readonly unknown[], option: string, what: string): AttributeDefinition[] {
  const out: AttributeDefinition[] = [];
  for (const n of names) {
    if (typeof n !== 'string') throw new UsageError(`${what}: ${option} takes attribute names, got ${kind(n)}`);
    const a = def.byName[n];
    if (a === undefined) throw unknownAttribute({ def, what }, n, option);
    if (!out.includes(a)) out.push(a);
  }
  return out.sort((x, y) => x.position - y.position);
}

/** A returning list always reads the primary key back too, so the instances can be saved later. */
function withKeys(def: ModelDefinition, attrs: AttributeDefinition[]): AttributeDefinition[] {
  for (const pk of def.primaryKeys) if (!attrs.includes(pk)) attrs.push(pk);
  return attrs.sort((x, y) => x.position - y.position);
}

function conflictTarget(def: ModelDefinition, given: unknown, what: string): AttributeDefinition[] {
  if (given !== undefined) {
    if (!Array.isArray(given) || given.length === 0) throw new UsageError(`${what}: conflictAttributes takes a non-empty list of attribute names`);
    return attributesOf(def, given, 'conflictAttributes', what);
  }
  // As Sequelize: the model's unique key when it has one, else the primary key.
  const uniques = new Map<string, AttributeDefinition[]>();
  for (const a of def.attributes) {
    if (a.unique === false || a.primaryKey) continue;
    const name = a.unique === true ? `column ${a.column}` : a.unique;
    uniques.set(name, [...(uniques.get(name) ?? []), a]);
  }
  for (const index of def.indexes) {
    if (!index.unique) continue;
    const attrs = index.columns.map((c) => def.byColumn[c]).filter((a): a is AttributeDefinition => a !== undefined);
    if (attrs.length === index.columns.length) uniques.set(`index ${index.name}`, attrs);
  }
  if (uniques.size > 1) throw new UsageError(`${what}: ${def.modelName} has several unique constraints (${[...uniques.values()].map((l) => l.map((a) => a.name).join('+')).join(', ')}); say which one identifies a row with conflictAttributes`);
  if (uniques.size === 1) return [...uniques.values()][0];
  if (def.primaryKeys.length === 0) throw new UsageError(`${what}: ${def.modelName} has no primary key; pass conflictAttributes`);
  return [...def.primaryKeys];
}
