import type { ModelOptions } from '../metadata/options';
import { classTarget } from './protocol';
import type { ModelClassDecorator } from './protocol';

/** Whether a class decorator was used bare (`@Table`) rather than called (`@Table({ … })`). */
function isBare(arg: unknown): arg is Function {
  return typeof arg === 'function';
}

/**
 * Marks a class as a model; options are the same as `define`'s.
 *
 * @example
 * ＠Table({ tableName: 'people', underscored: true })
 * class Person extends Model {}
 */
export function Table(target: Function, context?: ClassDecoratorContext): void;
export function Table(options?: ModelOptions): ModelClassDecorator;
export function Table(arg?: Function | ModelOptions, context?: ClassDecoratorContext): void | ModelClassDecorator {
  if (isBare(arg)) {
    classTarget('Table', arg, context);
    return;
  }
  return (target, ctx) => {
    const meta = classTarget('Table', target, ctx);
    meta.model = { ...meta.model, ...(arg ?? {}) };
  };
}

/**
 * Uses the model name as the table name, without pluralising it.
 *
 * @example
 * ＠Table ＠FreezeTableName
 * class Person extends Model {} // table "Person", not "People"
 */
export function FreezeTableName(target: Function, context?: ClassDecoratorContext): void {
  const meta = classTarget('FreezeTableName', target, context);
  meta.model = { ...meta.model, freezeTableName: true };
}

/**
 * `@Timestamps` (on, the default), `@Timestamps(false)` (off), or
 * `@Timestamps({ createdAt: false, updatedAt: 'updatedTimeStamp' })`.
 *
 * @example
 * ＠Table ＠Timestamps({ createdAt: false, updatedAt: 'modified' })
 * class Note extends Model {}
 */
export function Timestamps(target: Function, context?: ClassDecoratorContext): void;
export function Timestamps(options: boolean | { createdAt?: boolean | string; updatedAt?: boolean | string }): ModelClassDecorator;
export function Timestamps(arg: Function | boolean | { createdAt?: boolean | string; updatedAt?: boolean | string }, context?: ClassDecoratorContext): void | ModelClassDecorator {
  if (isBare(arg)) {
    const meta = classTarget('Timestamps', arg, context);
    meta.model = { ...meta.model, timestamps: true };
    return;
  }
  return (target, ctx) => {
    const meta = classTarget('Timestamps', target, ctx);
    if (typeof arg === 'boolean') meta.model = { ...meta.model, timestamps: arg };
    else meta.model = { ...meta.model, timestamps: true, ...arg };
  };
}
