import type { AttributeDefinition, ModelDefinition } from '../metadata/definition';
import { quoteIdent } from '../sql/quote';

const views = new WeakMap<ModelDefinition, Map<string, ModelDefinition>>();

/**
 * The definition as seen through a table alias: every `quotedColumn` (and the select
 * list) reads `"alias"."column"`. The where, order and selection compilers take it
 * unchanged, so a query that joins tables gets qualified, checked columns everywhere
 * with no second compiler. Positions and names are the model's own, so hydration can use
 * the view's attributes. Built once per (definition, alias).
 */
export function qualified(def: ModelDefinition, alias: string): ModelDefinition {
  let byAlias = views.get(def);
  if (byAlias === undefined) views.set(def, (byAlias = new Map()));
  let view = byAlias.get(alias);
  if (view === undefined) {
    view = build(def, quoteIdent(alias));
    byAlias.set(alias, view);
  }
  return view;
}

function build(def: ModelDefinition, q: string): ModelDefinition {
  const attributes: AttributeDefinition[] = def.attributes.map((a) => Object.freeze({ ...a, quotedColumn: `${q}.${a.quotedColumn}` }));
  const byName: Record<string, AttributeDefinition> = Object.create(null);
  const byColumn: Record<string, AttributeDefinition> = Object.create(null);
  for (const a of attributes) {
    byName[a.name] = a;
    byColumn[a.column] = a;
  }
  return Object.freeze({
    ...def,
    attributes: Object.freeze(attributes),
    byName: Object.freeze(byName),
    byColumn: Object.freeze(byColumn),
    primaryKeys: Object.freeze(def.primaryKeys.map((p) => attributes[p.position])),
    selectList: attributes.map((a) => a.quotedColumn).join(', '),
  });
}
