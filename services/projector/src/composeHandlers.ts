import type { BatchHandler, SourcedEvent } from '@touchline/streams';

/**
 * One handler that gives each batch to `handlers` in order, each after the previous one resolved.
 * A failure stops the batch there and rejects, so the source re-delivers it to all of them again:
 * every handler must be idempotent (as the projections are).
 */
export function composeHandlers(...handlers: readonly BatchHandler[]): BatchHandler {
  return async (events: readonly SourcedEvent[]) => {
    for (const handler of handlers) await handler(events);
  };
}
