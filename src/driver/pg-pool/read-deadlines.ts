/** One statement waiting for its answer: `fire` runs once `due` (performance.now() ms) has passed. */
export interface Deadline {
  readonly due: number;
  readonly fire: () => void;
}

/** The longest tick: a deadline fires at most this late. */
const MAX_TICK_MS = 1_000;

/**
 * queryTimeout for a pool's statements: how long each may wait for the server's answer.
 *
 * It is Inscribe's, not pg's `query_timeout`. pg arms a timer per statement whose closure
 * holds pg's Query object, and so every row of the result: the rows survived scavenges
 * until V8 promoted them, and only full GCs freed them (about 300 KB per 1,000-row read;
 * the largest share of the client's GC time). A deadline here holds only what `fire` needs.
 *
 * One coarse ticker checks the pending statements instead of a timer each: a Node timer
 * per statement (created, inserted, cleared) cost 5–7 µs of wall time per statement over
 * none, the ticker 2–4 µs, on a one-row round trip of about 100 µs (paired rounds). A
 * deadline fires at most one tick late (an eighth of the timeout, 10 ms to 1 s), which
 * suits a guard against a silent network. The ticker runs only while statements are
 * pending and never keeps the process alive (the pending statement's socket does).
 */
export class ReadDeadlines {
  private readonly pending = new Set<Deadline>();
  private ticker: ReturnType<typeof setInterval> | undefined;
  private readonly tick: number;

  /** `ms`: the timeout (0: none; arm() then does nothing). */
  constructor(readonly ms: number) {
    this.tick = Math.min(MAX_TICK_MS, Math.max(10, Math.floor(ms / 8)));
  }

  /** Starts the clock for one statement; disarm() the result when its answer (or failure) arrives. */
  arm(fire: () => void): Deadline | undefined {
    if (this.ms <= 0) return undefined;
    const d: Deadline = { due: performance.now() + this.ms, fire };
    this.pending.add(d);
    if (this.ticker === undefined) {
      this.ticker = setInterval(() => this.check(), this.tick);
      this.ticker.unref();
    }
    return d;
  }

  disarm(d: Deadline | undefined): void {
    if (d !== undefined) this.pending.delete(d);
  }

  private check(): void {
    const now = performance.now();
    for (const d of this.pending) {
      if (d.due > now) continue;
      this.pending.delete(d);
      d.fire();
    }
    if (this.pending.size === 0 && this.ticker !== undefined) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
  }
}
