import { describe, expect, it } from 'vitest';
import { touchpointInputSchema } from '@touchline/contracts';
import { timelineRow } from './timelineRow.ts';
import { touchpointEvent } from './touchpointEvent.ts';

const touchpoint = touchpointInputSchema.parse({
  type: 'order.placed',
  channel: 'web',
  userId: 'u-1',
  anonymousId: 'a-9',
  occurredAt: '2026-03-01T10:00:00.123+02:00',
  data: { orderId: 'o-1', amount: 42.5, currency: 'EUR' },
});

describe('touchpoint → event → timeline row', () => {
  const { streamId, event } = touchpointEvent({
    touchpoint,
    projectId: 'shop',
    eventId: '0b6f7c1e-5b7a-4a53-9f53-2b1f0b0b7a01',
    receivedAt: new Date('2026-03-01T08:00:01.000Z'),
    source: 'test',
  });

  it('streams per customer, keyed by the user id', () => {
    expect(streamId).toBe('customer-shop-u-1');
  });

  it('normalises the client time to UTC', () => {
    expect(event.data.occurredAt).toBe('2026-03-01T08:00:00.123Z');
  });

  it('maps to a timeline row carrying the store position', () => {
    const row = timelineRow({
      ...event,
      globalPosition: 17n,
      recordedAt: '2026-03-01T08:00:01.010Z',
    });
    expect(row).toMatchObject({
      project_id: 'shop',
      customer_key: 'u-1',
      occurred_at: '2026-03-01 08:00:00.123',
      type: 'order.placed',
      channel: 'web',
      anonymous_id: 'a-9',
      store_position: 17,
    });
    expect(JSON.parse(row!.data)).toEqual({ orderId: 'o-1', amount: 42.5, currency: 'EUR' });
    expect(row?.received_at).toBe('2026-03-01 08:00:01.000');
  });

  it('falls back to the receive time when the client sent no time', () => {
    const untimed = touchpointEvent({
      touchpoint: touchpointInputSchema.parse({
        type: 'page.viewed',
        channel: 'web',
        userId: 'u-2',
        data: { path: '/' },
      }),
      projectId: 'shop',
      eventId: '0b6f7c1e-5b7a-4a53-9f53-2b1f0b0b7a03',
      receivedAt: new Date('2026-03-02T00:00:00.000Z'),
      source: 'test',
    });
    expect(untimed.event.data.occurredAt).toBeUndefined();
    const row = timelineRow({
      ...untimed.event,
      globalPosition: 1n,
      recordedAt: '2026-03-02T00:00:00.500Z',
    });
    expect(row?.occurred_at).toBe('2026-03-02 00:00:00.000');
  });

  it('keys anonymous visitors apart from users', () => {
    const anon = touchpointEvent({
      touchpoint: touchpointInputSchema.parse({
        type: 'page.viewed',
        channel: 'web',
        anonymousId: 'a-9',
        data: { path: '/' },
      }),
      projectId: 'shop',
      eventId: '0b6f7c1e-5b7a-4a53-9f53-2b1f0b0b7a02',
      receivedAt: new Date(),
      source: 'test',
    });
    expect(anon.streamId).toBe('customer-shop-anon:a-9');
  });

  it('keeps the client’s own event name of a generic touchpoint', () => {
    const row = timelineRow({
      ...event,
      data: { ...event.data, event: 'Checkout Started' },
      globalPosition: 3n,
      recordedAt: '2026-03-01T08:00:01.010Z',
    });
    expect(row?.event_name).toBe('Checkout Started');
    expect(
      timelineRow({ ...event, globalPosition: 4n, recordedAt: '2026-03-01T08:00:01.010Z' })
        ?.event_name,
    ).toBe('');
  });

  it('ignores events that are not touchpoints', () => {
    expect(
      timelineRow({
        id: 'x',
        type: 'other',
        data: { foo: 1 },
        metadata: {},
        globalPosition: 1n,
        recordedAt: '2026-01-01T00:00:00Z',
      }),
    ).toBeUndefined();
  });
});
