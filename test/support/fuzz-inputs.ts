/**
 * Deterministic inputs for the parser fuzz test: valid PostgreSQL outputs, mutations of
 * them (a character deleted, inserted, replaced, the text cut or a slice repeated) and
 * random strings. Input `i` of a parser is always the same text, so a worker that hangs
 * can be reported with the exact input it was given.
 */
import { generator } from '../../benchmarks/stats';  // mulberry32, the seeded PRNG the benchmarks resample with

export type FuzzedParser = 'timestamp' | 'array' | 'hstore';

export const SEEDS: Record<FuzzedParser, string[]> = {
  timestamp: [
    '2026-11-24 20:51:32.123456+00', '2026-11-24 20:51:32.1-08', '1976-09-17 00:52:14.226982+05:30',
    '2026-11-24 20:51:32+05:30:12', '0044-03-15 12:00:00+00 BC', '12345-01-01 00:00:00+00', '2026-11-24 20:51:32',
    'infinity', '-infinity',
    // Other DateStyles: SQL, German, Postgres (what an ALTER DATABASE … SET datestyle produces).
    '26/11/2026 00:33:41.123 UTC', '11/26/2026 00:33:41.123 UTC', '26.11.2026 00:33:41.123 UTC', 'Thu 26 Nov 00:33:41.123 2026 UTC',
  ],
  array: ['{1,2,NULL}', '{"a b","c\\"d","e\\\\f"}', '{{1,2},{3,4}}', '[0:1]={7,8}', '{}', '{"",NULL,"NULL"}', '{{{{{{1}}}}}}'],
  hstore: ['"a"=>"1", "b"=>NULL', '"k\\"q"=>"v\\\\w"', '', '"empty"=>""', '"x"=>"y"'],
};

const ALPHABET = '0123456789-:. +{}[]=>,"\\NULBCinfty/TZé\u0000\u{1F600}';

/** Input number `i` for `parser`. */
export function fuzzInput(parser: FuzzedParser, i: number): string {
  const seeds = SEEDS[parser];
  if (i < seeds.length) return seeds[i];
  const rnd = generator(i * 7919 + parser.length);
  const pick = (s: string) => s[Math.floor(rnd() * s.length)] ?? '';
  if (i % 10 === 0) {
    let s = '';
    const n = Math.floor(rnd() * 60);
    for (let k = 0; k < n; k++) s += pick(ALPHABET);
    return s;
  }
  let s = seeds[Math.floor(rnd() * seeds.length)];
  const edits = 1 + Math.floor(rnd() * 3);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rnd() * (s.length + 1));
    switch (Math.floor(rnd() * 5)) {
      case 0: s = s.slice(0, at) + s.slice(at + 1); break;
      case 1: s = s.slice(0, at) + pick(ALPHABET) + s.slice(at); break;
      case 2: s = s.slice(0, at) + pick(ALPHABET) + s.slice(at + 1); break;
      case 3: s = s.slice(0, at); break;
      default: s = s.slice(0, at) + s.slice(at, at + 1 + Math.floor(rnd() * 6)).repeat(2) + s.slice(at); break;
    }
  }
  return s;
}
