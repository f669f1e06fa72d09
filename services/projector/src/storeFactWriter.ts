import { customerStreamId, type DerivedFact } from '@touchline/journey';
import {
  deterministicUuid,
  DuplicateEventConflictError,
  type AppendManyRequest,
  type EventStore,
  type NewEvent,
} from '@touchline/event-store';

/** Where derived facts go: appended to the customer's stream, once each. */
export interface FactWriter {
  /** Appends the facts not yet in the store; resolves with how many were new. */
  write(facts: readonly CustomerFacts[]): Promise<number>;
}

export interface CustomerFacts {
  readonly projectId: string;
  readonly customerKey: string;
  readonly facts: readonly DerivedFact[];
}

const REMEMBERED = 200_000;

/** The store id of a derived fact: its key hashed (what `storeFactWriter` appends it under). */
export const derivedFactId = (key: string): string => deterministicUuid(`fact:${key}`);

/**
 * Writes derived facts back to the event store, on the (canonical) customer's stream, with ids
 * hashed from each fact's key: re-deriving a fact (replay, rebuild, a second projector) is an
 * idempotent duplicate. A fact whose key was already asserted with other data (the rules changed,
 * a late event reworded an explanation) keeps the first assertion: the store refuses the reuse
 * and the writer counts it as known. Recently written ids are remembered so steady-state batches
 * do not re-send them.
 */
export function storeFactWriter(
  store: EventStore,
  options: { source: string; onConflict?: (eventId: string) => void },
): FactWriter {
  const written = new Set<string>();
  const remember = (id: string) => {
    written.add(id);
    if (written.size > REMEMBERED) written.delete(written.values().next().value!);
  };

  return {
    async write(batch) {
      const requests: AppendManyRequest[] = [];
      for (const { projectId, customerKey, facts } of batch) {
        const events: NewEvent[] = facts
          .map((fact) => ({
            id: derivedFactId(fact.key),
            type: fact.type,
            data: fact.data,
            metadata: { source: options.source, derived: true },
          }))
          .filter((event) => !written.has(event.id));
        if (events.length > 0)
          requests.push({ streamId: customerStreamId(projectId, customerKey), events });
      }
      if (requests.length === 0) return 0;
      let appended = 0;
      const results = await store.appendMany(requests);
      for (const [i, result] of results.entries()) {
        const request = requests[i]!;
        if (!(result instanceof Error)) {
          appended += result.appended.length;
          for (const event of request.events) remember(event.id);
          continue;
        }
        if (!(result instanceof DuplicateEventConflictError)) throw result;
        // One fact of this stream conflicts: append them one by one, keeping the first assertions.
        for (const event of request.events) {
          try {
            const one = await store.append(request.streamId, [event]);
            appended += one.appended.length;
          } catch (error) {
            if (!(error instanceof DuplicateEventConflictError)) throw error;
            options.onConflict?.(event.id);
          }
          remember(event.id);
        }
      }
      return appended;
    },
  };
}
