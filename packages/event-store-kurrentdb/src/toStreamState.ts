import { ANY, NO_STREAM, STREAM_EXISTS, type AppendStreamState } from '@kurrent/kurrentdb-client';
import type { ExpectedVersion } from '@touchline/event-store';

/** Our expected version as the client's `streamState` (a bigint is the stream's last revision). */
export function toStreamState(expected: ExpectedVersion): AppendStreamState {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'stream_exists') return STREAM_EXISTS;
  if (expected === -1n) return NO_STREAM;
  if (expected < -1n) throw new TypeError(`Not a stream version: ${expected}`);
  return expected;
}

/** The stream state that pins an append to the version we observed (-1n: no stream yet). */
export const pinnedStreamState = (current: bigint): AppendStreamState =>
  toStreamState(current === -1n ? 'no_stream' : current);

/** Whether the stream's current version (-1n: absent) satisfies the expectation. */
export function versionMatches(expected: ExpectedVersion, current: bigint): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return current === -1n;
  if (expected === 'stream_exists') return current >= 0n;
  return current === expected;
}
