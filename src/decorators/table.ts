import { rawMetadataFor } from '../metadata/registry';
import type { ModelOptions } from '../metadata/options';

type ClassDecorator = <T extends Function>(target: T) => void;

/**
 * Marks a class as a model; options are the same as `define`'s.
 * @example
 * ＠Table({ tableName: 'people', underscored: true })
 * class Person extends Model {}
 */
export function Table(target: Function): void;
export function Table(options?: ModelOptions): ClassDecorator;
export function Table(arg?: Function | ModelOptions): void | ClassDecorator {
  if (typeof arg === 'function') {
    rawMetadataFor(arg);
    return;
  }
  return (target: Function) => {
    const meta = rawMetadataFor(target);
    meta.model = { ...meta.model, ...(arg ?? {}) };
  };
}

/** Uses the model name as the table name, without pluralising it. */
export function FreezeTableName(target: Function): void {
  const meta = rawMetadataFor(target);
  meta.model = { ...meta.model, freezeTableName: true };
}

/**
 * `@Timestamps` (on, the default), `@Timestamps(false)` (off), or
 * `@Timestamps({ createdAt: false, updatedAt: 'updatedTimeStamp' })`.
 */
export function Timestamps(target: Function): void;
export function Timestamps(options: boolean | { createdAt?: boolean | string; updatedAt?: boolean | string }): ClassDecorator;
export function Timestamps(arg: Function | boolean | { createdAt?: boolean | string; updatedAt?: boolean | string }): void | ClassDecorator {
  if (typeof arg === 'function') {
    const meta = rawMetadataFor(arg);
    meta.model = { ...meta.model, timestamps: true };
    return;
  }
  return (target: Function) => {
    const meta = rawMetadataFor(target);
    if (typeof arg === 'boolean') meta.model = { ...meta.model, timestamps: arg };
    else meta.model = { ...meta.model, timestamps: true, ...arg };
  };
}
