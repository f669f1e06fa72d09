import type { StoredEvent } from '@touchline/event-store';
import type { OutboundMessage, SourcedEvent } from './stream.ts';

interface WireEvent {
  id: string;
  type: string;
  streamId: string;
  streamVersion: string;
  globalPosition: string;
  checkpoint: string;
  recordedAt: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

/**
 * A stored event as a Kafka message: keyed by its stream (one customer), JSON value, and
 * CloudEvents attributes plus the store position in headers so consumers can route and dedupe
 * without parsing the value.
 */
export function toEventMessage(event: SourcedEvent, source: string): OutboundMessage {
  const wire: WireEvent = {
    id: event.id,
    type: event.type,
    streamId: event.streamId,
    streamVersion: event.streamVersion.toString(),
    globalPosition: event.globalPosition.toString(),
    checkpoint: event.checkpoint,
    recordedAt: event.recordedAt,
    data: event.data,
    metadata: event.metadata,
  };
  return {
    key: event.streamId,
    value: JSON.stringify(wire),
    headers: {
      ce_specversion: '1.0',
      ce_id: event.id,
      ce_type: event.type,
      ce_source: source,
      ce_time: wire.recordedAt,
      'content-type': 'application/json',
      tl_stream: event.streamId,
      tl_position: wire.globalPosition,
      tl_checkpoint: event.checkpoint,
    },
  };
}

export function fromEventMessage(value: Buffer | string): SourcedEvent {
  const wire = JSON.parse(value.toString()) as WireEvent;
  return {
    ...wire,
    streamVersion: BigInt(wire.streamVersion),
    globalPosition: BigInt(wire.globalPosition),
  };
}

export function fromStoredEvent(event: StoredEvent): SourcedEvent {
  return { ...event, recordedAt: event.recordedAt.toISOString() };
}
