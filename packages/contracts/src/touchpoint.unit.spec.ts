import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ApiError } from './errors.ts';
import { touchpointBatchSchema, touchpointInputSchema } from './touchpoint.ts';
import { parseOrThrow } from './validation.ts';

const valid = {
  type: 'order.placed',
  channel: 'web',
  userId: 'u-1',
  data: { orderId: 'o-1', amount: 12.5, currency: 'EUR' },
};

const fieldOf = (
  value: unknown,
  schema: z.ZodType = touchpointInputSchema,
  prefix = '',
): string | undefined => {
  try {
    parseOrThrow(schema, value, prefix);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('TL_INVALID_FIELD');
    return (error as ApiError).field;
  }
};

describe('touchpoint validation', () => {
  it('accepts a minimal touchpoint', () => {
    expect(fieldOf(valid)).toBeUndefined();
  });

  it('accepts a custom.* type with free-form data, or none', () => {
    expect(fieldOf({ ...valid, type: 'custom.webinar_attended', data: { any: ['thing'] } })).toBe(
      undefined,
    );
    expect(fieldOf({ type: 'custom.webinar_attended', channel: 'web', userId: 'u-1' })).toBe(
      undefined,
    );
  });

  it.each([
    [{ ...valid, channel: 'carrier-pigeon' }, 'channel'],
    [{ ...valid, type: 'Order Placed' }, 'type'],
    [{ ...valid, type: 'order.teleported' }, 'type'],
    [{ ...valid, type: 'custom' }, 'type'],
    [{ channel: 'web', userId: 'u' }, 'type'],
    [{ type: 'order.placed', channel: 'web', data: valid.data }, 'userId'],
    [{ ...valid, userId: 'null' }, 'userId'],
    [{ ...valid, userId: '' }, 'userId'],
    [{ ...valid, anonymousId: 'undefined' }, 'anonymousId'],
    [{ ...valid, occurredAt: 'yesterday' }, 'occurredAt'],
    [{ ...valid, id: 'not-a-uuid' }, 'id'],
    [{ ...valid, data: [1, 2] }, 'data'],
    [{ ...valid, data: undefined }, 'data.orderId'],
    [{ ...valid, data: { ...valid.data, amount: -1 } }, 'data.amount'],
    [{ ...valid, surprise: true }, 'surprise'],
    ['a string', '(body)'],
  ])('names the bad field: %j → %s', (input, field) => {
    expect(fieldOf(input)).toBe(field);
  });

  it('says what a type must be', () => {
    expect(() =>
      parseOrThrow(touchpointInputSchema, { ...valid, type: 'webinar.attended' }),
    ).toThrow(/catalogue type.*custom\./);
  });
});

describe('touchpoint batch envelope', () => {
  it('accepts 1..500 objects, without judging the items', () => {
    expect(fieldOf({ batch: [valid, { type: 'nonsense' }] }, touchpointBatchSchema)).toBe(
      undefined,
    );
    expect(
      fieldOf({ batch: Array.from({ length: 500 }, () => valid) }, touchpointBatchSchema),
    ).toBe(undefined);
  });

  it.each([
    [{}, 'batch'],
    [{ batch: [] }, 'batch'],
    [{ batch: Array.from({ length: 501 }, () => valid) }, 'batch'],
    [{ batch: [valid, 'x'] }, 'batch[1]'],
    [{ batch: [valid], extra: 1 }, 'extra'],
    [[valid], '(body)'],
  ])('names the bad field: %j → %s', (input, field) => {
    expect(fieldOf(input, touchpointBatchSchema)).toBe(field);
  });

  it('an item is validated on its own, its fields prefixed with batch[i]', () => {
    const item = { ...valid, type: 'survey.answered', data: { kind: 'csat', score: 9 } };
    expect(fieldOf(item, touchpointInputSchema, 'batch[3]')).toBe('batch[3].data.score');
  });
});
