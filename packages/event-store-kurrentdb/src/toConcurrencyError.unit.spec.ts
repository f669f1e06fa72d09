import { StreamNotFoundError, WrongExpectedVersionError } from '@kurrent/kurrentdb-client';
import { ConcurrencyError } from '@touchline/event-store';
import { describe, expect, it } from 'vitest';
import { isStreamNotFound, toConcurrencyError } from './toConcurrencyError.ts';

describe('toConcurrencyError', () => {
  it('maps an error shaped like WrongExpectedVersionError, with the actual revision', () => {
    const fake = {
      type: 'wrong-expected-version',
      streamName: 's-1',
      expectedState: 1n,
      actualState: 2n,
    };
    const error = toConcurrencyError('s-1', 1n, fake);
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({ streamId: 's-1', expected: 1n, actual: 2n, httpStatus: 412 });
  });

  it('maps a missing stream (actual no_stream) to -1n', () => {
    const fake = { type: 'wrong-expected-version', actualState: 'no_stream' };
    expect(toConcurrencyError('s-2', 'stream_exists', fake)).toMatchObject({
      expected: 'stream_exists',
      actual: -1n,
    });
  });

  it('maps the client’s own WrongExpectedVersionError', () => {
    const real = new WrongExpectedVersionError(undefined, {
      streamName: 's-3',
      expected: 'no_stream',
      current: 0n,
    });
    expect(toConcurrencyError('s-3', 'no_stream', real)).toMatchObject({
      expected: 'no_stream',
      actual: 0n,
    });
  });

  it('leaves other errors alone', () => {
    expect(toConcurrencyError('s', 'any', new Error('boom'))).toBeUndefined();
    expect(toConcurrencyError('s', 'any', { type: 'stream-deleted' })).toBeUndefined();
    expect(toConcurrencyError('s', 'any', undefined)).toBeUndefined();
  });
});

describe('isStreamNotFound', () => {
  it('recognises the client’s StreamNotFoundError and its shape only', () => {
    expect(isStreamNotFound(new StreamNotFoundError(undefined, 's'))).toBe(true);
    expect(isStreamNotFound({ type: 'stream-not-found' })).toBe(true);
    expect(isStreamNotFound(new Error('stream-not-found'))).toBe(false);
  });
});
