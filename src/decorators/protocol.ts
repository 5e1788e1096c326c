/**
 * The two decorator protocols, told apart by how the decorator is called:
 *
 * - TypeScript's `experimentalDecorators` (and swc, Babel legacy): a member decorator is
 *   called as `(prototype, propertyName)`, a class decorator as `(class)`.
 * - Standard (TC39) decorators (TypeScript 5+ without experimentalDecorators, esbuild,
 *   tsx, Vite, Vitest, Bun): `(value, context)`, where `context.kind` says what is decorated
 *   and `context.metadata` is an object shared by every decorator of the class.
 *
 * Every decorator Inscribe exports accepts both, so one import works in either project.
 */
import { DefinitionError } from '../errors';
import { linkClass, rawMetadataFor } from '../metadata/registry';
import type { RawModelMetadata } from '../metadata/registry';

/** An attribute decorator, as either protocol calls it. */
export interface AttributeDecorator {
  /** experimentalDecorators: `(prototype, propertyName)`. */
  (target: object, property: string | symbol): void;
  /** Standard decorators: a class field or an `accessor` field. */
  (value: undefined | ClassAccessorDecoratorTarget<any, any>, context: ClassFieldDecoratorContext | ClassAccessorDecoratorContext): void;
}

/** A class decorator, as either protocol calls it. */
export type ModelClassDecorator = (target: Function, context?: ClassDecoratorContext) => void;

interface StandardContext {
  kind: string;
  name: string | symbol;
  static?: boolean;
  private?: boolean;
  metadata?: object;
}

function isStandardContext(v: unknown): v is StandardContext {
  return v !== null && typeof v === 'object' && typeof (v as { kind?: unknown }).kind === 'string' && 'name' in v;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'function') return `function ${v.name || '(anonymous)'}`;
  if (typeof v === 'string') return JSON.stringify(v);
  return typeof v;
}

/** Where an attribute decorator records: the class's metadata and the property name. */
export function memberTarget(decorator: string, a: unknown, b: unknown): { meta: RawModelMetadata; property: string } {
  if (typeof b === 'string' && a !== null && (typeof a === 'object' || typeof a === 'function')) {
    return { meta: rawMetadataFor((a as { constructor: Function }).constructor), property: b };
  }
  if (typeof b === 'symbol') throw new DefinitionError(`@${decorator} cannot decorate a symbol-named property`);
  if (isStandardContext(b)) {
    const name = typeof b.name === 'string' ? b.name : String(b.name);
    if (b.kind !== 'field' && b.kind !== 'accessor') {
      throw new DefinitionError(`@${decorator} decorates a class field such as \`name!: string\` or \`accessor name: string\`, not a ${b.kind} (${name})`);
    }
    if (typeof b.name !== 'string') throw new DefinitionError(`@${decorator} cannot decorate a symbol-named property`);
    if (b.private) throw new DefinitionError(`@${decorator} cannot decorate the private field ${name}: attributes are public properties`);
    if (b.static) throw new DefinitionError(`@${decorator} cannot decorate the static field ${name}: attributes belong to instances`);
    if (b.metadata === undefined || b.metadata === null) {
      throw new DefinitionError(`@${decorator} on ${name}: the compiler passed no decorator metadata (context.metadata). ` +
        'Use TypeScript 5.2 or later, or esbuild 0.21 or later, or compile with "experimentalDecorators": true and "emitDecoratorMetadata": true.');
    }
    const meta = rawMetadataFor(b.metadata);
    meta.standard.add(b.name);
    return { meta, property: b.name };
  }
  throw new DefinitionError(`@${decorator} was called with (${describe(a)}, ${describe(b)}), which is neither a TypeScript experimentalDecorators ` +
    `property decorator nor a standard decorator: write it directly on a class field, e.g. @${decorator} name!: string`);
}

/** Where a class decorator records: the class's metadata (shared with its field decorators under the standard protocol). */
export function classTarget(decorator: string, a: unknown, b: unknown): RawModelMetadata {
  if (typeof a !== 'function') throw new DefinitionError(`@${decorator} decorates a model class; it was called with ${describe(a)}`);
  if (isStandardContext(b)) {
    if (b.kind !== 'class') throw new DefinitionError(`@${decorator} decorates a model class, not a ${b.kind}`);
    const meta = rawMetadataFor(b.metadata ?? a);
    linkClass(a, meta);
    return meta;
  }
  return rawMetadataFor(a);
}
