import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ApiError } from '../errors.ts';
import { parseOrThrow } from '../validation.ts';
import { segmentBatchSchema } from './segmentBatch.ts';
import { SEGMENT_MESSAGE_SCHEMAS, segmentMessageSchema } from './segmentMessage.ts';

const fieldOf = (value: unknown, schema: z.ZodType = segmentMessageSchema, prefix = '') => {
  try {
    parseOrThrow(schema, value, prefix);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('TL_INVALID_FIELD');
    return (error as ApiError).field;
  }
};

const track = { type: 'track', event: 'Signed Up', userId: 'u-1' };

describe('Segment messages', () => {
  it('drops unknown top-level keys (Segment ignores them) and keeps the objects whole', () => {
    const message = segmentMessageSchema.parse({
      ...track,
      writeKey: 'secret',
      _metadata: { nodeVersion: 'v24' },
      properties: { plan: 'pro', nested: { a: [1] } },
      context: { library: { name: 'analytics-node' }, ip: '10.0.0.1' },
      integrations: { All: false, Mixpanel: true },
    });
    expect(message).toEqual({
      type: 'track',
      event: 'Signed Up',
      userId: 'u-1',
      properties: { plan: 'pro', nested: { a: [1] } },
      context: { library: { name: 'analytics-node' }, ip: '10.0.0.1' },
      integrations: { All: false, Mixpanel: true },
    });
  });

  it('reads null as "not set" and numeric ids as strings', () => {
    const message = segmentMessageSchema.parse({
      ...track,
      userId: 42,
      anonymousId: null,
      properties: null,
      messageId: null,
    });
    expect(message).toEqual({ type: 'track', event: 'Signed Up', userId: '42' });
  });

  it('needs userId or anonymousId (naming userId); placeholders are refused', () => {
    expect(fieldOf({ type: 'track', event: 'x' })).toBe('userId');
    expect(fieldOf({ type: 'track', event: 'x', userId: null, anonymousId: null })).toBe('userId');
    for (const placeholder of ['null', 'undefined', '0', '', '  ', 0]) {
      expect(fieldOf({ ...track, userId: placeholder })).toBe('userId');
      expect(fieldOf({ type: 'page', anonymousId: placeholder })).toBe('anonymousId');
    }
    expect(fieldOf({ type: 'identify', anonymousId: 'a-1' })).toBeUndefined();
  });

  it('requires what each call needs', () => {
    expect(fieldOf({ type: 'track', userId: 'u' })).toBe('event');
    expect(fieldOf({ type: 'track', userId: 'u', event: '' })).toBe('event');
    expect(fieldOf({ type: 'group', userId: 'u' })).toBe('groupId');
    expect(fieldOf({ type: 'group', userId: 'u', groupId: 'undefined' })).toBe('groupId');
    expect(fieldOf({ type: 'alias', previousId: 'a-1' })).toBe('userId');
    expect(fieldOf({ type: 'alias', userId: 'u-1' })).toBe('previousId');
    expect(fieldOf({ type: 'alias', userId: 'u-1', previousId: 'null' })).toBe('previousId');
    expect(fieldOf({ type: 'alias', userId: 'u-1', previousId: 'a-1' })).toBeUndefined();
  });

  it('names the type when it is missing or unknown, under the batch prefix', () => {
    expect(fieldOf({ userId: 'u' }, segmentMessageSchema, 'batch[3]')).toBe('batch[3].type');
    expect(fieldOf({ ...track, type: 'tracks' }, segmentMessageSchema, 'batch[0]')).toBe(
      'batch[0].type',
    );
  });

  it('validates timestamps as ISO 8601 with a time zone', () => {
    expect(fieldOf({ ...track, timestamp: '2026-03-01T10:00:00.000Z' })).toBeUndefined();
    expect(fieldOf({ ...track, timestamp: '2026-03-01T10:00:00+02:00' })).toBeUndefined();
    expect(fieldOf({ ...track, timestamp: '01/03/2026' })).toBe('timestamp');
    expect(fieldOf({ ...track, sentAt: '2026-03-01T10:00:00' })).toBe('sentAt');
  });

  it('a track named like a catalogue type is validated strictly against it', () => {
    const order = { orderId: 'o-1', amount: 10, currency: 'EUR' };
    expect(fieldOf({ ...track, event: 'order.completed', properties: order })).toBeUndefined();
    expect(
      fieldOf({ ...track, event: 'order.completed', properties: { ...order, amount: -1 } }),
    ).toBe('properties.amount');
    expect(fieldOf({ ...track, event: 'order.completed', properties: { ...order, x: 1 } })).toBe(
      'properties.x',
    );
    expect(fieldOf({ ...track, event: 'order.completed' })).toBe('properties.orderId');
    // Not a catalogue type: anything goes.
    expect(fieldOf({ ...track, event: 'Order Completed', properties: { x: 1 } })).toBeUndefined();
  });

  it('the single-call schemas take the call type from the path', () => {
    expect(
      SEGMENT_MESSAGE_SCHEMAS.page.parse({ type: 'page', anonymousId: 'a', name: 'Home' }),
    ).toMatchObject({ name: 'Home' });
    expect(fieldOf({ type: 'page', anonymousId: 'a' }, SEGMENT_MESSAGE_SCHEMAS.screen)).toBe(
      'type',
    );
  });
});

describe('Segment batch envelope', () => {
  it('takes the messages, the shared context/integrations and sentAt; ignores the rest', () => {
    expect(
      segmentBatchSchema.parse({
        batch: [track],
        writeKey: 'k',
        sentAt: '2026-03-01T10:00:00.000Z',
        context: { library: { name: 'x' } },
      }),
    ).toEqual({
      batch: [track],
      sentAt: '2026-03-01T10:00:00.000Z',
      context: { library: { name: 'x' } },
    });
  });

  it('refuses an empty or non-array batch and more than 2500 messages, naming batch', () => {
    expect(fieldOf({ batch: [] }, segmentBatchSchema)).toBe('batch');
    expect(fieldOf({ batch: {} }, segmentBatchSchema)).toBe('batch');
    expect(fieldOf({}, segmentBatchSchema)).toBe('batch');
    expect(fieldOf({ batch: Array.from({ length: 2501 }, () => track) }, segmentBatchSchema)).toBe(
      'batch',
    );
  });
});
