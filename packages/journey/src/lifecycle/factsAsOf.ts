import { byJourneyOrder, type JourneyEvent } from '../journeyEvent.ts';

/**
 * The facts of a history that happened at or before `asOf`, in journey order, each event id once
 * (the first in journey order wins): the canonical input of the lifecycle and profile folds, so
 * they depend only on the set of facts, not on delivery order or redelivery.
 */
export function factsAsOf(history: readonly JourneyEvent[], asOf: Date): JourneyEvent[] {
  const end = asOf.getTime();
  const seen = new Set<string>();
  return history
    .filter((e) => e.occurredAt.getTime() <= end)
    .sort(byJourneyOrder)
    .filter((e) => !seen.has(e.id) && seen.add(e.id) !== undefined);
}
