import { ANY, NO_STREAM, STREAM_EXISTS } from '@kurrent/kurrentdb-client';
import { describe, expect, it } from 'vitest';
import { pinnedStreamState, toStreamState, versionMatches } from './toStreamState.ts';

describe('toStreamState', () => {
  it('maps each expected version to the client stream state', () => {
    expect(toStreamState('any')).toBe(ANY);
    expect(toStreamState('no_stream')).toBe(NO_STREAM);
    expect(toStreamState('stream_exists')).toBe(STREAM_EXISTS);
    expect(toStreamState(0n)).toBe(0n);
    expect(toStreamState(41n)).toBe(41n);
  });

  it('treats -1n as no stream and refuses other negative versions', () => {
    expect(toStreamState(-1n)).toBe(NO_STREAM);
    expect(() => toStreamState(-2n)).toThrow(TypeError);
  });

  it('pins an append to the observed version', () => {
    expect(pinnedStreamState(-1n)).toBe(NO_STREAM);
    expect(pinnedStreamState(7n)).toBe(7n);
  });
});

describe('versionMatches', () => {
  it.each([
    ['any', -1n, true],
    ['any', 3n, true],
    ['no_stream', -1n, true],
    ['no_stream', 0n, false],
    ['stream_exists', -1n, false],
    ['stream_exists', 0n, true],
    [2n, 2n, true],
    [2n, 3n, false],
  ] as const)('%s against %s → %s', (expected, current, result) => {
    expect(versionMatches(expected, current)).toBe(result);
  });
});
