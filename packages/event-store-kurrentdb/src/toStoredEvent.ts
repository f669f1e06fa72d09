import type { Position } from '@kurrent/kurrentdb-client';
import type { StoredEvent } from '@touchline/event-store';
import { checkpointOf } from './kurrentCheckpoint.ts';

/** The fields of the client's RecordedEvent that the mapping reads. */
export interface RecordedEventLike {
  readonly streamId: string;
  readonly id: string;
  readonly type: string;
  readonly revision: bigint;
  readonly created: Date;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly position?: Position | undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  !(value instanceof Uint8Array);

/**
 * A KurrentDB event as a StoredEvent. `globalPosition` is the prepare position (unique per event),
 * `checkpoint` is "<commit>:<prepare>". Stream reads carry the position from server 22.6 on; the
 * record's commit position is the fallback.
 */
export function toStoredEvent(event: RecordedEventLike, commitPosition?: bigint): StoredEvent {
  const position =
    event.position ??
    (commitPosition === undefined
      ? undefined
      : { commit: commitPosition, prepare: commitPosition });
  if (!position)
    throw new Error(
      `KurrentDB returned event ${event.id} without a log position (server older than 22.6?)`,
    );
  return {
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: isRecord(event.metadata) ? event.metadata : {},
    streamId: event.streamId,
    streamVersion: event.revision,
    globalPosition: position.prepare,
    checkpoint: checkpointOf(position),
    recordedAt: event.created,
  };
}
