import { ErrorType } from '@kurrent/kurrentdb-client';
import { ConcurrencyError, type ExpectedVersion } from '@touchline/event-store';

/** The fields of the client's WrongExpectedVersionError that the mapping reads. */
interface WrongExpectedVersionLike {
  readonly type: ErrorType.WRONG_EXPECTED_VERSION;
  readonly actualState: bigint | 'no_stream';
}

const typeOf = (error: unknown): unknown =>
  typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined;

export const isWrongExpectedVersion = (error: unknown): error is WrongExpectedVersionLike =>
  typeOf(error) === ErrorType.WRONG_EXPECTED_VERSION;

export const isStreamNotFound = (error: unknown): boolean =>
  typeOf(error) === ErrorType.STREAM_NOT_FOUND;

/** The client's WrongExpectedVersionError as our ConcurrencyError; undefined for any other error. */
export function toConcurrencyError(
  streamId: string,
  expected: ExpectedVersion,
  error: unknown,
): ConcurrencyError | undefined {
  if (!isWrongExpectedVersion(error)) return undefined;
  const actual = typeof error.actualState === 'bigint' ? error.actualState : -1n;
  return new ConcurrencyError(streamId, expected, actual);
}
