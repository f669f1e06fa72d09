import type { JourneyEvent } from '../journeyEvent.ts';

/** Shared fixture of the service specs: a fixed clock and events placed in hours after it. */
export const T0 = new Date('2025-06-02T08:00:00Z');
export const HOUR = 3_600_000;

/** The instant `hours` after T0. */
export const at = (hours: number): Date => new Date(T0.getTime() + hours * HOUR);

let lastPosition = 0;

/** A touchpoint `hours` after T0; positions increase in creation order unless given. */
export function event(
  id: string,
  type: string,
  hours: number,
  data: Record<string, unknown> = {},
  options: { channel?: string; position?: number } = {},
): JourneyEvent {
  lastPosition += 1;
  return {
    id,
    type,
    occurredAt: at(hours),
    data,
    channel: options.channel ?? 'phone',
    customerKey: 'c-1',
    position: options.position ?? lastPosition,
  };
}
