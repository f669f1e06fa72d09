import type { CustomerFact } from './churnSignal.ts';

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** Facts that happened at or before `now`, oldest first (stable for equal times). */
export function factsUpTo(facts: readonly CustomerFact[], now: Date): CustomerFact[] {
  const t = now.getTime();
  return facts
    .filter((f) => f.occurredAt.getTime() <= t)
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
}

/** Whole and fractional days from `from` to `to`. */
export function daysBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / DAY_MS;
}

/** True when the fact is at most `days` days before `now` (inclusive) and not after it. */
export function isWithinDays(fact: CustomerFact, now: Date, days: number): boolean {
  const age = daysBetween(fact.occurredAt, now);
  return age >= 0 && age <= days;
}

/** A number for explanations: at most one decimal, no trailing zeros. */
export function formatNumber(n: number): string {
  return String(Math.round(n * 10) / 10);
}
