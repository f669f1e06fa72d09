import { START as FROM_START } from '@kurrent/kurrentdb-client';
import { START, toCheckpoint, type Checkpoint } from '@touchline/event-store';
import { describe, expect, it } from 'vitest';
import {
  afterCheckpoint,
  checkpointOf,
  positionOf,
  readPositionAfter,
} from './kurrentCheckpoint.ts';

describe('checkpoints from $all positions', () => {
  it('formats commit:prepare zero-padded, as toCheckpoint does', () => {
    expect(checkpointOf({ commit: 1234n, prepare: 1200n })).toBe(
      '00000000000000001234:00000000000000001200',
    );
    expect(checkpointOf({ commit: 5n, prepare: 6n })).toBe(toCheckpoint(5n, 6n));
  });

  it('round-trips through positionOf', () => {
    const position = { commit: 18_446_744_073_709_551_615n, prepare: 42n };
    expect(positionOf(checkpointOf(position))).toEqual(position);
  });

  it('orders as strings the way the log orders positions', () => {
    const positions = [
      { commit: 9n, prepare: 9n },
      { commit: 10n, prepare: 10n },
      { commit: 10n, prepare: 11n },
      { commit: 100n, prepare: 2n },
    ];
    const checkpoints = positions.map(checkpointOf);
    expect([...checkpoints].sort()).toEqual(checkpoints);
  });

  it('reads from the start for no checkpoint or START, else from the stored position', () => {
    expect(readPositionAfter(undefined)).toBe(FROM_START);
    expect(readPositionAfter(START)).toBe(FROM_START);
    expect(readPositionAfter(toCheckpoint(7n, 3n))).toEqual({ commit: 7n, prepare: 3n });
  });
});

describe('afterCheckpoint (exclusive reads)', () => {
  const at = (commit: bigint) => ({ checkpoint: toCheckpoint(commit, commit), n: commit });
  const page = [at(10n), at(20n), at(30n)];

  it('drops the event at the stored position and anything before it', () => {
    expect(afterCheckpoint(page, toCheckpoint(10n, 10n)).map((e) => e.n)).toEqual([20n, 30n]);
    expect(afterCheckpoint(page, toCheckpoint(25n, 25n)).map((e) => e.n)).toEqual([30n]);
    expect(afterCheckpoint(page, toCheckpoint(30n, 30n))).toEqual([]);
  });

  it('keeps everything without a checkpoint or from START', () => {
    expect(afterCheckpoint(page, undefined)).toHaveLength(3);
    expect(afterCheckpoint(page, START)).toHaveLength(3);
  });

  it('compares the prepare part when commits are equal', () => {
    const same = [{ checkpoint: toCheckpoint(10n, 1n) }, { checkpoint: toCheckpoint(10n, 2n) }] as {
      checkpoint: Checkpoint;
    }[];
    expect(afterCheckpoint(same, toCheckpoint(10n, 1n))).toEqual([same[1]]);
  });
});
