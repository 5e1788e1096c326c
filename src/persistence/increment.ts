import type { CallOptions } from '../driver/call-options';
import { EmptyResultError, UsageError } from '../errors';
import type { AttributeDefinition, ModelDefinition } from '../metadata/definition';
import { BigIntType, DecimalType, FloatType, IntegerType } from '../types';
import { incrementByKeyText } from '../sql/statements';
import type { ModelBinding } from '../instance/binding';
import type { Executor } from '../driver/executor';
import { IF_CLEAN, applyReturned } from '../instance/hydrate';
import { SNAPSHOT } from '../instance/state';
import { beginWrite, endWrite } from './in-flight';
import { checkOptionKeys, pushKeyParams, toParam, toParams } from './params';
import { cacheText, stampOf } from './plan';
import { isExpression } from '../query/expressions';
import type { SqlExpression } from '../query/expressions';
import { operand } from '../query/expression-sql';

type Instance = Record<string, unknown> & { [SNAPSHOT]: unknown[] | null };

export interface IncrementOptions extends CallOptions {
  /** The amount, or an expression (`literal('2')`, `col('step')`) as Sequelize allows. */
  by?: number | bigint | string | SqlExpression;
  silent?: boolean;
  /**
   * A further condition on the row, as Sequelize's instance increment takes it (e.g. a
   * guard such as `{ stock: { [Op.gte]: 2 } }`). When the row does not match, nothing is
   * written and the instance keeps its values (no error, as in Sequelize).
   */
  where?: object;
  /** Accepted for Sequelize code: the instance always takes the new values (RETURNING). */
  returning?: boolean | string[];
}

/** Compiles the `where` of an instance increment into a condition, binding into `params` (query/instance-where.ts). */
export type ExtraCondition = (params: unknown[]) => string;

/**
 * Normalises every form of increment's arguments into attribute → amount, checking each
 * attribute is numeric and each amount fits it. `sign` is -1 for decrement.
 */
export function incrementPlan(def: ModelDefinition, fields: unknown, options: IncrementOptions | undefined, sign: 1 | -1): { attrs: AttributeDefinition[]; amounts: unknown[]; exprs?: (string | undefined)[] } {
  const entries: [string, unknown][] = [];
  const by = options?.by ?? 1;
  if (typeof fields === 'string') entries.push([fields, by]);
  else if (Array.isArray(fields)) for (const f of fields) entries.push([String(f), by]);
  else if (fields !== null && typeof fields === 'object') for (const k of Object.keys(fields)) entries.push([k, (fields as Record<string, unknown>)[k]]);
  else throw new UsageError(`${def.modelName}.increment takes an attribute name, an array of names, or { attribute: amount }`);
  if (entries.length === 0) throw new UsageError(`${def.modelName}.increment: no attribute given`);
  const attrs: AttributeDefinition[] = [];
  const amounts: unknown[] = [];
  let exprs: (string | undefined)[] | undefined;
  for (const [name, amount] of entries) {
    const a = def.byName[name];
    if (a === undefined) throw new UsageError(`${def.modelName}.increment: ${def.modelName} has no attribute "${name}"`);
    if (!(a.type instanceof IntegerType || a.type instanceof BigIntType || a.type instanceof FloatType || a.type instanceof DecimalType)) {
      throw new UsageError(`${def.modelName}.increment: "${name}" is ${a.type.key}, not a number column`);
    }
    if (isExpression(amount)) {
      // `increment({ qty: literal('"step" * 2') })`, as Sequelize allows: the expression, not a parameter.
      (exprs ??= new Array(attrs.length).fill(undefined)).push(incrementExpression(def, name, amount));
      attrs.push(a);
      continue;
    }
    exprs?.push(undefined);
    const valid = typeof amount === 'number' ? Number.isFinite(amount) : typeof amount === 'bigint' || (typeof amount === 'string' && /^-?\d+(\.\d+)?$/.test(amount));
    if (!valid) throw new UsageError(`${def.modelName}.increment: the amount for "${name}" must be a finite number, got ${String(amount)}`);
    const signed = sign === 1 ? amount : typeof amount === 'string' ? (amount.startsWith('-') ? amount.slice(1) : `-${amount}`) : typeof amount === 'bigint' ? -amount : -(amount as number);
    attrs.push(a);
    amounts.push(toParam(def, a, signed));
  }
  return exprs === undefined ? { attrs, amounts } : { attrs, amounts, exprs };
}

/** Instance increment/decrement: one atomic UPDATE … RETURNING; see Model#increment. */
export async function incrementInstance(binding: ModelBinding, ex: Executor, instance: object, fields: unknown, options: IncrementOptions | undefined, sign: 1 | -1, extra?: ExtraCondition): Promise<void> {
  const def = binding.definition;
  const inst = instance as Instance;
  const snapshot = inst[SNAPSHOT];
  if (snapshot === null) throw new UsageError(`${def.modelName}.increment: this record is not saved yet; save() it first`);
  if (options !== undefined && options !== null) checkOptionKeys(options, ['by', 'silent', 'where', 'returning'], `${def.modelName}.increment`);
  if (options?.where !== undefined && extra === undefined) throw new UsageError(`${def.modelName}.increment: where needs the query layer (call it through the model)`);
  const { attrs, amounts, exprs } = incrementPlan(def, fields, options, sign);
  const stamp = stampOf(def, attrs, options?.silent);
  const sets: AttributeDefinition[] = stamp === undefined ? [] : [stamp];
  const params = amounts.slice();
  toParams(def, sets, stamp === undefined ? [] : [new Date()], params);
  pushKeyParams(def, snapshot, 'increment', params);
  const written = stamp === undefined ? attrs : [...attrs, stamp];
  let key = '+';
  for (let i = 0; i < attrs.length; i++) key += `${attrs[i].position},`;
  key += sets.length;
  // A where or an expression amount makes the text depend on the call: built per call, not cached.
  const condition = extra?.(params) || undefined;
  const text = condition !== undefined || exprs !== undefined
    ? incrementByKeyText(def.qualifiedTable, attrs.map((a) => a.quotedColumn), sets.map((a) => a.quotedColumn), def.primaryKeys.map((a) => a.quotedColumn), written.map((a) => a.quotedColumn).join(', '), exprs, sign, condition)
    : binding.sql.get(key) ?? cacheText(binding, key, incrementByKeyText(def.qualifiedTable, attrs.map((a) => a.quotedColumn), sets.map((a) => a.quotedColumn), def.primaryKeys.map((a) => a.quotedColumn), written.map((a) => a.quotedColumn).join(', ')));
  // Overlapping writes on this instance may answer out of order: see in-flight.ts.
  const flight = beginWrite(inst, written);
  ex.remember?.(def, inst);
  try {
    const result = await ex.run<unknown[]>({ text, values: params, prepare: true }, 'array', def);
    if (result.rows.length === 0) {
      // The caller's where did not match: nothing written, as in Sequelize.
      if (condition !== undefined) return;
      throw new EmptyResultError(`${def.modelName}.increment: the record no longer exists`);
    }
    // Checked when the row arrives, not when sent: an attribute with an unsaved local change
    // keeps it, a clean one takes the new value (another write's result is not a local change).
    applyReturned(def, inst, result.rows[0], written.map((a) => a.position), IF_CLEAN);
  } finally {
    const settling = endWrite(binding, ex, inst, flight);
    if (settling !== undefined) await settling;
  }
}

/** The SQL of an expression amount; it may not bind values (the statement's parameters are positional). */
function incrementExpression(def: ModelDefinition, name: string, amount: Parameters<typeof operand>[1]): string {
  const values: unknown[] = [];
  const sql = operand({ def, what: `${def.modelName}.increment`, values }, amount);
  if (values.length > 0) throw new UsageError(`${def.modelName}.increment: the expression for "${name}" binds values; use col() and literal() in an increment, or pass a number`);
  return sql;
}
