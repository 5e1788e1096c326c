import { EmptyResultError, UsageError } from '../errors';
import { deleteByKeyText, selectByKeyText } from '../sql/statements';
import type { ModelBinding } from '../instance/binding';
import type { Executor } from '../driver/executor';
import { applyReturned } from '../instance/hydrate';
import { SNAPSHOT } from '../instance/state';
import { pushKeyParams } from './params';
import { allPositions } from './save';
import { cacheText } from './plan';

type Instance = Record<string, unknown> & { [SNAPSHOT]: unknown[] | null };

function keyParams(binding: ModelBinding, inst: Instance, what: string): unknown[] {
  const def = binding.definition;
  const snapshot = inst[SNAPSHOT];
  if (snapshot === null) throw new UsageError(`${def.modelName}.${what}: this record is not saved yet`);
  const out: unknown[] = [];
  pushKeyParams(def, snapshot, what, out);
  return out;
}

/** Re-reads the row, discarding unsaved changes; EmptyResultError when it is gone. */
export async function reload(binding: ModelBinding, ex: Executor, instance: object): Promise<void> {
  const def = binding.definition;
  const inst = instance as Instance;
  const values = keyParams(binding, inst, 'reload');
  const text = binding.sql.get('reload') ?? cacheText(binding, 'reload', selectByKeyText(def.qualifiedTable, def.selectList, def.primaryKeys.map((a) => a.quotedColumn)));
  ex.remember?.(def, inst);
  const result = await ex.run<unknown[]>({ text, values, prepare: true }, 'array', def);
  if (result.rows.length === 0) throw new EmptyResultError(`${def.modelName}.reload: the record no longer exists`);
  applyReturned(def, inst, result.rows[0], allPositions(def));
}

/** Deletes the row by its primary key; returns how many rows went (0 when it was already gone). */
export async function destroy(binding: ModelBinding, ex: Executor, instance: object): Promise<number> {
  const def = binding.definition;
  const inst = instance as Instance;
  const values = keyParams(binding, inst, 'destroy');
  const text = binding.sql.get('destroy') ?? cacheText(binding, 'destroy', deleteByKeyText(def.qualifiedTable, def.primaryKeys.map((a) => a.quotedColumn)));
  const result = await ex.run({ text, values, prepare: true }, 'array', def);
  return result.rowCount;
}
