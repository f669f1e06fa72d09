import { EVENT_TYPE } from '@kurrent/kurrentdb-client';
import { STREAM_ERASED } from '@touchline/event-store';
import { describe, expect, it } from 'vitest';
import {
  TOUCHLINE_EVENT_TYPES,
  isTouchlineEventType,
  touchlineEventFilter,
} from './touchlineEventFilter.ts';

describe('touchline event types on $all', () => {
  it('keeps application events and the erasure tombstone', () => {
    expect(isTouchlineEventType('order.placed')).toBe(true);
    expect(isTouchlineEventType(STREAM_ERASED)).toBe(true);
  });

  it('drops KurrentDB system events, look-alikes of the tombstone and the erasure index', () => {
    for (const type of ['$metadata', '$>', '$streamCreated', '$stream.erasedX', '$streamXerased'])
      expect(isTouchlineEventType(type)).toBe(false);
    expect(isTouchlineEventType('$touchline.erasure-recorded')).toBe(false);
  });

  it('sends the same regex to the server as an event-type filter', () => {
    expect(touchlineEventFilter()).toMatchObject({
      filterOn: EVENT_TYPE,
      regex: TOUCHLINE_EVENT_TYPES,
    });
  });
});
