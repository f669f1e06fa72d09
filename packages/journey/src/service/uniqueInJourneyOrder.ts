import { byJourneyOrder, type JourneyEvent } from '../journeyEvent.ts';

/**
 * A history in journey order with one event per id (a redelivered event counts once: the copy
 * first in journey order is kept). Does not modify its input.
 */
export function uniqueInJourneyOrder(history: readonly JourneyEvent[]): JourneyEvent[] {
  const seen = new Set<string>();
  return [...history].sort(byJourneyOrder).filter((event) => {
    if (seen.has(event.id)) return false;
    seen.add(event.id);
    return true;
  });
}
