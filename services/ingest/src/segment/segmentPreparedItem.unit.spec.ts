import { describe, expect, it } from 'vitest';
import { segmentMessageSchema, type SegmentMessageInput } from '@touchline/contracts';
import { deterministicUuid } from '@touchline/event-store';
import { segmentEventId, segmentPreparedItem } from './segmentPreparedItem.ts';

const receivedAt = new Date('2026-03-01T12:00:00.000Z');

const prepare = (input: SegmentMessageInput) =>
  segmentPreparedItem({
    message: segmentMessageSchema.parse(input),
    projectId: 'shop',
    index: 4,
    receivedAt,
    source: 'test',
    newId: () => '00000000-0000-4000-8000-000000000001',
  });

describe('segmentPreparedItem', () => {
  it('stores a track as segment.track on the user’s stream, keeping what Segment sent', () => {
    const item = prepare({
      type: 'track',
      event: 'Signed Up',
      userId: 'u-1',
      anonymousId: 'a-1',
      messageId: 'm-1',
      properties: { plan: 'pro' },
      context: { library: { name: 'analytics-node' } },
      integrations: { All: false },
      timestamp: '2026-03-01T12:59:00.000Z',
      sentAt: '2026-03-01T13:00:00.000Z',
    });
    expect(item.index).toBe(4);
    expect(item.streamId).toBe('customer-shop-u-1');
    expect(item.events).toHaveLength(1);
    expect(item.events[0]).toEqual({
      id: deterministicUuid('segment:shop:m-1'),
      type: 'segment.track',
      data: {
        specversion: '1.0',
        schemaVersion: 1,
        projectId: 'shop',
        customerKey: 'u-1',
        userId: 'u-1',
        anonymousId: 'a-1',
        channel: 'other',
        occurredAt: '2026-03-01T11:59:00.000Z',
        data: { plan: 'pro' },
        context: { library: { name: 'analytics-node' } },
        event: 'Signed Up',
        integrations: { All: false },
        messageId: 'm-1',
        sentAt: '2026-03-01T13:00:00.000Z',
        originalTimestamp: '2026-03-01T12:59:00.000Z',
      },
      metadata: { receivedAt: '2026-03-01T12:00:00.000Z', source: 'test' },
    });
  });

  it('derives the event id from project and messageId; a message without one gets a new id', () => {
    expect(segmentEventId('shop', 'm-1')).toBe(deterministicUuid('segment:shop:m-1'));
    expect(segmentEventId('shop', 'm-1')).not.toBe(segmentEventId('other', 'm-1'));
    const item = prepare({ type: 'page', anonymousId: 'a-1' });
    expect(item.events[0]!.id).toBe('00000000-0000-4000-8000-000000000001');
  });

  it('a track named like a catalogue type is stored as that type with its properties', () => {
    const properties = { orderId: 'o-1', amount: 12.5, currency: 'EUR' };
    const item = prepare({ type: 'track', event: 'order.completed', userId: 'u-1', properties });
    expect(item.events[0]).toMatchObject({
      type: 'order.completed',
      data: { event: 'order.completed', data: properties, occurredAt: receivedAt.toISOString() },
    });
  });

  it('page and screen: anonymous stream, the name as event, category kept, channel by type', () => {
    const page = prepare({
      type: 'page',
      anonymousId: 'a-1',
      name: 'Pricing',
      category: 'Docs',
      properties: { path: '/pricing' },
    });
    expect(page.streamId).toBe('customer-shop-anon:a-1');
    expect(page.events[0]).toMatchObject({
      type: 'segment.page',
      data: {
        customerKey: 'anon:a-1',
        channel: 'web',
        event: 'Pricing',
        data: { path: '/pricing', category: 'Docs' },
      },
    });
    const screen = prepare({ type: 'screen', userId: 'u-1', context: { channel: 'store' } });
    expect(screen.events[0]).toMatchObject({
      type: 'segment.screen',
      data: { channel: 'store', data: {} },
    });
    expect(screen.events[0]!.data).not.toHaveProperty('event');
  });

  it('identify and group keep their traits as data; group keeps its groupId', () => {
    const identify = prepare({ type: 'identify', userId: 'u-1', traits: { email: 'a@b.c' } });
    expect(identify.events).toHaveLength(1);
    expect(identify.events[0]).toMatchObject({
      type: 'segment.identify',
      data: { data: { email: 'a@b.c' } },
    });
    expect(identify.events[0]!.data).not.toHaveProperty('traits');
    const group = prepare({ type: 'group', userId: 'u-1', groupId: 'acme', traits: { seats: 5 } });
    expect(group.events[0]).toMatchObject({
      type: 'segment.group',
      data: { groupId: 'acme', data: { seats: 5 } },
    });
  });

  it('identify with both ids adds identity.linked after the touchpoint, on the user’s stream', () => {
    const item = prepare({ type: 'identify', userId: 'u-1', anonymousId: 'a-1', messageId: 'm-9' });
    const touchpointId = deterministicUuid('segment:shop:m-9');
    expect(item.streamId).toBe('customer-shop-u-1');
    expect(item.events.map((e) => e.type)).toEqual(['segment.identify', 'identity.linked']);
    expect(item.events[1]).toEqual({
      id: deterministicUuid(`identity:${touchpointId}`),
      type: 'identity.linked',
      data: { userId: 'u-1', anonymousId: 'a-1', source: 'identify' },
      metadata: { receivedAt: receivedAt.toISOString(), source: 'test' },
    });
  });

  it('alias is a segment.alias touchpoint on the user’s stream plus identity.aliased', () => {
    const item = prepare({ type: 'alias', userId: 'u-1', previousId: 'a-1', messageId: 'm-7' });
    const touchpointId = deterministicUuid('segment:shop:m-7');
    expect(item.streamId).toBe('customer-shop-u-1');
    expect(item.events[0]).toMatchObject({
      id: touchpointId,
      type: 'segment.alias',
      data: { userId: 'u-1', previousId: 'a-1', data: {} },
    });
    expect(item.events[1]).toMatchObject({
      id: deterministicUuid(`identity:${touchpointId}`),
      type: 'identity.aliased',
      data: { userId: 'u-1', previousId: 'a-1' },
    });
  });
});
