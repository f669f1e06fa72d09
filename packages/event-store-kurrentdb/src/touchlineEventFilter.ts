import { eventTypeFilter, type RegexFilter } from '@kurrent/kurrentdb-client';
import { STREAM_ERASED } from '@touchline/event-store';

/**
 * Event types the global log carries: everything but KurrentDB's system types (`$`-prefixed, such
 * as `$metadata` or the `$>` links), except our own `$stream.erased` tombstone. The client's
 * `excludeSystemEvents()` would drop the tombstone too.
 */
export const TOUCHLINE_EVENT_TYPES = `^(?:[^$]|${STREAM_ERASED.replace(/[$.]/g, '\\$&')}$)`;

const pattern = new RegExp(TOUCHLINE_EVENT_TYPES);

export const isTouchlineEventType = (type: string): boolean => pattern.test(type);

/** The server-side filter for `$all` reads and subscriptions. */
export const touchlineEventFilter = (): RegexFilter =>
  eventTypeFilter({ regex: TOUCHLINE_EVENT_TYPES });
