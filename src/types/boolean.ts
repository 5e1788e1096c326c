import { DataType, TypeCheck, describe } from './data-type';
import type { CopyWriter } from './copy-binary';

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
  /** @internal */
  override copyBinary(param: unknown, w: CopyWriter): boolean {
    w.length(1);
    w.buf[w.pos++] = param === true ? 1 : 0;
    return true;
  }
}
