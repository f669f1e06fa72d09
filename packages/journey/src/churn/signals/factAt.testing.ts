import type { CustomerFact } from './churnSignal.ts';

/** Shared fixture of the signal specs: a fixed clock and facts placed relative to it. */
export const NOW = new Date('2025-06-30T12:00:00Z');
export const DAY = 86_400_000;

export const fact = (
  id: string,
  type: string,
  daysAgo: number,
  data: Record<string, unknown> = {},
): CustomerFact => ({
  id,
  type,
  occurredAt: new Date(NOW.getTime() - daysAgo * DAY),
  data,
});
