import type { ModelDefinition } from '../metadata/definition';
import { SnapshotKind } from '../metadata/definition';
import type { DataType } from '../types';
import { SNAPSHOT, UNREAD } from './state';

export type Hydrator = (model: new () => unknown, rows: unknown[][]) => unknown[];

const compiled = new WeakMap<ModelDefinition, Hydrator>();

/**
 * The hydrator of one model, generated once per definition: straight-line property
 * stores in attribute order, so every instance gets the same hidden class and V8 sees
 * monomorphic stores (a loop over attribute names would make every store megamorphic).
 * Property names enter the source only through JSON.stringify.
 */
export function hydratorFor(definition: ModelDefinition): Hydrator {
  let h = compiled.get(definition);
  if (h === undefined) {
    h = compile(definition);
    compiled.set(definition, h);
  }
  return h;
}

function compile(definition: ModelDefinition): Hydrator {
  const types: DataType[] = [];
  let body = '';
  definition.attributes.forEach((a, i) => {
    // An attribute with get/set keeps its value under a symbol (AttributeDefinition.key).
    const key = typeof a.key === 'symbol' ? `o[K[${i}]]` : `o[${JSON.stringify(a.name)}]`;
    if (a.snapshotKind === SnapshotKind.Plain) {
      body += `      ${key} = row[${i}];\n`;
    } else if (a.snapshotKind === SnapshotKind.Date && a.deferred) {
      // The row keeps the time; the Date is made when first read (see UNREAD).
      body += `      v = row[${i}]; if (v instanceof Date) { ${key} = UNREAD; row[${i}] = v.getTime(); } else ${key} = v;\n`;
    } else if (a.snapshotKind === SnapshotKind.Date) {
      body += `      v = row[${i}]; ${key} = v; if (v instanceof Date) row[${i}] = v.getTime();\n`;
    } else {
      types[i] = a.type;
      body += `      v = row[${i}]; if (v === null || v === undefined) ${key} = v; else { ${key} = T[${i}].fromDriver(v); row[${i}] = T[${i}].snapshotOf(v); }\n`;
    }
  });
  const source = `
    return function hydrate(M, rows) {
      const n = rows.length;
      const out = new Array(n);
      for (let r = 0; r < n; r++) {
        const row = rows[r];
        const o = new M();
        let v;
${body}        o[SNAPSHOT] = row;
        out[r] = o;
      }
      return out;
    };`;
  return new Function('SNAPSHOT', 'UNREAD', 'T', 'K', source)(SNAPSHOT, UNREAD, types, definition.attributes.map((a) => a.key)) as Hydrator;
}
