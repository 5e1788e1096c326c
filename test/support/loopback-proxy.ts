import { createServer, connect } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';

/** One client connection through the proxy and its upstream socket to the server. */
export interface ProxiedConnection {
  readonly client: Socket;
  readonly upstream: Socket;
  /** True once the client side closed (the driver destroyed its connection). */
  clientClosed: boolean;
}

/**
 * A loopback TCP proxy to the test server, for faults the shared server must never see
 * (a socket cut, answers held back, a silent network). It forwards both ways; subclasses
 * decide per chunk what to do instead. The server itself is never touched.
 */
export abstract class LoopbackProxy {
  private server?: Server;
  protected readonly connections: ProxiedConnection[] = [];

  constructor(private readonly target: { host: string; port: number }) {}

  /** A chunk the client sent: forward it, or do something else. */
  protected fromClient(c: ProxiedConnection, chunk: Buffer): void {
    c.upstream.write(chunk);
  }

  /** A chunk the server sent: forward it, or do something else. */
  protected fromServer(c: ProxiedConnection, chunk: Buffer): void {
    c.client.write(chunk);
  }

  async start(): Promise<number> {
    this.server = createServer((client) => {
      const c: ProxiedConnection = { client, upstream: connect(this.target.port, this.target.host), clientClosed: false };
      this.connections.push(c);
      client.on('data', (chunk) => this.fromClient(c, chunk));
      c.upstream.on('data', (chunk) => this.fromServer(c, chunk));
      client.on('close', () => {
        c.clientClosed = true;
        c.upstream.destroy();
      });
      c.upstream.on('close', () => client.destroy());
      client.on('error', () => c.upstream.destroy());
      c.upstream.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server!.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const c of this.connections) {
      c.client.destroy();
      c.upstream.destroy();
    }
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
