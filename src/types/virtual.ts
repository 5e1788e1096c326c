import { DataType, TypeCheck } from './data-type';

/**
 * VIRTUAL(returnType?, dependencies?): an attribute with no column, computed by its `get`
 * (and written through its `set`). `dependencies` are the attributes the getter reads:
 * selecting the virtual attribute in a finder loads them.
 */
export class VirtualType extends DataType {
  readonly key = 'VIRTUAL';
  constructor(readonly returnType?: DataType, readonly dependencies: readonly string[] = []) {
    super();
  }
  toSql(): string {
    throw new Error('a VIRTUAL attribute has no column');
  }
  toParam(): never {
    throw new TypeCheck('is VIRTUAL: it has no column to write');
  }
}
