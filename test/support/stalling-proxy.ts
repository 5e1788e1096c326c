import { LoopbackProxy } from './loopback-proxy';
import type { ProxiedConnection } from './loopback-proxy';

/**
 * A loopback proxy that can go silent: `stall()` stops forwarding in both directions on
 * the connections open at that moment, without closing them, which is what a dead network
 * path or a SIGSTOPped backend looks like to a client (no FIN, no RST, no data). New
 * connections made afterwards are forwarded normally, so a client that discards the stuck
 * connection and opens another one recovers.
 */
export class StallingProxy extends LoopbackProxy {
  private readonly stalled = new Set<ProxiedConnection>();

  // Data that arrives while stalled is dropped: the peer would never have seen it.
  protected override fromClient(c: ProxiedConnection, chunk: Buffer): void {
    if (!this.stalled.has(c)) super.fromClient(c, chunk);
  }

  protected override fromServer(c: ProxiedConnection, chunk: Buffer): void {
    if (!this.stalled.has(c)) super.fromServer(c, chunk);
  }

  /** Every connection open now stops forwarding, silently and for good. */
  stall(): void {
    for (const c of this.connections) this.stalled.add(c);
  }

  /** Connections accepted so far. */
  get connectionCount(): number {
    return this.connections.length;
  }

  /** Stalled connections whose client has not closed its side yet. */
  get stalledOpen(): number {
    return [...this.stalled].filter((c) => !c.clientClosed).length;
  }
}
