import type { Executor } from '../driver/executor';
import { UsageError } from '../errors';
import type { ModelDefinition } from '../metadata/definition';
import { quoteIdent } from '../sql/quote';
import type { ParserTables } from '../types/parsers';
import { OID } from '../types/parsers';
import { BooleanType, CitextType, FloatType, IntegerType, StringType, TextType, UuidType } from '../types';
import type { DataType } from '../types';
import { FIRST_DYNAMIC_OID } from '../types/catalog-parsers';
import type { IncludeNode } from './include-tree';
import { compileLevel, hydrateLevel } from './include-level';
import type { CompiledLevel, Lateral, Level, Loaded, Part } from './include-level';
import { linkCondition, nodeConditions, throughJoin } from './include-where';
import { qualified } from './qualified';

type Instance = Record<string, unknown>;
type Parse = ((text: string) => unknown) | undefined;

/**
 * `strategy: 'lateral'`: an include's rows for one parent row, as one JSON value of the
 * parent's statement — `LEFT JOIN LATERAL (SELECT json_agg(json_build_array(<columns>::text, …)
 * ORDER BY …) AS "j" FROM … WHERE <link> AND <where> LIMIT …) AS "posts" ON true`. Its rows are
 * compiled as a level of their own: to-one includes under it are joined inside, lateral
 * ones nest, a belongsToMany reads its junction in the FROM.
 */
export function compileLateral(node: IncludeNode, parentDef: ModelDefinition, parentAlias: string, values: unknown[], what: string): Lateral {
  const conditions = [linkCondition(node, parentDef, parentAlias)];
  const own = nodeConditions(node, values, what);
  if (own !== '') conditions.push(own);
  const t = node.through;
  const level: Level = {
    def: node.def, model: node.model, alias: node.alias, selection: node.selection, nodes: node.children, conditions,
    order: node.order.length > 0 ? node.order : undefined, limit: node.limit, json: true,
    from: t === undefined ? undefined : `${t.def.qualifiedTable} AS ${quoteIdent(t.alias)} ${throughJoin(node)}`,
    junction: t === undefined ? undefined : node,
  };
  return { level, compiled: compileLevel(level, values, what) };
}

/**
 * Decodes one lateral part of every row (`values[r]`: the JSON text from the driver, or the
 * array a lateral above already decoded), turns each text value into what the driver gives for its
 * column (that column's parser, as found by its type OID), and hydrates all parents'
 * rows in one batch; each parent gets its list (or, to-one, its instance or null). With
 * `once`, rows repeat their parents (a joined to-many above): each parent is read once.
 */
export function hydrateLateral(pt: Part, parents: readonly (object | null)[], values: readonly unknown[], tables: ParserTables, once: boolean): Loaded {
  const { level, compiled } = pt.lateral!;
  const node = pt.node!;
  const as = node.as;
  const many = node.assoc.isMultiple;
  const parse = columnParsers(tables, compiled);
  const width = parse.length;
  const children: unknown[][] = [];
  const owners: Instance[] = [];
  const seen = once ? new Set<object>() : undefined;
  for (let r = 0; r < values.length; r++) {
    const parent = parents[r] as Instance | null;
    if (parent === null) continue;
    if (seen !== undefined) {
      if (seen.has(parent)) continue;
      seen.add(parent);
    }
    parent[as] = many ? [] : null;
    let v = values[r];
    if (v === null) continue;
    if (typeof v === 'string') v = JSON.parse(v);
    const list = v as unknown[][];
    for (let i = 0; i < list.length; i++) {
      const row = list[i];
      for (let c = 0; c < width; c++) {
        const f = parse[c];
        if (f !== undefined && row[c] !== null) row[c] = f(row[c] as string);
      }
      children.push(row);
      owners.push(parent);
    }
  }
  const loaded = hydrateLevel(level, compiled, children, tables);
  const own = loaded.instances[0];
  for (let i = 0; i < own.length; i++) {
    if (many) (owners[i][as] as object[]).push(own[i]!);
    else if (owners[i][as] === null) owners[i][as] = own[i];
  }
  return loaded;
}

/**
 * Types whose JSON form is exactly what their parser makes of their text (a JSON number for
 * INTEGER, true/false, a JSON string for text and UUID), so they skip the `::text` cast and the
 * parser; a float's NaN/Infinity arrive as strings and are parsed. The column types they
 * may be (OIDs) are checked when the parsers are built. undefined: cast to text, parse.
 */
const NATIVE: readonly [Function, readonly number[]][] = [
  [IntegerType, [OID.int2, OID.int4]], [BooleanType, [OID.bool]], [StringType, [OID.varchar, OID.text]],
  [CitextType, []], [TextType, [OID.text, OID.varchar]], [UuidType, [OID.uuid]], [FloatType, [OID.float4, OID.float8]],
];

export function jsonKind(type: DataType): readonly number[] | undefined {
  for (const [T, oids] of NATIVE) if (type instanceof T) return oids;
  return undefined;
}

/**
 * The select expression of one column in a lateral include's JSON rows: a native type as
 * itself, any other as its text (parsed as its column's driver value would be). An integer is
 * cast to its declared type: column types are read once per Database, so a column another
 * connection widened afterwards (INTEGER to BIGINT) would otherwise reach the JSON as a number
 * JavaScript rounds; cast, a value INTEGER cannot hold is a server error (22003).
 */
export function jsonColumn(column: string, type: DataType): string {
  if (jsonKind(type) === undefined) return `${column}::text`;
  return type instanceof IntegerType ? `${column}::${type.toSql()}` : column;
}

const numberOrText = (v: unknown): unknown => (typeof v === 'number' ? v : parseFloat(v as string));

/** Per Database (its parser tables) and model: each attribute's column type OID, by position. */
const known = new WeakMap<ParserTables, WeakMap<ModelDefinition, { readonly oids: readonly number[] }>>();
/** Per Database: the parsers of each JSON column position of a compiled lateral level. */
const byLevel = new WeakMap<ParserTables, WeakMap<CompiledLevel, readonly Parse[]>>();

/**
 * The parser of every column of a lateral level's JSON rows: its attribute's parser for
 * plain columns, none for a nested lateral's JSON (already decoded). Built once per level.
 */
function columnParsers(tables: ParserTables, compiled: CompiledLevel): readonly Parse[] {
  let cache = byLevel.get(tables);
  if (cache === undefined) byLevel.set(tables, (cache = new WeakMap()));
  let out = cache.get(compiled);
  if (out !== undefined) return out;
  const list: Parse[] = new Array(compiled.width).fill(undefined);
  for (const pt of compiled.parts) {
    if (pt.lateral !== undefined) continue;
    const def = pt.node === null ? compiled.rootDef! : pt.junction ? pt.node.through!.def : pt.node.def;
    const types = known.get(tables)?.get(def);
    if (types === undefined) throw new Error(`Inscribe: the column types of ${def.modelName} were not read before hydrating a lateral include`);
    for (let k = 0; k < pt.attrs.length; k++) {
      const a = pt.attrs[k];
      const oid = types.oids[a.position];
      const native = jsonKind(a.type);
      if (native === undefined) list[pt.start + k] = tables.model[oid];
      else if (native.includes(oid) || (native.length === 0 && oid >= FIRST_DYNAMIC_OID)) list[pt.start + k] = a.type instanceof FloatType ? numberOrText as Parse : undefined;
      else throw new UsageError(`${def.modelName}.${a.name} is declared ${a.type.toSql()} but its column has another type (OID ${oid}); sync the model, or load this include with strategy: 'separate'`);
    }
  }
  cache.set(compiled, (out = list));
  return out;
}

/**
 * Reads, once per Database and model, the type OID of each column (the fields of a
 * `SELECT … WHERE false`): a value that arrives as text takes the parser the driver would
 * apply to that OID, from the same table model rows use. Types whose OIDs differ per database (enums, HSTORE, CITEXT and
 * their arrays) have no entry there, as for model rows: their text goes to the type's
 * `fromDriver`, exactly as on the row path. Resolves every model under the lateral parts of
 * `compiled`.
 */
export async function readColumnTypes(ex: Executor, compiled: CompiledLevel): Promise<void> {
  const defs = new Set<ModelDefinition>();
  collect(compiled, false, defs);
  if (defs.size === 0) return;
  let cache = known.get(ex.parsers);
  if (cache === undefined) known.set(ex.parsers, (cache = new WeakMap()));
  for (const def of defs) {
    if (cache.has(def)) continue;
    const view = qualified(def, def.modelName);
    const result = await ex.run({ text: `SELECT ${view.attributes.map((a) => a.quotedColumn).join(', ')} FROM ${def.qualifiedTable} AS ${quoteIdent(def.modelName)} WHERE false`, values: [] }, 'array', def);
    cache.set(def, { oids: result.fields.map((f) => f.dataTypeID) });
  }
  // A column whose type is not the declared one is refused now, before the statement runs.
  checkLaterals(ex.parsers, compiled);
}

/** Builds (and so checks against the column types) the parsers of every lateral level under `compiled`. */
function checkLaterals(tables: ParserTables, compiled: CompiledLevel): void {
  for (const pt of compiled.parts) {
    if (pt.lateral === undefined) continue;
    columnParsers(tables, pt.lateral.compiled);
    checkLaterals(tables, pt.lateral.compiled);
  }
}

/** After DDL (which may change column types): the column types are read again on next use. */
export function forgetColumnTypes(tables: ParserTables): void {
  known.delete(tables);
  byLevel.delete(tables);
}

/** The models of every lateral level under `compiled` (inside: its own rows, its joined parts, its junction). */
function collect(compiled: CompiledLevel, inside: boolean, out: Set<ModelDefinition>): void {
  for (const pt of compiled.parts) {
    if (pt.lateral !== undefined) {
      collect(pt.lateral.compiled, true, out);
      continue;
    }
    if (!inside) continue;
    out.add(pt.node === null ? compiled.rootDef! : pt.junction ? pt.node.through!.def : pt.node.def);
  }
}

/** Whether any include under this level is lateral (the column types must then be known). */
export function hasLateral(compiled: CompiledLevel): boolean {
  for (const pt of compiled.parts) if (pt.lateral !== undefined) return true;
  return false;
}
