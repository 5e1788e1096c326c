import { DefinitionError } from '../errors';
import { bindingOf } from '../instance/binding';
import type { AttributeDefinition, ModelDefinition } from '../metadata/definition';
import type { AttributeOptions } from '../metadata/options';
import { limitIdentifier } from '../sql/quote';
import { installAccessors } from './accessors';
import { camelJoin, pluralOf, singularOf } from './naming';
import { associationsOf, recordAssociation } from './registry';
import type { Association, AssociationHost, AssociationKind, AssociationOptions, BelongsToManyOptions, BelongsToOptions, ForeignKeyOption, HasOneOptions, ReferentialActionOption } from './types';

const COMMON = ['as', 'foreignKey', 'onDelete', 'onUpdate', 'constraints'];
const KNOWN: Record<AssociationKind, readonly string[]> = {
  hasOne: [...COMMON, 'sourceKey'],
  hasMany: [...COMMON, 'sourceKey'],
  belongsTo: [...COMMON, 'targetKey'],
  belongsToMany: [...COMMON, 'through', 'otherKey', 'sourceKey', 'targetKey', 'timestamps'],
};

interface Sides {
  readonly kind: AssociationKind;
  readonly what: string;
  readonly source: Function;
  readonly target: Function;
  readonly sourceDef: ModelDefinition;
  readonly targetDef: ModelDefinition;
  readonly host: AssociationHost;
  readonly options: AssociationOptions & Record<string, unknown>;
}

function sides(kind: AssociationKind, source: Function, target: unknown, options: unknown): Sides {
  const sb = bindingOf(source);
  const what = `${sb.definition.modelName}.${kind}`;
  if (typeof target !== 'function') throw new DefinitionError(`${what}(target): the target must be a model class, got ${typeof target}`);
  const tb = bindingOf(target);
  if (tb.db !== sb.db) throw new DefinitionError(`${what}(${tb.definition.modelName}): both models must be registered with the same Database`);
  const o = (options ?? {}) as Sides['options'];
  if (typeof o !== 'object' || Array.isArray(o)) throw new DefinitionError(`${what}: options must be an object`);
  for (const k of Object.keys(o)) if (!KNOWN[kind].includes(k)) throw new DefinitionError(`${what}: unknown option ${JSON.stringify(k)}; the options are ${KNOWN[kind].join(', ')}`);
  return { kind, what, source, target, sourceDef: sb.definition, targetDef: tb.definition, host: sb.db as unknown as AssociationHost, options: o };
}

/** `as` and the accessor stems: a to-one alias is its own singular; a to-many one is singularised. */
function names(s: Sides, multiple: boolean): { as: string; singular: string; plural: string } {
  const as = s.options.as;
  if (as === undefined) {
    const m = s.targetDef.modelName;
    return multiple ? { as: pluralOf(m), singular: singularOf(m), plural: pluralOf(m) } : { as: m, singular: m, plural: pluralOf(m) };
  }
  if (typeof as === 'string' && as.length > 0) return multiple ? { as, singular: singularOf(as), plural: as } : { as, singular: as, plural: pluralOf(as) };
  if (as !== null && typeof as === 'object' && typeof as.singular === 'string' && typeof as.plural === 'string') return { as: multiple ? as.plural : as.singular, singular: as.singular, plural: as.plural };
  throw new DefinitionError(`${s.what}: as must be a non-empty string or { singular, plural }`);
}

function foreignKeyOption(s: Sides, option: ForeignKeyOption | undefined, key: string): { name?: string; allowNull?: boolean } {
  if (option === undefined) return {};
  if (typeof option === 'string' && option.length > 0) return { name: option };
  if (option !== null && typeof option === 'object' && !Array.isArray(option)) {
    for (const k of Object.keys(option)) if (k !== 'name' && k !== 'allowNull') throw new DefinitionError(`${s.what}: ${key} takes a name or { name, allowNull }; unknown key ${JSON.stringify(k)}`);
    if (option.name !== undefined && (typeof option.name !== 'string' || option.name.length === 0)) throw new DefinitionError(`${s.what}: ${key}.name must be a non-empty string`);
    if (option.allowNull !== undefined && typeof option.allowNull !== 'boolean') throw new DefinitionError(`${s.what}: ${key}.allowNull must be a boolean`);
    return option;
  }
  throw new DefinitionError(`${s.what}: ${key} takes an attribute name or { name, allowNull }`);
}

/** The single primary key's name (what default key names are built from), else the key used. */
function primaryKeyName(def: ModelDefinition, key: AttributeDefinition): string {
  return def.primaryKeys.length === 1 ? def.primaryKeys[0].name : key.name;
}

/** An attribute named by an option, or the single primary key. */
function keyAttribute(s: Sides, def: ModelDefinition, name: unknown, option: string): AttributeDefinition {
  if (name !== undefined) {
    const a = typeof name === 'string' ? def.byName[name] : undefined;
    if (!a) throw new DefinitionError(`${s.what}: ${option} ${JSON.stringify(name)} is not an attribute of ${def.modelName}`);
    return a;
  }
  if (def.primaryKeys.length !== 1) throw new DefinitionError(`${s.what}: ${def.modelName} has no single-column primary key; give ${option}`);
  return def.primaryKeys[0];
}

/**
 * The foreign-key attribute's options: the key's type, the constraint (unless
 * `constraints: false`), and Sequelize's default actions: ON DELETE SET NULL when the
 * key may be null (else CASCADE), ON UPDATE CASCADE.
 */
function foreignKeyAttribute(s: Sides, holder: ModelDefinition, name: string, key: AttributeDefinition, keyDef: ModelDefinition, fk: { allowNull?: boolean }, junction: boolean): AttributeOptions {
  const constraints = s.options.constraints ?? true;
  if (typeof constraints !== 'boolean') throw new DefinitionError(`${s.what}: constraints must be true or false`);
  const existing = holder.byName[name];
  const allowNull = fk.allowNull ?? (junction ? false : existing ? existing.allowNull : true);
  const out: AttributeOptions = { type: existing?.type ?? key.type, allowNull };
  if (constraints) {
    out.references = { model: keyDef.modelName, key: key.column };
    // An action given earlier (by the other side of a pair) is kept over this side's default.
    const before = existing?.references;
    out.onDelete = action(s, 'onDelete') ?? before?.onDelete as ReferentialActionOption ?? (junction ? 'CASCADE' : allowNull ? 'SET NULL' : 'CASCADE');
    out.onUpdate = action(s, 'onUpdate') ?? before?.onUpdate as ReferentialActionOption ?? 'CASCADE';
  }
  return out;
}

const ACTIONS = new Set(['CASCADE', 'SET NULL', 'RESTRICT', 'NO ACTION', 'SET DEFAULT']);

function action(s: Sides, option: 'onDelete' | 'onUpdate'): ReferentialActionOption | undefined {
  const v = s.options[option];
  if (v === undefined) return undefined;
  const upper = typeof v === 'string' ? v.toUpperCase().replace(/\s+/g, ' ').trim() : '';
  if (!ACTIONS.has(upper)) throw new DefinitionError(`${s.what}: ${option} must be one of ${[...ACTIONS].join(', ')}, got ${JSON.stringify(v)}`);
  return upper as ReferentialActionOption;
}

function finish(s: Sides, a: Association): Association {
  if (s.sourceDef.byName[a.as] !== undefined) throw new DefinitionError(`${s.what}: the alias "${a.as}" is also an attribute of ${s.sourceDef.modelName}; choose another as`);
  if (associationsOf(s.source).has(a.as)) throw new DefinitionError(`${s.what}: ${s.sourceDef.modelName} already has an association named "${a.as}"`);
  const frozen = Object.freeze(a);
  installAccessors(frozen);
  recordAssociation(frozen);
  return frozen;
}

/** `User.hasOne(Profile)`: the key lives on the target (`Profile.UserId`). */
export function hasOne(source: Function, target: Function, options?: HasOneOptions): Association {
  return hasSome('hasOne', source, target, options);
}

/** `User.hasMany(Post, { foreignKey: 'authorId', as: 'posts' })`: the key lives on the target. */
export function hasMany(source: Function, target: Function, options?: HasOneOptions): Association {
  return hasSome('hasMany', source, target, options);
}

function hasSome(kind: 'hasOne' | 'hasMany', source: Function, target: Function, options?: HasOneOptions): Association {
  const s = sides(kind, source, target, options);
  const multiple = kind === 'hasMany';
  const n = names(s, multiple);
  const sourceKey = keyAttribute(s, s.sourceDef, s.options.sourceKey, 'sourceKey');
  const fk = foreignKeyOption(s, s.options.foreignKey, 'foreignKey');
  // As Sequelize: named after the source's primary key even when sourceKey is another attribute.
  const foreignKey = fk.name ?? camelJoin(singularOf(s.sourceDef.modelName), primaryKeyName(s.sourceDef, sourceKey));
  s.host.extendModel(target, { [foreignKey]: foreignKeyAttribute(s, s.targetDef, foreignKey, sourceKey, s.sourceDef, fk, false) }, [foreignKey]);
  return finish(s, { kind, source, target, ...n, foreignKey, sourceKey: sourceKey.name, targetKey: foreignKey, isMultiple: multiple });
}

/** `Post.belongsTo(User, { foreignKey: 'authorId', as: 'author' })`: the key lives on the source. */
export function belongsTo(source: Function, target: Function, options?: BelongsToOptions): Association {
  const s = sides('belongsTo', source, target, options);
  const n = names(s, false);
  const targetKey = keyAttribute(s, s.targetDef, s.options.targetKey, 'targetKey');
  const fk = foreignKeyOption(s, s.options.foreignKey, 'foreignKey');
  const foreignKey = fk.name ?? camelJoin(n.as, primaryKeyName(s.targetDef, targetKey));
  s.host.extendModel(source, { [foreignKey]: foreignKeyAttribute(s, s.sourceDef, foreignKey, targetKey, s.targetDef, fk, false) }, [foreignKey]);
  return finish(s, { kind: 'belongsTo', source, target, ...n, foreignKey, sourceKey: foreignKey, targetKey: targetKey.name, isMultiple: false });
}

/**
 * `Post.belongsToMany(Tag, { through: 'PostTags' })`: a junction with a key to each side
 * (ON DELETE/UPDATE CASCADE). A junction defined here, or a through model without a primary
 * key of its own, gets the pair as its primary key; a through model with its own key gets
 * a unique constraint over the pair.
 */
export function belongsToMany(source: Function, target: Function, options: BelongsToManyOptions): Association {
  const s = sides('belongsToMany', source, target, options);
  const n = names(s, true);
  const through = junctionOf(s);
  const junctionDef = bindingOf(through).definition;
  const sourceKey = keyAttribute(s, s.sourceDef, s.options.sourceKey, 'sourceKey');
  const targetKey = keyAttribute(s, s.targetDef, s.options.targetKey, 'targetKey');
  const fk = foreignKeyOption(s, s.options.foreignKey, 'foreignKey');
  const ok = foreignKeyOption(s, s.options.otherKey as ForeignKeyOption | undefined, 'otherKey');
  const self = source === target;
  const foreignKey = fk.name ?? camelJoin(singularOf(s.sourceDef.modelName), sourceKey.name);
  const otherKey = ok.name ?? camelJoin(self ? n.singular : singularOf(s.targetDef.modelName), targetKey.name);
  if (foreignKey === otherKey) throw new DefinitionError(`${s.what}: foreignKey and otherKey are both "${foreignKey}"; name them apart (a self-association needs as or otherKey)`);
  const a = foreignKeyAttribute(s, junctionDef, foreignKey, sourceKey, s.sourceDef, fk, true);
  const b = foreignKeyAttribute(s, junctionDef, otherKey, targetKey, s.targetDef, ok, true);
  const pks = junctionDef.primaryKeys.map((p) => p.name).sort().join(',');
  // An auto-added `id` (or the pair itself, from the reverse association) gives way to the pair.
  const pairIsKey = pks === 'id' ? junctionDef.primaryKeys[0].autoIncrement : pks === [foreignKey, otherKey].sort().join(',');
  if (!pairIsKey) a.unique = b.unique = limitIdentifier(`${junctionDef.tableName}_${foreignKey}_${otherKey}`, 'unique');
  else a.primaryKey = b.primaryKey = true;
  s.host.extendModel(through, { [foreignKey]: a, [otherKey]: b }, [foreignKey, otherKey]);
  return finish(s, { kind: 'belongsToMany', source, target, ...n, foreignKey, otherKey, through, sourceKey: sourceKey.name, targetKey: targetKey.name, isMultiple: true });
}

function junctionOf(s: Sides): Function {
  let t = s.options.through as BelongsToManyOptions['through'] | undefined;
  if (t !== null && typeof t === 'object' && !Array.isArray(t)) {
    for (const k of Object.keys(t)) if (k !== 'model') throw new DefinitionError(`${s.what}: through takes a table name, a model, or { model }; unknown key ${JSON.stringify(k)}`);
    t = t.model;
  }
  if (typeof t === 'function') {
    if (bindingOf(t).db !== bindingOf(s.source).db) throw new DefinitionError(`${s.what}: the through model must be registered with the same Database`);
    return t;
  }
  const timestamps = s.options.timestamps;
  if (timestamps !== undefined && (typeof timestamps !== 'boolean' || typeof t !== 'string')) throw new DefinitionError(`${s.what}: timestamps (true or false) applies to a junction defined by name (through: 'Name')`);
  if (typeof t === 'string' && t.length > 0) return s.host.registeredModel(t) ?? s.host.defineJunction(t, timestamps as boolean | undefined);
  throw new DefinitionError(`${s.what} needs through: a junction table name or a model`);
}
