import { describe, expect, it } from 'vitest';
import { segmentOccurredAt } from './segmentOccurredAt.ts';

const receivedAt = new Date('2026-03-01T12:00:00.000Z');

describe('segmentOccurredAt (clock-skew correction)', () => {
  it('receivedAt − (sentAt − timestamp) when both client times are given', () => {
    // The client clock runs an hour fast; the event happened 10 minutes before it was sent.
    expect(
      segmentOccurredAt({
        timestamp: '2026-03-01T12:50:00.000Z',
        sentAt: '2026-03-01T13:00:00.000Z',
        receivedAt,
      }),
    ).toBe('2026-03-01T11:50:00.000Z');
  });

  it('handles offsets and normalises to UTC', () => {
    expect(
      segmentOccurredAt({
        timestamp: '2026-03-01T13:59:59.500+02:00',
        sentAt: '2026-03-01T12:00:00.000Z',
        receivedAt,
      }),
    ).toBe('2026-03-01T11:59:59.500Z');
  });

  it('the timestamp as sent without sentAt; receivedAt without a timestamp', () => {
    expect(segmentOccurredAt({ timestamp: '2026-02-01T00:00:00+01:00', receivedAt })).toBe(
      '2026-01-31T23:00:00.000Z',
    );
    expect(segmentOccurredAt({ sentAt: '2026-03-01T13:00:00.000Z', receivedAt })).toBe(
      '2026-03-01T12:00:00.000Z',
    );
    expect(segmentOccurredAt({ receivedAt })).toBe('2026-03-01T12:00:00.000Z');
  });

  it('ignores a client time it cannot read', () => {
    expect(
      segmentOccurredAt({ timestamp: '2026-03-01T11:00:00.000Z', sentAt: 'soon', receivedAt }),
    ).toBe('2026-03-01T11:00:00.000Z');
    expect(segmentOccurredAt({ timestamp: 'then', receivedAt })).toBe(receivedAt.toISOString());
  });
});
