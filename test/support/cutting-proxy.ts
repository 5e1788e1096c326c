import { LoopbackProxy } from './loopback-proxy';
import type { ProxiedConnection } from './loopback-proxy';

/**
 * A loopback proxy that can be armed to cut the connection the moment the client sends
 * its next message: a deterministic "connection lost during a statement" (killing the
 * backend instead races with the pool's idle checks).
 */
export class CuttingProxy extends LoopbackProxy {
  private armed = false;

  protected override fromClient(c: ProxiedConnection, chunk: Buffer): void {
    if (!this.armed) return super.fromClient(c, chunk);
    this.armed = false;
    c.client.destroy();
    c.upstream.destroy();
  }

  /** The next message any client sends closes its connection instead of being forwarded. */
  arm(): void {
    this.armed = true;
  }
}
