import { describe, expect, it } from 'vitest';
import { segmentItemResult } from './segmentItemResult.ts';

describe('segmentItemResult', () => {
  it('a messageId stored before with other data is a duplicate (Segment: first one wins)', () => {
    expect(
      segmentItemResult({
        index: 2,
        id: 'e-1',
        status: 'rejected',
        code: 'TL_EVENT_ID_REUSED',
        field: 'id',
        message: 'reused',
      }),
    ).toEqual({ index: 2, id: 'e-1', status: 'duplicate' });
  });

  it('leaves other answers as they are', () => {
    const accepted = { index: 0, id: 'e-1', status: 'accepted' } as const;
    const rejected = {
      index: 1,
      id: 'e-2',
      status: 'rejected',
      code: 'TL_WRONG_EXPECTED_VERSION',
    } as const;
    expect(segmentItemResult(accepted)).toBe(accepted);
    expect(segmentItemResult(rejected)).toBe(rejected);
  });
});
