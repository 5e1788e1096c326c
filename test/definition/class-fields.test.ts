// Class fields under useDefineForClassFields: true (test/tsconfig.json, target ES2022).
// test/definition/legacy-fields/ runs the same checks compiled with it false.
import { Column, DataTypes, Default, Model, Table } from '../../src/index';
import { classFieldSuite } from './class-fields-suite';
import type { FieldStyleStatic } from './class-fields-suite';

function declare(): FieldStyleStatic {
  @Table
  class FieldStyle extends Model {
    declare id: number;
    @Column declare declared: string;
    @Column bang!: string;
    @Column counter: number = 5;
    @Default('dflt') @Column withDefault!: string;
    @Column(DataTypes.JSONB) meta: Record<string, unknown> = { a: 1 };
    get shout(): string | undefined {
      return this.declared?.toUpperCase();
    }
    static named(name: string): FieldStyle {
      return this.build({ declared: name });
    }
  }
  return FieldStyle as unknown as FieldStyleStatic;
}

classFieldSuite('class fields (useDefineForClassFields: true)', declare, true);
