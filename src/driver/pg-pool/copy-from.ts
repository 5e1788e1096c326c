import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';

/** Bytes of COPY data produced ahead of what the socket has taken. */
const READ_AHEAD = 8 << 20;

/**
 * @internal `COPY … FROM STDIN` on a held client through pg-copy-streams, the pg family's own COPY
 * writer. The source is pulled as the socket drains (backpressure), so a load of any size
 * holds only a few chunks. When the source throws, pipeline destroys the COPY stream, which
 * sends CopyFail: the server aborts the statement and nothing of it stays.
 */
export async function pgCopyFrom(client: PoolClient, text: string, source: AsyncIterable<Uint8Array>): Promise<number> {
  const stream = client.query(copyFromStdin(text));
  // Read ahead of the socket by a few batches: the next batch is built while the server
  // still parses the last one, instead of after it (the server and the caller's CPU overlap).
  await pipeline(Readable.from(source, { objectMode: false, highWaterMark: READ_AHEAD }), stream);
  return stream.rowCount;
}
