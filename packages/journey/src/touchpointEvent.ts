import type { TouchpointMetadata, TouchpointRecord, ValidTouchpoint } from '@touchline/contracts';
import { customerKey, customerStreamId } from './customerKey.ts';

export interface TouchpointEventInput {
  readonly touchpoint: ValidTouchpoint;
  readonly projectId: string;
  readonly eventId: string;
  readonly receivedAt: Date;
  readonly source: string;
}

export interface TouchpointEvent {
  readonly streamId: string;
  readonly event: {
    readonly id: string;
    readonly type: string;
    readonly data: TouchpointRecord;
    readonly metadata: TouchpointMetadata & Record<string, unknown>;
  };
}

/** Turns a validated touchpoint into the event appended to the customer's stream. Pure. */
export function touchpointEvent(input: TouchpointEventInput): TouchpointEvent {
  const { touchpoint, projectId } = input;
  const key = customerKey(touchpoint);
  const record: TouchpointRecord = {
    specversion: '1.0',
    schemaVersion: 1,
    projectId,
    customerKey: key,
    ...(touchpoint.userId !== undefined ? { userId: touchpoint.userId } : {}),
    ...(touchpoint.anonymousId !== undefined ? { anonymousId: touchpoint.anonymousId } : {}),
    channel: touchpoint.channel,
    ...(touchpoint.occurredAt !== undefined
      ? { occurredAt: new Date(touchpoint.occurredAt).toISOString() }
      : {}),
    data: touchpoint.data,
    ...(touchpoint.context !== undefined ? { context: touchpoint.context } : {}),
  };
  return {
    streamId: customerStreamId(projectId, key),
    event: {
      id: input.eventId,
      type: touchpoint.type,
      data: record,
      metadata: { receivedAt: input.receivedAt.toISOString(), source: input.source },
    },
  };
}
