import type { ParserTable } from '../driver/driver';
import { parseArrayLiteral } from './array-literal';
import { parseTimestamp } from './timestamp-parser';

/** How BIGINT (int8) values are read: the Database option `bigint`. */
export type BigIntMode = 'string' | 'bigint' | 'number';

const identity = (s: string): string => s;
const parseBool = (s: string): boolean => s === 't' || s === 'true';
const parseInt10 = (s: string): number => parseInt(s, 10);
const parseFloat10 = (s: string): number => parseFloat(s);
const parseBytea = (s: string): Buffer => {
  if (s.startsWith('\\x')) return Buffer.from(s.slice(2), 'hex');
  // 'escape' output format, in case bytea_output was changed on the server.
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '\\') out.push(s.charCodeAt(i));
    else if (s[i + 1] === '\\') { out.push(92); i++; }
    else { out.push(parseInt(s.slice(i + 1, i + 4), 8)); i += 3; }
  }
  return Buffer.from(out);
};

function int8Parser(mode: BigIntMode): (s: string) => unknown {
  if (mode === 'bigint') return (s) => BigInt(s);
  if (mode === 'number') {
    return (s) => {
      const n = Number(s);
      if (!Number.isSafeInteger(n)) throw new RangeError(`BIGINT value ${s} is past 2^53 and cannot be a JS number without losing digits; use the Database option bigint: 'string' or 'bigint'`);
      return n;
    };
  }
  return identity;
}

const arrayOf = (element: (s: string) => unknown) => (s: string): unknown[] => parseArrayLiteral(s, element);

/** OIDs of the built-in types whose values Inscribe reads (stable across PostgreSQL versions). */
export const OID = {
  bool: 16, bytea: 17, int8: 20, int2: 21, int4: 23, text: 25, oid: 26, json: 114, float4: 700,
  float8: 701, varchar: 1043, date: 1082, time: 1083, timestamp: 1114, timestamptz: 1184,
  numeric: 1700, uuid: 2950, jsonb: 3802,
} as const;

export interface ParserTables {
  /** Raw `db.query`: every value fully converted to its JS form. */
  readonly raw: Record<number, (text: string) => unknown>;
  /**
   * Model queries: JSON, JSONB (and HSTORE, whose OID is not fixed) stay as text; the
   * type's `fromDriver` parses them once for the instance while the snapshot keeps the text.
   */
  readonly model: ParserTable;
}

/** Both drivers use these tables, so both return the same JS value for every type. */
export function buildParsers(bigint: BigIntMode): ParserTables {
  const int8 = int8Parser(bigint);
  const json = (s: string): unknown => JSON.parse(s);
  const scalars: Record<number, (s: string) => unknown> = {
    [OID.bool]: parseBool, [OID.bytea]: parseBytea, [OID.int8]: int8, [OID.int2]: parseInt10,
    [OID.int4]: parseInt10, [OID.oid]: parseInt10, [OID.float4]: parseFloat10, [OID.float8]: parseFloat10,
    [OID.numeric]: identity, [OID.text]: identity, [OID.varchar]: identity, [OID.uuid]: identity,
    [OID.date]: identity, [OID.time]: identity, // TIMESTAMP has no offset: parseTimestamp reads it as UTC.
    [OID.timestamp]: parseTimestamp,
    [OID.timestamptz]: parseTimestamp, [OID.json]: json, [OID.jsonb]: json,
  };
  const arrays: Record<number, (s: string) => unknown> = {
    1000: arrayOf(parseBool), 1001: arrayOf(parseBytea), 1005: arrayOf(parseInt10), 1007: arrayOf(parseInt10),
    1016: arrayOf(int8), 1021: arrayOf(parseFloat10), 1022: arrayOf(parseFloat10), 1231: arrayOf(identity),
    1009: arrayOf(identity), 1015: arrayOf(identity), 2951: arrayOf(identity), 1182: arrayOf(identity),
    1183: arrayOf(identity), 1115: arrayOf(scalars[OID.timestamp]), 1185: arrayOf(parseTimestamp),
    199: arrayOf(json), 3807: arrayOf(json),
  };
  const raw = { ...scalars, ...arrays };
  const model = { ...raw, [OID.json]: identity, [OID.jsonb]: identity };
  return { raw, model: Object.freeze(model) };
}
