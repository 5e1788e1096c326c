/**
 * Default-value markers: `DataTypes.NOW`, `UUIDV1`, `UUIDV4`. They are values, not types,
 * so the normaliser can tell them from literal defaults.
 */
export class DefaultMarker {
  constructor(readonly kind: 'NOW' | 'UUIDV1' | 'UUIDV4') {}
  toString(): string {
    return this.kind;
  }
}

export const NOW = new DefaultMarker('NOW');
export const UUIDV1 = new DefaultMarker('UUIDV1');
export const UUIDV4 = new DefaultMarker('UUIDV4');
