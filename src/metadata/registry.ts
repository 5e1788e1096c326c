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
  /** The property marked `@DeletedAt`. */
  deletedAtProperty?: string;
  /** Hooks from `@BeforeCreate` … decorators, by hook name. */
  readonly hooks: Map<string, ((...args: any[]) => unknown)[]>;
  /** `@Index` on properties: index name (or a generated key) → attribute names. */
  readonly indexes: Map<string, { unique: boolean; attributes: string[] }>;
  /**
   * Attributes declared by standard (TC39) decorators. They have no `design:type`: their
   * type is given, or read from the field's initializer at registration.
   */
  readonly standard: Set<string>;
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

/**
 * Keyed by the class (experimentalDecorators, and class decorators) or by the decorator
 * metadata object of the class (standard field decorators, which never see the class).
 */
const store = new WeakMap<object, RawModelMetadata>();

// `Symbol.metadata` (TC39 decorator metadata). Node 20 lacks it, and TypeScript's decorator
// helpers only give decorators a `context.metadata` object when it exists, so it is installed
// here, before any model class is evaluated (the class imports its decorators from us).
// `Symbol.for('Symbol.metadata')` is the symbol esbuild's helpers fall back to.
if ((Symbol as { metadata?: symbol }).metadata === undefined) {
  Object.defineProperty(Symbol, 'metadata', { value: Symbol.for('Symbol.metadata'), configurable: true });
}

/** `Symbol.metadata`: the key of a standard-decorated class's metadata object. */
export const METADATA: symbol = (Symbol as unknown as { metadata: symbol }).metadata;

/** The decorators' only write path: the metadata recorded under `key` (a class or a decorator metadata object), created on first use. */
export function rawMetadataFor(key: object): RawModelMetadata {
  let meta = store.get(key);
  if (!meta) {
    meta = { attributes: new Map(), model: {}, indexes: new Map(), standard: new Set(), hooks: new Map(), associations: [], foreignKeys: new Map() };
    store.set(key, meta);
  }
  return meta;
}

/** A class decorated under the standard protocol: its class decorators and field decorators share one record. */
export function linkClass(target: Function, meta: RawModelMetadata): void {
  store.set(target, meta);
}

/** The metadata recorded on `target` itself, if any (not its parents), under either protocol. */
export function ownRawMetadata(target: Function): RawModelMetadata | undefined {
  const own = store.get(target);
  if (own) return own;
  // Standard decorators: the class's own metadata object (a subclass's inherits from its parent's).
  if (!Object.hasOwn(target, METADATA)) return undefined;
  const md = (target as unknown as Record<symbol, unknown>)[METADATA];
  return md !== null && typeof md === 'object' ? store.get(md) : undefined;
}

/** Merges one attribute decorator's options into the property's record. */
export function recordAttribute(meta: RawModelMetadata, property: string, options: AttributeOptions): void {
  const current = meta.attributes.get(property);
  meta.attributes.set(property, current ? { ...current, ...options } : { ...options });
}
