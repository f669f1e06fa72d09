import { describe, expect, it } from 'vitest';
import { segmentMessageSchema } from '@touchline/contracts';
import { timelineRow } from '@touchline/journey';
import { identityFact } from './identityFact.ts';
import { segmentPreparedItem } from './segmentPreparedItem.ts';

const metadata = { receivedAt: '2026-03-01T12:00:00.000Z', source: 'test' };
const id = '00000000-0000-4000-8000-000000000001';

describe('identityFact', () => {
  it('only identify with both ids and alias assert one', () => {
    const fact = (input: unknown) => identityFact(segmentMessageSchema.parse(input), id, metadata);
    expect(fact({ type: 'identify', userId: 'u-1' })).toBeUndefined();
    expect(fact({ type: 'identify', anonymousId: 'a-1' })).toBeUndefined();
    expect(fact({ type: 'track', event: 'x', userId: 'u-1', anonymousId: 'a-1' })).toBeUndefined();
    expect(fact({ type: 'identify', userId: 'u-1', anonymousId: 'a-1' })?.type).toBe(
      'identity.linked',
    );
    expect(fact({ type: 'alias', userId: 'u-1', previousId: 'a-1' })?.type).toBe(
      'identity.aliased',
    );
  });

  it('is not a touchpoint for the timeline, while its touchpoint is', () => {
    for (const input of [
      { type: 'identify', userId: 'u-1', anonymousId: 'a-1' },
      { type: 'alias', userId: 'u-1', previousId: 'a-1' },
    ]) {
      const item = segmentPreparedItem({
        message: segmentMessageSchema.parse(input),
        projectId: 'shop',
        index: 0,
        receivedAt: new Date(metadata.receivedAt),
        source: 'test',
      });
      const [touchpoint, fact] = item.events.map((event, i) =>
        timelineRow({
          ...event,
          metadata: event.metadata ?? {},
          globalPosition: BigInt(i + 1),
          recordedAt: metadata.receivedAt,
        }),
      );
      expect(touchpoint).toMatchObject({
        customer_key: 'u-1',
        type: `segment.${input.type}`,
        channel: 'other',
      });
      expect(fact).toBeUndefined();
    }
  });
});
