import type { AttributeOptions, ModelOptions } from './options';

/** What the decorators recorded on one class, as given (normalised later, once). */
export interface RawModelMetadata {
  /** Attribute name → options merged from every attribute decorator on that property. */
  readonly attributes: Map<string, AttributeOptions>;
  /** Options from `@Table`, `@FreezeTableName`, `@Timestamps`. */
  model: ModelOptions;
  /** Properties marked `@CreatedAt` / `@UpdatedAt`. */
  createdAtProperty?: string;
  updatedAtProperty?: string;
  /** `@Index` on properties: index name (or a generated key) → attribute names. */
  readonly indexes: Map<string, { unique: boolean; attributes: string[] }>;
  /** `@HasMany(() => Post, …)` and the others, in declaration order; defined once both models are registered. */
  readonly associations: RawAssociation[];
  /** `@ForeignKey(() => User)`: attribute → the model it points at. */
  readonly foreignKeys: Map<string, () => Function>;
}

/** One association decorator, as written. The target is a thunk, called only once models are registered. */
export interface RawAssociation {
  readonly kind: 'hasOne' | 'belongsTo' | 'hasMany' | 'belongsToMany';
  readonly property: string;
  readonly target: () => Function;
  readonly options: Record<string, unknown>;
}

const store = new WeakMap<Function, RawModelMetadata>();

/** The decorators' only write path: the metadata of `target` (a class), created on first use. */
export function rawMetadataFor(target: Function): RawModelMetadata {
  let meta = store.get(target);
  if (!meta) {
    meta = { attributes: new Map(), model: {}, indexes: new Map(), associations: [], foreignKeys: new Map() };
    store.set(target, meta);
  }
  return meta;
}

/** The metadata recorded on `target` itself, if any (not its parents). */
export function ownRawMetadata(target: Function): RawModelMetadata | undefined {
  return store.get(target);
}

/** Merges one attribute decorator's options into the property's record. */
export function recordAttribute(target: Function, property: string, options: AttributeOptions): void {
  const meta = rawMetadataFor(target);
  const current = meta.attributes.get(property);
  meta.attributes.set(property, current ? { ...current, ...options } : { ...options });
}
