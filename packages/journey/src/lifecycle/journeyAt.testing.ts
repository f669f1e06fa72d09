import type { JourneyEvent } from '../journeyEvent.ts';

/** Shared fixture of the lifecycle and profile specs: day 0 and facts placed relative to it. */
export const T0 = new Date('2025-01-01T00:00:00Z');
export const DAY = 86_400_000;

/** The instant `days` (may be fractional or negative) after day 0. */
export const at = (days: number, ms = 0): Date => new Date(T0.getTime() + days * DAY + ms);

let position = 0;

/** A fact `days` after day 0; the store position grows with each call (delivery order). */
export const ev = (
  id: string,
  type: string,
  days: number,
  data: Record<string, unknown> = {},
  options: { ms?: number; channel?: string } = {},
): JourneyEvent => ({
  id,
  type,
  occurredAt: at(days, options.ms ?? 0),
  data,
  channel: options.channel ?? 'web',
  customerKey: 'u-1',
  position: ++position,
});

/** An `order.placed` of `amount` EUR with `orderId` = id unless given. */
export const order = (
  id: string,
  days: number,
  amount = 50,
  extra: { orderId?: string; currency?: string; ms?: number; type?: string } = {},
): JourneyEvent =>
  ev(
    id,
    extra.type ?? 'order.placed',
    days,
    { orderId: extra.orderId ?? id, amount, currency: extra.currency ?? 'EUR' },
    { ms: extra.ms ?? 0, channel: 'web' },
  );
