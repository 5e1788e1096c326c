import { DataType, TypeCheck, describe } from './data-type';

/** BOOLEAN: only `true` and `false` (no 0/1 or 'yes' coercion: we never guess). */
export class BooleanType extends DataType {
  readonly key = 'BOOLEAN';
  override get designTypes(): readonly Function[] {
    return [Boolean];
  }

  toSql(): string {
    return 'BOOLEAN';
  }
  echoes(value: unknown): boolean {
    return typeof value === 'boolean';
  }
  toParam(value: unknown): boolean {
    if (typeof value !== 'boolean') throw new TypeCheck(`must be a boolean, got ${describe(value)}`);
    return value;
  }
}
