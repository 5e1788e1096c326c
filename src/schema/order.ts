import type { ModelDefinition } from '../metadata/definition';

/**
 * Models in dependency order: a model comes after the models its `references` point at
 * (`definition.dependsOn`), otherwise in registration order. Models in a cycle keep their
 * registration order; the diff then adds the foreign keys that cannot be inline at the end.
 */
export function dependencyOrder(defs: readonly ModelDefinition[]): ModelDefinition[] {
  const byName = new Map(defs.map((d) => [d.modelName, d]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: ModelDefinition[] = [];
  const visit = (d: ModelDefinition): void => {
    if (done.has(d.modelName) || visiting.has(d.modelName)) return;
    visiting.add(d.modelName);
    for (const name of d.dependsOn) {
      const target = byName.get(name);
      if (target && target !== d) visit(target);
    }
    visiting.delete(d.modelName);
    done.add(d.modelName);
    out.push(d);
  };
  for (const d of defs) visit(d);
  return out;
}
