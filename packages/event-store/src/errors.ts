import type { ExpectedVersion } from './eventStore.ts';

export class ConcurrencyError extends Error {
  readonly code = 'TL_WRONG_EXPECTED_VERSION';
  readonly httpStatus = 412;
  readonly streamId: string;
  readonly expected: ExpectedVersion;
  readonly actual: bigint;
  constructor(streamId: string, expected: ExpectedVersion, actual: bigint) {
    super(
      `Stream ${streamId}: expected version ${String(expected)}, actual ${actual === -1n ? 'no_stream' : actual}`,
    );
    this.name = 'ConcurrencyError';
    this.streamId = streamId;
    this.expected = expected;
    this.actual = actual;
  }
}

export class DuplicateEventConflictError extends Error {
  readonly code = 'TL_EVENT_ID_REUSED';
  readonly httpStatus = 409;
  readonly eventId: string;
  constructor(eventId: string) {
    super(`Event id ${eventId} was already appended with a different type, stream or payload`);
    this.name = 'DuplicateEventConflictError';
    this.eventId = eventId;
  }
}
