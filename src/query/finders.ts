// PLACEHOLDER until the querying issue lands: the signatures Model calls.
import type { ModelBinding } from '../instance/binding';
import { UsageError } from '../errors';

const todo = (name: string): never => {
  throw new UsageError(`${name} is not available yet`);
};

export async function findAll(b: ModelBinding, model: Function, options?: unknown): Promise<unknown[]> { return todo('findAll'); }
export async function findOne(b: ModelBinding, model: Function, options?: unknown): Promise<unknown> { return todo('findOne'); }
export async function findByPk(b: ModelBinding, model: Function, key: unknown, options?: unknown): Promise<unknown> { return todo('findByPk'); }
export async function count(b: ModelBinding, options?: unknown): Promise<number> { return todo('count'); }
export async function findOrCreate(b: ModelBinding, model: Function, options: unknown): Promise<[unknown, boolean]> { return todo('findOrCreate'); }
export async function bulkCreate(b: ModelBinding, model: Function, rows: object[], options?: unknown): Promise<unknown[]> { return todo('bulkCreate'); }
export async function upsert(b: ModelBinding, model: Function, values: object, options?: unknown): Promise<[unknown, boolean | null]> { return todo('upsert'); }
export async function updateWhere(b: ModelBinding, model: Function, values: object, options: unknown): Promise<[number, unknown[]]> { return todo('update'); }
export async function destroyWhere(b: ModelBinding, options: unknown): Promise<number> { return todo('destroy'); }
export async function incrementWhere(b: ModelBinding, model: Function, fields: unknown, options: unknown, sign: 1 | -1): Promise<[number, unknown[]]> { return todo('increment'); }
