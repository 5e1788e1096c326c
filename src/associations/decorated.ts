import { DefinitionError } from '../errors';
import { BINDING } from '../instance/binding';
import type { ModelBinding } from '../instance/binding';
import type { AttributeOptions, IndexOptions } from '../metadata/options';
import { ownRawMetadata } from '../metadata/registry';
import type { RawAssociation } from '../metadata/registry';
import { belongsTo, belongsToMany, hasMany, hasOne } from './define';

interface Entry { readonly source: Function; readonly raw: RawAssociation }

/** The association decorators on `model` and its parent classes, parents first. */
export function pendingOf(model: Function): RawAssociation[] {
  const chain: Function[] = [];
  for (let c: Function | null = model; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) chain.unshift(c);
  return chain.flatMap((c) => ownRawMetadata(c)?.associations ?? []);
}

function registered(model: unknown, db: unknown): boolean {
  const b = typeof model === 'function' ? (model as { [BINDING]?: ModelBinding })[BINDING] : undefined;
  return b !== undefined && b.model === model && b.db === db;
}

/** The attribute of `holder` marked `@ForeignKey(() => to)`, when exactly one is. */
function markedKey(holder: Function, to: Function): string | undefined {
  const found: string[] = [];
  for (let c: Function | null = holder; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    for (const [name, thunk] of ownRawMetadata(c)?.foreignKeys ?? []) if (thunk() === to && !found.includes(name)) found.push(name);
  }
  return found.length === 1 ? found[0] : undefined;
}

/**
 * Association decorators wait until the models they name are registered with the same
 * Database (the target thunk is called then, never at decoration time), and are defined
 * in declaration order once they can be.
 */
export class PendingAssociations {
  readonly #seen = new WeakSet<Function>();
  #entries: Entry[] = [];

  known(model: Function): boolean {
    return this.#seen.has(model);
  }

  add(model: Function, raws: readonly RawAssociation[]): void {
    this.#seen.add(model);
    for (const raw of raws) this.#entries.push({ source: model, raw });
  }

  /** Defines every waiting association whose models are all registered now. */
  resolve(_models: readonly Function[]): void {
    // Defining one can register a junction model, which calls back here: the running loop
    // goes on instead, so associations are defined once and in declaration order.
    if (this.#resolving) return;
    this.#resolving = true;
    try {
      this.#resolveAll();
    } finally {
      this.#resolving = false;
    }
  }

  #resolving = false;

  #resolveAll(): void {
    let progress = true;
    while (progress && this.#entries.length > 0) {
      progress = false;
      for (const e of [...this.#entries]) {
        const db = (e.source as { [BINDING]?: ModelBinding })[BINDING]?.db;
        const target = e.raw.target();
        const thunk = e.raw.options.throughThunk as (() => Function) | undefined;
        const through = thunk?.();
        if (!registered(target, db) || (thunk && !registered(through, db))) continue;
        this.#entries = this.#entries.filter((x) => x !== e);
        define(e, target, through);
        progress = true;
      }
    }
  }
}

function define(e: Entry, target: Function, through: Function | undefined): void {
  const { throughThunk: _t, ...rest } = e.raw.options;
  const options: Record<string, unknown> = { ...rest, as: e.raw.property };
  try {
    switch (e.raw.kind) {
      case 'belongsTo':
        options.foreignKey ??= markedKey(e.source, target);
        return void belongsTo(e.source, target, options);
      case 'hasOne':
      case 'hasMany':
        options.foreignKey ??= markedKey(target, e.source);
        return void (e.raw.kind === 'hasOne' ? hasOne : hasMany)(e.source, target, options);
      case 'belongsToMany':
        if (through) {
          options.through = through;
          options.foreignKey ??= markedKey(through, e.source);
          if (e.source !== target) options.otherKey ??= markedKey(through, target);
        }
        return void belongsToMany(e.source, target, options as never);
    }
  } catch (err) {
    if (err instanceof DefinitionError) throw new DefinitionError(`@${e.raw.kind[0].toUpperCase()}${e.raw.kind.slice(1)} on ${e.source.name}.${e.raw.property}: ${err.message}`);
    throw err;
  }
}

/**
 * The model's indexes plus one per foreign key an association added, unless an index (or
 * the primary key) already leads with that attribute.
 */
export function withKeyIndexes(indexes: IndexOptions[] | undefined, keys: readonly string[], attrs: ReadonlyMap<string, AttributeOptions>, decorated: ReadonlyMap<string, { attributes: string[] }>): IndexOptions[] {
  const out = [...(indexes ?? [])];
  const firstPk = [...attrs].find(([, o]) => o.primaryKey)?.[0];
  const leads = (k: string) => k === firstPk || out.some((i) => i.fields[0] === k) || [...decorated.values()].some((i) => i.attributes[0] === k);
  for (const k of keys) if (!leads(k)) out.push({ fields: [k] });
  return out;
}
