import { DatabaseClosedError, convertError } from '../errors';
import type { ModelDefinition } from '../metadata/definition';
import type { LoggingFunction } from './call-options';
import type { CompiledQuery, DedicatedConnection } from './driver';

/**
 * The statement boundary (logging, error translation) for `COPY … FROM STDIN`, as
 * Database#runOn is for every other statement: one log line per COPY with its duration,
 * and a failure (from the server, or thrown by the source) as an Inscribe error.
 */
export async function copyOn(target: DedicatedConnection, query: CompiledQuery, source: AsyncIterable<Uint8Array>, o: { logging: false | LoggingFunction; closed: () => boolean; model?: ModelDefinition }): Promise<number> {
  if (o.closed()) throw new DatabaseClosedError();
  const started = o.logging ? performance.now() : 0;
  try {
    const count = await target.copyFrom(query, source);
    if (o.logging) o.logging(query.text, performance.now() - started);
    return count;
  } catch (err) {
    if (o.logging) o.logging(`${query.text} -- failed`, performance.now() - started);
    const model = o.model;
    throw convertError(err, query.text, query.values, model?.modelName, model ? (c) => model.byColumn[c]?.name : undefined);
  }
}
