import { LoopbackProxy } from './loopback-proxy';
import type { ProxiedConnection } from './loopback-proxy';

/**
 * A loopback proxy that can hold back the answers of one connection: armed, the next
 * connection to send a message has everything the server sends it buffered until
 * `release()`. The statement still runs (and commits) at once, so a test can make a pool
 * deliver results in a different order from the one in which PostgreSQL ran them.
 */
export class HoldingProxy extends LoopbackProxy {
  private armed?: () => void;
  private holding?: { connection: ProxiedConnection; held: Buffer[]; answered?: () => void };

  protected override fromClient(c: ProxiedConnection, chunk: Buffer): void {
    if (this.armed !== undefined && this.holding === undefined) {
      this.holding = { connection: c, held: [], answered: this.armed };
      this.armed = undefined;
    }
    super.fromClient(c, chunk);
  }

  protected override fromServer(c: ProxiedConnection, chunk: Buffer): void {
    const h = this.holding;
    if (h === undefined || h.connection !== c) return super.fromServer(c, chunk);
    h.held.push(chunk);
    h.answered?.();
    h.answered = undefined;
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
    const h = this.holding;
    this.holding = undefined;
    if (h !== undefined) for (const chunk of h.held) h.connection.client.write(chunk);
  }
}
