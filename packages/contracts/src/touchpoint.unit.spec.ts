import { describe, expect, it } from 'vitest';
import { ApiError } from './errors.ts';
import { touchpointInputSchema } from './touchpoint.ts';
import { parseOrThrow } from './validation.ts';

const valid = { type: 'order.placed', channel: 'web', userId: 'u-1' };

const fieldOf = (value: unknown): string | undefined => {
  try {
    parseOrThrow(touchpointInputSchema, value);
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

  it.each([
    [{ ...valid, channel: 'carrier-pigeon' }, 'channel'],
    [{ ...valid, type: 'Order Placed' }, 'type'],
    [{ channel: 'web', userId: 'u' }, 'type'],
    [{ type: 'order.placed', channel: 'web' }, 'userId'],
    [{ ...valid, userId: 'null' }, 'userId'],
    [{ ...valid, userId: '' }, 'userId'],
    [{ ...valid, anonymousId: 'undefined' }, 'anonymousId'],
    [{ ...valid, occurredAt: 'yesterday' }, 'occurredAt'],
    [{ ...valid, id: 'not-a-uuid' }, 'id'],
    [{ ...valid, data: [1, 2] }, 'data'],
    [{ ...valid, surprise: true }, 'surprise'],
    ['a string', '(body)'],
  ])('names the bad field: %j → %s', (input, field) => {
    expect(fieldOf(input)).toBe(field);
  });
});
