import 'reflect-metadata';

/**
 * The one reader of `design:type` (emitted by tsc or swc with `emitDecoratorMetadata`).
 * Returns undefined when the compiler emitted nothing for the property.
 */
export function designTypeOf(prototype: object, property: string): Function | undefined {
  const t = Reflect.getMetadata('design:type', prototype, property);
  return typeof t === 'function' ? t : undefined;
}

/** Whether the compiler emitted any decorator metadata at all for these properties. */
export function hasAnyDesignType(prototype: object, properties: Iterable<string>): boolean {
  for (const p of properties) if (Reflect.hasMetadata('design:type', prototype, p)) return true;
  return false;
}
