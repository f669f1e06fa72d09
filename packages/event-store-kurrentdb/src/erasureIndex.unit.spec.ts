import { toCheckpoint, type StoredEvent } from '@touchline/event-store';
import { describe, expect, it } from 'vitest';
import { applyErasureRecords, withoutErased } from './erasureIndex.ts';

const event = (streamId: string, version: bigint): StoredEvent => ({
  id: `${streamId}-${version}`,
  type: 't',
  data: {},
  metadata: {},
  streamId,
  streamVersion: version,
  globalPosition: version,
  checkpoint: toCheckpoint(version, version),
  recordedAt: new Date(0),
});

describe('withoutErased', () => {
  it('drops events below a stream’s truncate-before revision and keeps the tombstone', () => {
    const page = [event('a', 0n), event('a', 1n), event('b', 0n), event('a', 2n)];
    const kept = withoutErased(page, new Map([['a', 2n]]));
    expect(kept.map((e) => e.id)).toEqual(['b-0', 'a-2']);
  });

  it('keeps everything when nothing was erased', () => {
    expect(withoutErased([event('a', 0n)], new Map())).toHaveLength(1);
  });
});

describe('applyErasureRecords', () => {
  it('folds records into the map, keeping the highest bound, ignoring malformed ones', () => {
    const erasures = new Map<string, bigint>();
    applyErasureRecords(erasures, [
      { streamId: 'a', truncateBefore: '5' },
      { streamId: 'a', truncateBefore: '3' },
      { streamId: 'b', truncateBefore: '2' },
      { streamId: 'c' },
      'noise',
      null,
    ]);
    expect(erasures).toEqual(
      new Map([
        ['a', 5n],
        ['b', 2n],
      ]),
    );
  });
});
