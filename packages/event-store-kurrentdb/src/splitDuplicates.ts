import { DuplicateEventConflictError, type NewEvent } from '@touchline/event-store';
import { sameJson } from '@touchline/event-store';

/** An event already in the stream, as far as the duplicate check needs it. */
export interface KnownEvent {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
}

export interface SplitEvents {
  readonly fresh: NewEvent[];
  readonly duplicates: string[];
}

/**
 * Splits a batch against the stream's recent events: an id seen with the same type and data is a
 * duplicate (not written again); an id seen with another type or data is a DuplicateEventConflictError.
 */
export function splitDuplicates(
  events: readonly NewEvent[],
  recent: readonly KnownEvent[],
): SplitEvents {
  const known = new Map(recent.map((event) => [event.id.toLowerCase(), event]));
  const fresh: NewEvent[] = [];
  const duplicates: string[] = [];
  for (const event of events) {
    const seen = known.get(event.id.toLowerCase());
    if (seen === undefined) fresh.push(event);
    else if (seen.type === event.type && sameJson(seen.data, event.data)) duplicates.push(event.id);
    else throw new DuplicateEventConflictError(event.id);
  }
  return { fresh, duplicates };
}
