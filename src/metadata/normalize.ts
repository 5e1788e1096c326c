import { DefinitionError } from '../errors';
import { VirtualType, ArrayType, BigIntType, BlobType, BooleanType, CitextType, DataType, DateType, EnumType, HstoreType, IntegerType, StringType, toDataType } from '../types';
import { checkIdentifier, limitIdentifier, quoteIdent, quoteTable } from '../sql/quote';
import { checkOwnNames, constraintNamesFor, indexNameFor } from './generated-names';
import { designTypeOf, hasAnyDesignType } from './design-type';
import { normaliseDefault } from './defaults';
import { tableNameFor, underscore } from './naming';
import { ATTRIBUTE_OPTION_KEYS, MODEL_OPTION_KEYS } from './options';
import type { AttributeOptions, AttributesInput, ModelOptions } from './options';
import type { AttributeDefinition, IndexDefinition, ModelDefinition, VirtualDefinition } from './definition';
import { SnapshotKind } from './definition';
import { normaliseLifecycle } from './lifecycle';
import { compileAttributeValidation } from '../validation/compile';
import type { HookFunction } from '../hooks/names';
import { rewriteSpellings } from './sequelize-spellings';
import { resolveIndexFields } from './index-fields';
import { modelCallOptions } from './call-defaults';

/** Names an attribute cannot take: they are the instance API (or would pollute prototypes). */
const RESERVED = new Set([
  'save', 'set', 'get', 'changed', 'previous', 'update', 'destroy', 'reload', 'increment', 'decrement', 'toJSON',
  'isNewRecord', 'constructor', 'prototype', '__proto__', 'sequelize', 'dataValues', 'hasOwnProperty', 'toString', 'valueOf',
  'validate', 'restore', 'getDataValue', 'setDataValue', 'isSoftDeleted',
]);

export interface NormaliseInput {
  /** The model class; used for messages and design:type. */
  readonly modelClass: Function;
  readonly modelName: string;
  readonly attributes: Map<string, AttributeOptions>;
  /** Attributes declared by decorators: their missing types may be inferred from design:type. */
  readonly decorated: ReadonlySet<string>;
  /** Of those, the ones declared by standard (TC39) decorators: no design:type; a missing type comes from the initializer. */
  readonly standard?: ReadonlySet<string>;
  readonly options: ModelOptions;
  /** The Database's `define` option. */
  readonly defaults: ModelOptions;
  readonly createdAtProperty?: string;
  readonly updatedAtProperty?: string;
  /** The property marked `@DeletedAt` (makes the model paranoid). */
  readonly deletedAtProperty?: string;
  /** Hooks declared by decorators (`@BeforeCreate static f() {}`), by hook name. */
  readonly decoratorHooks?: ReadonlyMap<string, readonly HookFunction[]>;
  readonly decoratorIndexes?: ReadonlyMap<string, { unique: boolean; attributes: string[] }>;
  /** Resolves a referenced model's table and primary key when sync needs them. */
  readonly resolveReference: (model: string | Function) => { modelName: string; table: () => string; key: () => string };
  readonly warn: (message: string) => void;
  /** The Database's `bigint` read mode: 'number' makes BIGINT writes refuse what could not be read back. */
  readonly bigint?: 'string' | 'bigint' | 'number';
}

/** Inference from `design:type`, exactly as API.md lists it. */
function inferType(design: Function | undefined): DataType | undefined {
  switch (design) {
    case String: return new StringType();
    case Number: return new IntegerType();
    case Boolean: return new BooleanType();
    case Date: return new DateType();
    case BigInt: return new BigIntType();
    case Buffer: return new BlobType();
    default: return undefined;
  }
}

/**
 * The values a model's class field initializers produce: one throwaway instance is
 * constructed (no query; the model is not bound yet, so only the fields run).
 */
function readInitializers(modelClass: Function, fail: (message: string) => never): Record<string, unknown> {
  try {
    return { ...(new (modelClass as new () => object)() as Record<string, unknown>) };
  } catch (err) {
    return fail(`constructing ${modelClass.name} to read its field initializers failed: ${(err as Error).message}`);
  }
}

/**
 * The type of an attribute declared with a standard decorator and no DataType: standard
 * decorators have no design:type, so it comes from the initializer's value.
 */
function typeFromInitializer(modelClass: Function, name: string, initialValues: () => Record<string, unknown>, fail: (message: string) => never): DataType {
  const v = initialValues()[name];
  if (typeof v === 'string') return new StringType();
  if (typeof v === 'number' && Number.isInteger(v)) return new IntegerType();
  if (typeof v === 'boolean') return new BooleanType();
  if (typeof v === 'bigint') return new BigIntType();
  if (v instanceof Date) return new DateType();
  if (Buffer.isBuffer(v)) return new BlobType();
  const seen = v === undefined ? 'it has no initializer' : `its initializer is ${typeof v === 'number' ? `the non-integer ${v}` : v === null ? 'null' : `a ${typeof v === 'object' ? (v as object).constructor?.name ?? 'object' : typeof v}`}`;
  return fail(`attribute "${name}" of class ${modelClass.name} is declared with a standard (TC39) decorator, which carries no TypeScript type, and ${seen}. ` +
    `Give it a DataType, e.g. @Column(DataTypes.STRING) ${name}!: string, or an initializer of a string, integer, boolean, bigint, Date or Buffer, e.g. @Column ${name} = ''. ` +
    '(With "experimentalDecorators": true and "emitDecoratorMetadata": true the TypeScript type is used instead.)');
}

/** How a `design:type` reads in TypeScript, for messages. */
const TS_NAMES = new Map<Function, string>([[String, 'string'], [Number, 'number'], [Boolean, 'boolean'], [BigInt, 'bigint'], [Date, 'Date'], [Buffer, 'Buffer'], [Array, 'an array type']]);

/**
 * Why a declared TypeScript type disagrees with the attribute's DataType, or undefined.
 * `Object` (unions, interfaces, `any`) says nothing, so it never disagrees.
 */
function designMismatch(design: Function | undefined, type: DataType): string | undefined {
  const declared = design && TS_NAMES.get(design);
  const fits = type.designTypes;
  if (!declared || fits === null || fits.includes(design!)) return undefined;
  const reads = fits.map((f) => TS_NAMES.get(f) ?? 'an object').join(' or ');
  return `declared as ${declared} in TypeScript, but its DataType ${type.key} holds ${reads} values. ` +
    `The TypeScript type will be wrong at run time: change the declaration to ${reads}, or the DataType.`;
}

/** Normalises raw options once into a frozen ModelDefinition; every mistake is a DefinitionError. */
export function normaliseModel(input: NormaliseInput): ModelDefinition {
  const { modelClass, modelName, options, defaults } = input;
  const fail = (message: string): never => {
    throw new DefinitionError(`Model ${modelName}: ${message}`);
  };
  for (const key of Object.keys(options)) if (!MODEL_OPTION_KEYS.has(key)) fail(`unknown model option "${key}". Known options: ${[...MODEL_OPTION_KEYS].join(', ')}`);
  for (const key of Object.keys(defaults)) if (!MODEL_OPTION_KEYS.has(key)) fail(`unknown option "${key}" in the Database's define option. Known options: ${[...MODEL_OPTION_KEYS].join(', ')}`);

  const merged: ModelOptions = { ...defaults, ...options };
  const underscored = merged.underscored ?? false;
  const tableName = merged.tableName ?? tableNameFor(modelName, merged.freezeTableName ?? false);
  const schema = merged.schema;
  const guard = <T>(what: string, fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      if (err instanceof DefinitionError) throw err;
      return fail(`${what}: ${(err as Error).message}`);
    }
  };
  const qualifiedTable = guard('table name', () => quoteTable(tableName, schema));

  // Timestamps: on unless turned off; each may be dropped or renamed.
  const timestamps = merged.timestamps ?? true;
  const tsName = (which: 'createdAt' | 'updatedAt', property?: string): string | undefined => {
    if (property) return property;
    if (!timestamps) return undefined;
    const v = merged[which];
    if (v === false) return undefined;
    return typeof v === 'string' ? v : which;
  };
  const createdAtName = tsName('createdAt', input.createdAtProperty);
  const updatedAtName = tsName('updatedAt', input.updatedAtProperty);
  // Paranoid: a nullable DATE marks a soft-deleted row (named by @DeletedAt or the deletedAt option).
  const paranoid = merged.paranoid ?? input.deletedAtProperty !== undefined;
  if (typeof paranoid !== 'boolean') fail('paranoid must be true or false');
  if (merged.deletedAt !== undefined && typeof merged.deletedAt !== 'string' && typeof merged.deletedAt !== 'boolean') fail('deletedAt must be an attribute name');
  if (paranoid && merged.deletedAt === false) fail('a paranoid model needs its deletedAt attribute; deletedAt: false turns it off');
  const deletedAtName = paranoid ? input.deletedAtProperty ?? (typeof merged.deletedAt === 'string' ? merged.deletedAt : 'deletedAt') : undefined;
  const lifecycle = normaliseLifecycle(merged, input.decoratorHooks, fail);

  const declared = new Map(input.attributes);
  const prototype = (modelClass as { prototype: object }).prototype;
  const standard = input.standard ?? new Set<string>();
  const legacy = [...input.decorated].filter((n) => !standard.has(n));
  if (legacy.length > 0 && !hasAnyDesignType(prototype, legacy)) {
    const untyped = legacy.filter((n) => declared.get(n)?.type === undefined);
    if (untyped.length > 0) {
      fail(`no decorator metadata was emitted for ${modelClass.name}, so the types of ${untyped.join(', ')} cannot be inferred. ` +
        'Compile with tsc or swc and set "experimentalDecorators": true and "emitDecoratorMetadata": true in tsconfig.json ' +
        '(esbuild-based tools such as tsx drop this metadata), or give each @Column a DataType.');
    }
  }

  // No primary key declared: an `id` SERIAL primary key, first, as Sequelize does.
  const hasPk = [...declared.values()].some((o) => o.primaryKey);
  if (!hasPk) {
    const existing = declared.get('id');
    if (existing) declared.set('id', { ...existing, primaryKey: true });
    else reorderFirst(declared, 'id', { type: new IntegerType(), primaryKey: true, autoIncrement: true, allowNull: false });
  }
  for (const name of [createdAtName, updatedAtName]) {
    if (name && !declared.has(name)) declared.set(name, { type: new DateType(), allowNull: false });
  }
  if (deletedAtName !== undefined && !declared.has(deletedAtName)) declared.set(deletedAtName, { type: new DateType(), allowNull: true });

  // Sequelize's other spellings (unique: { name, msg }, ENUM values, index: true), rewritten once.
  const spellings = rewriteSpellings(declared, fail);

  // Read once, and only when a standard-decorated attribute needs its initializer's type.
  let initial: Record<string, unknown> | undefined;
  const initialValues = (): Record<string, unknown> => (initial ??= readInitializers(modelClass, fail));
  let fields: ReadonlySet<string> | undefined | null = null;
  const ownFields = (): ReadonlySet<string> | undefined => (fields === null ? (fields = classFields(modelClass)) : fields);

  const attributes: AttributeDefinition[] = [];
  const virtuals: VirtualDefinition[] = [];
  const enums: EnumType[] = [];
  const enumNames: { name: string; column: string }[] = [];
  const extensions = new Set<string>();
  const seenColumns = new Set<string>();
  const dependsOn = new Set<string>();
  for (const [name, raw] of declared) {
    const where = `${modelName}.${name}`;
    if (RESERVED.has(name)) fail(`"${name}" cannot be an attribute name: it is part of the instance API. Rename the attribute and keep the column with { field: '${name}' }`);
    for (const key of Object.keys(raw)) if (!ATTRIBUTE_OPTION_KEYS.has(key)) fail(`attribute "${name}" has an unknown option "${key}". Known options: ${[...ATTRIBUTE_OPTION_KEYS].join(', ')}`);
    let type: DataType;
    if (raw.type !== undefined) type = guard(`attribute "${name}"`, () => toDataType(raw.type));
    // The managed timestamps are dates whatever declares them (@CreatedAt needs no type).
    else if (standard.has(name) && (name === createdAtName || name === updatedAtName)) type = new DateType();
    else if (standard.has(name)) type = typeFromInitializer(modelClass, name, initialValues, fail);
    else {
      const design = designTypeOf(prototype, name);
      const inferred = input.decorated.has(name) ? inferType(design) : undefined;
      if (!inferred) {
        const seen = design ? `its TypeScript type is emitted as ${design.name}` : 'no TypeScript type was emitted for it';
        const why = design === Object
          ? ' (a union such as string | null, an interface, object, any, or an initializer without a type annotation all emit Object)'
          : design === Array ? ' (every array type emits Array)' : '';
        type = fail(`attribute "${name}" of class ${modelClass.name} needs a type: ${seen}${why}, which does not map to one column type. ` +
          `Pass one, e.g. @Column(DataTypes.JSONB) or { type: DataTypes.STRING }.`);
      } else type = inferred;
    }
    for (const w of type.warnings) input.warn(`${where}: ${w}`);
    if (raw.get !== undefined && typeof raw.get !== 'function') fail(`attribute "${name}": get must be a function`);
    if (raw.set !== undefined && typeof raw.set !== 'function') fail(`attribute "${name}": set must be a function`);
    if (type instanceof VirtualType) {
      const extra = Object.keys(raw).filter((k) => k !== 'type' && k !== 'get' && k !== 'set' && k !== 'validate');
      if (extra.length > 0) fail(`VIRTUAL attribute "${name}" has no column, so it cannot take ${extra.join(', ')}`);
      virtuals.push(Object.freeze({ name, key: Symbol(name), getter: raw.get, setter: raw.set, dependencies: type.dependencies }));
      continue;
    }
    if (raw.type !== undefined && input.decorated.has(name) && !standard.has(name)) {
      const mismatch = designMismatch(designTypeOf(prototype, name), type);
      if (mismatch) input.warn(`${where}: ${mismatch}`);
    }
    if (input.bigint === 'number' && type instanceof BigIntType) {
      // A copy: the same DataType object may serve a Database in another mode.
      const safe = new BigIntType();
      safe.safeIntegersOnly = true;
      type = safe;
    }
    const column = raw.field ?? (underscored ? underscore(name) : name);
    guard(`attribute "${name}"`, () => checkIdentifier(column));
    if (seenColumns.has(column)) fail(`two attributes map to the column "${column}"`);
    seenColumns.add(column);

    type = nameEnums(type, tableName, column, schema, enums, enumNames);
    collectExtensions(type, extensions);

    const isTimestamp = name === createdAtName ? 'createdAt' : name === updatedAtName ? 'updatedAt' : undefined;
    if (isTimestamp && !(type instanceof DateType)) fail(`the ${isTimestamp} attribute "${name}" must be a DATE`);
    const autoIncrement = raw.autoIncrement ?? false;
    if (autoIncrement && !(type instanceof IntegerType || type instanceof BigIntType)) fail(`attribute "${name}": autoIncrement needs an INTEGER, SMALLINT or BIGINT column, not ${type.key}`);
    const primaryKey = raw.primaryKey ?? false;
    const allowNull = primaryKey || isTimestamp ? false : raw.allowNull ?? true;
    const def = raw.defaultValue !== undefined ? guard(`attribute "${name}"`, () => normaliseDefault(raw.defaultValue, type, where)) : undefined;
    if (def && autoIncrement) fail(`attribute "${name}" cannot have both autoIncrement and a defaultValue`);
    if (name === deletedAtName && (!(type instanceof DateType) || !allowNull)) fail(`the deletedAt attribute "${name}" must be a DATE that allows null`);
    const validation = raw.validate !== undefined ? guard(`attribute "${name}"`, () => compileAttributeValidation(raw.validate)) : undefined;
    let references: AttributeDefinition['references'];
    if (raw.references) {
      const target = input.resolveReference(raw.references.model);
      const key = raw.references.key;
      references = Object.freeze({ model: target.modelName, table: target.table, column: key ? () => key : target.key, onDelete: raw.onDelete, onUpdate: raw.onUpdate });
      dependsOn.add(target.modelName);
    }
    const deferred = deferDate(type, raw, name, ownFields);
    attributes.push(Object.freeze({
      name, column, quotedColumn: quoteIdent(column), position: attributes.length, type,
      snapshotKind: type.snapshotKind === 'date' ? SnapshotKind.Date : type.snapshotKind === 'custom' ? SnapshotKind.Custom : SnapshotKind.Plain,
      allowNull, primaryKey, autoIncrement, unique: (raw.unique as boolean | string | undefined) ?? false,
      defaultValue: def?.defaultValue, sqlDefault: def?.sqlDefault, comment: raw.comment, references, timestamp: isTimestamp,
      validation, uniqueMessage: spellings.uniqueMessages.get(name),
      deferred,
      key: raw.get !== undefined || raw.set !== undefined || deferred ? Symbol(name) : name, getter: raw.get, setter: raw.set,
    }));
  }

  const byName: Record<string, AttributeDefinition> = Object.create(null);
  const byColumn: Record<string, AttributeDefinition> = Object.create(null);
  for (const a of attributes) {
    byName[a.name] = a;
    byColumn[a.column] = a;
  }

  const indexes: IndexDefinition[] = [];
  const indexOptions = [...spellings.indexes, ...(merged.indexes ?? [])];
  for (const [key, entry] of input.decoratorIndexes ?? []) {
    indexOptions.push({ name: key.startsWith('\u0000') ? undefined : key, fields: entry.attributes, unique: entry.unique });
  }
  for (const idx of indexOptions) {
    const { columns, terms, using } = resolveIndexFields(idx, byName, byColumn, fail, (m) => input.warn(`${modelName}: ${m}`));
    const name = idx.name ?? indexNameFor(tableName, columns, idx.unique);
    guard(`index "${name}"`, () => checkIdentifier(name));
    indexes.push(Object.freeze({ name, columns: Object.freeze(columns), unique: idx.unique ?? false, terms: terms && Object.freeze(terms), using }));
  }

  for (const v of virtuals) {
    for (const d of v.dependencies) if (byName[d] === undefined) fail(`VIRTUAL attribute "${v.name}" depends on "${d}", which is not an attribute`);
    if (byName[v.name] !== undefined) fail(`"${v.name}" is declared twice`);
  }
  const primaryKeys = attributes.filter((a) => a.primaryKey);
  const definition: ModelDefinition = Object.freeze({
    modelName, tableName, schema, qualifiedTable,
    attributes: Object.freeze(attributes),
    byName: Object.freeze(byName), byColumn: Object.freeze(byColumn),
    primaryKeys: Object.freeze(primaryKeys),
    createdAt: createdAtName ? byName[createdAtName] : undefined,
    updatedAt: updatedAtName ? byName[updatedAtName] : undefined,
    withDefaults: Object.freeze(attributes.filter((a) => a.defaultValue !== undefined)),
    selectList: attributes.map((a) => a.quotedColumn).join(', '),
    indexes: Object.freeze(indexes),
    enums: Object.freeze(enums),
    enumNames: Object.freeze(enumNames.map((e) => Object.freeze(e))),
    constraintNames: constraintNamesFor(tableName, attributes),
    extensions: Object.freeze([...extensions]),
    comment: merged.comment,
    dependsOn: Object.freeze([...dependsOn]),
    indexOptions: Object.freeze(indexOptions),
    initInstance: instanceInitializer(attributes),
    modelValidators: lifecycle.modelValidators,
    validates: lifecycle.modelValidators.length > 0 || attributes.some((a) => a.validation !== undefined),
    hooks: lifecycle.hooks,
    deletedAt: deletedAtName !== undefined ? byName[deletedAtName] : undefined,
    defaultScope: lifecycle.defaultScope,
    scopes: lifecycle.scopes,
    virtuals: Object.freeze(virtuals),
    ...modelCallOptions(merged, fail),
  });
  // Names sync would create twice fail here, at registration, not late in sync.
  checkOwnNames(definition);
  return definition;
}

/**
 * Whether a DATE attribute's Date is made on first read (AttributeDefinition.deferred):
 * not with get/set, and not when a class field makes it an own property of every
 * instance, which would hide the accessor.
 */
function deferDate(type: DataType, raw: { get?: unknown; set?: unknown }, name: string, ownFields: () => ReadonlySet<string> | undefined): boolean {
  if (type.snapshotKind !== 'date' || raw.get !== undefined || raw.set !== undefined) return false;
  const own = ownFields();
  return own !== undefined && !own.has(name);
}

/**
 * The own properties a model's instances get from its class fields (declared with `!` or
 * an initializer); undefined when constructing one throws (then nothing is deferred).
 */
function classFields(modelClass: Function): ReadonlySet<string> | undefined {
  try {
    return new Set(Object.getOwnPropertyNames(new (modelClass as new () => object)()));
  } catch {
    return undefined;
  }
}

/** See ModelDefinition.initInstance. Names enter the source only through JSON.stringify. */
function instanceInitializer(attributes: readonly AttributeDefinition[]): (instance: object) => void {
  const body = attributes.map((a, i) => (typeof a.key === 'symbol' ? `o[K[${i}]] = undefined;` : `o[${JSON.stringify(a.name)}] = undefined;`)).join('\n');
  const keys = attributes.map((a) => a.key);
  return new Function('K', `return function init(o) {\n${body}\n}`)(keys) as (instance: object) => void;
}

function reorderFirst(map: Map<string, AttributeOptions>, key: string, value: AttributeOptions): void {
  const rest = [...map];
  map.clear();
  map.set(key, value);
  for (const [k, v] of rest) map.set(k, v);
}

/**
 * Gives each ENUM (also inside ARRAY) its type name: `enum_<table>_<column>`, as Sequelize
 * does; past 63 bytes, cut with a hash suffix like every generated name (limitIdentifier).
 */
function nameEnums(type: DataType, table: string, column: string, schema: string | undefined, out: EnumType[], names: { name: string; column: string }[]): DataType {
  if (type instanceof EnumType) {
    const bare = limitIdentifier(`enum_${table}_${column}`, '');
    const named = type.named(quoteTable(bare, schema));
    out.push(named);
    names.push({ name: bare, column });
    return named;
  }
  if (type instanceof ArrayType && type.element instanceof EnumType) return new ArrayType(nameEnums(type.element, table, column, schema, out, names));
  return type;
}

function collectExtensions(type: DataType, out: Set<string>): void {
  const t = type instanceof ArrayType ? type.element : type;
  if (t instanceof HstoreType) out.add('hstore');
  if (t instanceof CitextType) out.add('citext');
}

/** Parses `define`/`init` attribute input into per-attribute options. */
export function attributesFromInput(modelName: string, input: AttributesInput): Map<string, AttributeOptions> {
  const out = new Map<string, AttributeOptions>();
  if (input === null || typeof input !== 'object') throw new DefinitionError(`Model ${modelName}: attributes must be an object`);
  for (const name of Object.keys(input)) {
    const v = input[name];
    if (v instanceof DataType || typeof v === 'function') out.set(name, { type: v as AttributeOptions['type'] });
    else if (v !== null && typeof v === 'object') out.set(name, { ...(v as AttributeOptions) });
    else throw new DefinitionError(`Model ${modelName}: attribute "${name}" must be a DataType or an options object`);
  }
  return out;
}
