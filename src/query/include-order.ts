import { UsageError } from '../errors';
import type { ModelDefinition } from '../metadata/definition';
import type { IncludeNode } from './include-tree';
import { compileOrder } from './order';
import type { OrderScope } from './order';
import { qualified } from './qualified';
import { isPlainObject, kind } from './where';

/** An order term that starts with an include step: a model, `{ model, as }`, or an include alias. */
function isIncludeStep(v: unknown, def: ModelDefinition, nodes: readonly IncludeNode[]): boolean {
  if (typeof v === 'function' || isPlainObject(v)) return true;
  return typeof v === 'string' && def.byName[v] === undefined && nodes.some((n) => n.as === v);
}

function stepNode(step: unknown, nodes: readonly IncludeNode[], what: string): IncludeNode {
  let found: IncludeNode[];
  if (typeof step === 'string') found = nodes.filter((n) => n.as === step);
  else if (typeof step === 'function') found = nodes.filter((n) => n.model === step);
  else {
    const o = step as { model?: unknown; as?: unknown };
    for (const k of Object.keys(o)) if (k !== 'model' && k !== 'as') throw new UsageError(`${what}: an order step is a model, an include alias, or { model, as }; unknown key ${JSON.stringify(k)}`);
    found = nodes.filter((n) => (o.as === undefined || n.as === o.as) && (o.model === undefined || n.model === o.model));
  }
  if (found.length !== 1) throw new UsageError(`${what}: the order step ${typeof step === 'function' ? step.name : JSON.stringify(step)} ${found.length === 0 ? 'names no include of this find' : 'matches several includes; give as'}`);
  return found[0];
}

/**
 * Compiles the `order` of one query level into ORDER BY terms, in the order given. A term
 * on a joined (to-one) include orders by its qualified column; a term that reaches a
 * separately loaded include orders the included rows (pushed onto that include's order).
 */
export function compileLevelOrder(def: ModelDefinition, alias: string, nodes: readonly IncludeNode[], order: unknown, what: string, scope?: OrderScope): { sql: string; ownOnly: boolean } {
  if (order === undefined) return { sql: '', ownOnly: true };
  const own = qualified(def, alias);
  let terms: unknown[];
  if (!Array.isArray(order)) terms = [order];
  else if (order.length > 0 && isIncludeStep(order[0], def, nodes)) terms = [order];
  else if (order.length === 2 && typeof order[0] === 'string' && typeof order[1] === 'string' && def.byName[order[1]] === undefined && /^(asc|desc|nulls)/i.test(order[1].trim())) terms = [order];
  else terms = order;
  const out: string[] = [];
  let ownOnly = true;
  for (const term of terms) {
    if (!Array.isArray(term) || !isIncludeStep(term[0], def, nodes)) {
      const sql = compileOrder(own, [term], what, scope);
      if (sql !== '') out.push(sql);
      continue;
    }
    ownOnly = false;
    let level = nodes;
    let i = 0;
    let node: IncludeNode | undefined;
    for (; i < term.length && isIncludeStep(term[i], node?.def ?? def, level); i++) {
      node = stepNode(term[i], level, what);
      if (node.separate) {
        i++;
        break;
      }
      level = node.children;
    }
    const rest = term.slice(i);
    if (rest.length === 0 || (!node!.separate && rest.length > 2)) throw new UsageError(`${what}: the order term ${kind(term)} needs an attribute (and a direction) after its include steps`);
    if (node!.separate) node!.order.push(rest.length === 1 ? rest[0] : rest);
    else out.push(compileOrder(qualified(node!.def, node!.alias), [rest.length === 1 ? rest[0] : rest], what));
  }
  return { sql: out.join(', '), ownOnly };
}
