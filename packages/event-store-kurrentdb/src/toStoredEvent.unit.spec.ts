import { toCheckpoint } from '@touchline/event-store';
import { describe, expect, it } from 'vitest';
import { toStoredEvent, type RecordedEventLike } from './toStoredEvent.ts';

const recorded: RecordedEventLike = {
  streamId: 'customer-1',
  id: '5b7a2f9e-3c1d-4e8f-9a0b-1c2d3e4f5a6b',
  type: 'order.placed',
  revision: 3n,
  created: new Date('2026-01-02T03:04:05Z'),
  data: { total: 12 },
  metadata: { source: 'web' },
  position: { commit: 900n, prepare: 880n },
};

describe('toStoredEvent', () => {
  it('maps a recorded event, with the checkpoint from commit:prepare', () => {
    expect(toStoredEvent(recorded)).toEqual({
      id: recorded.id,
      type: 'order.placed',
      data: { total: 12 },
      metadata: { source: 'web' },
      streamId: 'customer-1',
      streamVersion: 3n,
      globalPosition: 880n,
      checkpoint: toCheckpoint(900n, 880n),
      recordedAt: recorded.created,
    });
  });

  it('uses {} for absent or non-object metadata', () => {
    expect(toStoredEvent({ ...recorded, metadata: undefined }).metadata).toEqual({});
    expect(toStoredEvent({ ...recorded, metadata: new Uint8Array([1]) }).metadata).toEqual({});
    expect(toStoredEvent({ ...recorded, metadata: [1] }).metadata).toEqual({});
  });

  it('falls back to the commit position, and fails loudly without any position', () => {
    const { position: _, ...withoutPosition } = recorded;
    expect(toStoredEvent(withoutPosition, 77n).checkpoint).toBe(toCheckpoint(77n, 77n));
    expect(() => toStoredEvent(withoutPosition)).toThrow(/without a log position/);
  });
});
