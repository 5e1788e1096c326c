import { createServer, connect } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';

/**
 * A loopback TCP proxy to the test server that can hold back the answers of one
 * connection: armed, the next connection to send a message has everything the server
 * sends it buffered until `release()`. The statement still runs (and commits) at once, so
 * a test can make a pool deliver results in a different order from the one in which
 * PostgreSQL ran the statements.
 */
export class HoldingProxy {
  private server?: Server;
  private armed?: () => void;
  private releaseHeld?: () => void;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<number> {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      this.sockets.add(client).add(upstream);
      let held: Buffer[] | undefined;
      let answered: (() => void) | undefined;
      client.on('data', (chunk) => {
        if (this.armed !== undefined && held === undefined) {
          answered = this.armed;
          this.armed = undefined;
          held = [];
          this.releaseHeld = () => {
            for (const c of held!) client.write(c);
            held = undefined;
          };
        }
        upstream.write(chunk);
      });
      upstream.on('data', (chunk) => {
        if (held === undefined) {
          client.write(chunk);
          return;
        }
        held.push(chunk);
        answered?.();
        answered = undefined;
      });
      const close = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', close).on('close', close);
      upstream.on('error', close).on('close', close);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server!.address() as AddressInfo).port;
  }

  /**
   * Holds the answers of the next connection that sends a message. Resolves once the
   * server has answered it (so the statement has run and committed), answer held.
   */
  holdNext(): Promise<void> {
    return new Promise((resolve) => {
      this.armed = resolve;
    });
  }

  /** Delivers what was held, and stops holding. */
  release(): void {
    this.releaseHeld?.();
    this.releaseHeld = undefined;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
