import { UsageError } from '../errors';
import { HOOK_NAMES, isHookName } from './names';
import type { HookFunction, HookName } from './names';

interface Entry {
  readonly fn: HookFunction;
  /** The name given with `addHook(hook, name, fn)`, so `removeHook(hook, name)` can find it. */
  readonly label?: string;
}

/**
 * The hooks of one model (or of a whole Database: `db.addHook`). A model's registry asks
 * its Database's after its own, as Sequelize runs model hooks, then global ones.
 *
 * The write paths ask `active` first (one property read), so a model without hooks pays
 * nothing per call; `list(name)` is an empty array for a name with no hook.
 */
export class HookRegistry {
  readonly #own = new Map<HookName, Entry[]>();
  readonly #parent: HookRegistry | undefined;
  #count = 0;

  constructor(parent?: HookRegistry) {
    this.#parent = parent;
  }

  /** Whether any hook (of any name) is registered here or on the Database. */
  get active(): boolean {
    return this.#count > 0 || (this.#parent !== undefined && this.#parent.active);
  }

  has(name: HookName): boolean {
    return (this.#own.get(name)?.length ?? 0) > 0 || (this.#parent !== undefined && this.#parent.has(name));
  }

  /** The hooks to run for `name`: this registry's, in the order added, then the Database's. */
  list(name: HookName): readonly HookFunction[] {
    const own = this.#own.get(name);
    const parent = this.#parent?.list(name);
    if (own === undefined || own.length === 0) return parent ?? EMPTY;
    const fns = own.map((e) => e.fn);
    return parent !== undefined && parent.length > 0 ? [...fns, ...parent] : fns;
  }

  add(name: unknown, fnOrLabel: unknown, maybeFn?: unknown, what = 'addHook'): void {
    if (!isHookName(name)) throw new UsageError(`${what}: unknown hook ${JSON.stringify(name)}; the hooks are ${HOOK_NAMES.join(', ')}`);
    const label = typeof fnOrLabel === 'string' ? fnOrLabel : undefined;
    const fn = label !== undefined ? maybeFn : fnOrLabel;
    if (typeof fn !== 'function') throw new UsageError(`${what}('${name}', …): the hook must be a function`);
    let list = this.#own.get(name);
    if (list === undefined) this.#own.set(name, (list = []));
    list.push({ fn: fn as HookFunction, label });
    this.#count++;
  }

  /** Removes the hooks of `name` that are `fnOrLabel` (the function, or the name it was added with); all of them when omitted. */
  remove(name: unknown, fnOrLabel?: unknown): void {
    if (!isHookName(name)) throw new UsageError(`removeHook: unknown hook ${JSON.stringify(name)}`);
    const list = this.#own.get(name);
    if (list === undefined) return;
    const keep = fnOrLabel === undefined ? [] : list.filter((e) => e.fn !== fnOrLabel && (e.label === undefined || e.label !== fnOrLabel));
    this.#count -= list.length - keep.length;
    this.#own.set(name, keep);
  }
}

const EMPTY: readonly HookFunction[] = Object.freeze([]);
