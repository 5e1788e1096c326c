import assert from 'node:assert/strict';

/** The error `p` rejects with; fails the test when it resolves instead. */
export async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  assert.fail('expected the call to fail');
}

/**
 * Holds one of `db`'s connections inside a transaction until the returned function is
 * called (which resolves once the transaction has ended).
 */
export async function holdConnection(db: { transaction(fn: () => Promise<unknown>): Promise<unknown> }): Promise<() => Promise<unknown>> {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let started!: () => void;
  const holding = new Promise<void>((r) => (started = r));
  const tx = db.transaction(async () => {
    started();
    await held;
  });
  await holding;
  return () => {
    release();
    return tx;
  };
}
