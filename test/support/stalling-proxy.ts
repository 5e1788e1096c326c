import { createServer, connect } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';

/** One client connection through the proxy and its upstream socket to the server. */
interface Pair {
  readonly client: Socket;
  readonly upstream: Socket;
  stalled: boolean;
  /** True once the client side closed (our driver destroyed its connection). */
  clientClosed: boolean;
}

/**
 * A loopback TCP proxy to the test server that can go silent: `stall()` stops forwarding
 * in both directions on the connections open at that moment, without closing them, which
 * is what a dead network path or a SIGSTOPped backend looks like to a client (no FIN, no
 * RST, no data). New connections made afterwards are forwarded normally, so a client that
 * discards the stuck connection and opens another one recovers. The shared server is
 * never touched.
 */
export class StallingProxy {
  private server?: Server;
  private readonly pairs: Pair[] = [];

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<number> {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      const pair: Pair = { client, upstream, stalled: false, clientClosed: false };
      this.pairs.push(pair);
      // Data that arrives while stalled is dropped: the peer would never have seen it.
      client.on('data', (chunk) => {
        if (!pair.stalled) upstream.write(chunk);
      });
      upstream.on('data', (chunk) => {
        if (!pair.stalled) client.write(chunk);
      });
      client.on('close', () => {
        pair.clientClosed = true;
        upstream.destroy();
      });
      upstream.on('close', () => client.destroy());
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server!.address() as AddressInfo).port;
  }

  /** Every connection open now stops forwarding, silently and for good. */
  stall(): void {
    for (const p of this.pairs) p.stalled = true;
  }

  /** Connections accepted so far. */
  get connectionCount(): number {
    return this.pairs.length;
  }

  /** Stalled connections whose client has not closed its side yet. */
  get stalledOpen(): number {
    return this.pairs.filter((p) => p.stalled && !p.clientClosed).length;
  }

  async stop(): Promise<void> {
    for (const p of this.pairs) {
      p.client.destroy();
      p.upstream.destroy();
    }
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
