import type { CustomerFact } from './churn/signals/churnSignal.ts';

/**
 * One touchpoint of a customer as the state projections (identity, profile, lifecycle, service
 * cases, churn) read it back from the timeline: the churn rules' `CustomerFact` plus where it came
 * from. A customer's history is a *set* of these; every fold sorts it with `byJourneyOrder` first,
 * so the result does not depend on the order in which events were delivered.
 */
export interface JourneyEvent extends CustomerFact {
  /** Channel of the touchpoint (`web`, `phone`, `store`, …). */
  channel: string;
  /** The stream key it was recorded under (a user id, or `anon:<anonymousId>`). */
  customerKey: string;
  /** Global store position: unique, fixed at append, the version of any row derived from it. */
  position: number;
}

/** Total order on a history: occurrence time, then store position (unique) for ties. */
export function byJourneyOrder(a: JourneyEvent, b: JourneyEvent): number {
  return a.occurredAt.getTime() - b.occurredAt.getTime() || a.position - b.position;
}
