import type { HookRegistry } from './registry';
import type { HookName } from './names';

/**
 * Runs the hooks of `name` one after another, each awaited (so an async hook finishes
 * before the next starts and before the write), with the model class as `this`. A hook
 * that throws (or rejects) stops the call: nothing after it runs.
 *
 * `validationFailed` may return a replacement error; the last one returned is given back.
 */
export async function runHooks(registry: HookRegistry | undefined, model: Function, name: HookName, ...args: unknown[]): Promise<unknown> {
  if (registry === undefined) return undefined;
  const fns = registry.list(name);
  let result: unknown;
  for (let i = 0; i < fns.length; i++) {
    const r = await fns[i].apply(model, args);
    if (r !== undefined) result = r;
  }
  return result;
}
