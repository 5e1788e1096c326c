import type { ModelBinding } from '../instance/binding';
import type { Executor } from '../driver/executor';
import { runHooks } from '../hooks/run';
import { hookOptions, hooksOf } from '../persistence/lifecycle';
import { syncModels } from '../schema/sync';
import type { SyncOptions } from '../schema/sync';

/** `Model.sync()` between its beforeSync and afterSync hooks (`hooks: false` skips them). */
export async function syncModel(b: ModelBinding, ex: Executor, options: (SyncOptions & { hooks?: boolean }) | undefined): Promise<string[]> {
  const hooks = hooksOf(b, options);
  let rest = options;
  if (options !== null && typeof options === 'object' && 'hooks' in options) {
    const { hooks: _h, ...others } = options;
    rest = others;
  }
  if (hooks === undefined) return syncModels(ex, [b.definition], rest);
  const opts = hookOptions(b, ex, rest);
  await runHooks(hooks, b.model, 'beforeSync', opts);
  const ddl = await syncModels(ex, [b.definition], rest);
  await runHooks(hooks, b.model, 'afterSync', opts);
  return ddl;
}
