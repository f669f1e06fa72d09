import { randomUUID } from 'node:crypto';
import {
  isCatalogueType,
  type SegmentMessage,
  type TouchpointMetadata,
  type TouchpointRecord,
} from '@touchline/contracts';
import { deterministicUuid, type NewEvent } from '@touchline/event-store';
import { customerKey, customerStreamId } from '@touchline/journey';
import type { PreparedItem } from '../appendTouchpoints.ts';
import { identityFact } from './identityFact.ts';
import { segmentChannel } from './segmentChannel.ts';
import { segmentOccurredAt } from './segmentOccurredAt.ts';

/** Stored type of a Segment call that is not a typed touchpoint: `segment.track`, `segment.page`, … */
export const SEGMENT_TYPE_PREFIX = 'segment.';

export interface SegmentItemInput {
  readonly message: SegmentMessage;
  readonly projectId: string;
  /** The message's position in its request. */
  readonly index: number;
  readonly receivedAt: Date;
  readonly source: string;
  /** The id of a message without `messageId`; default: a random UUID. */
  readonly newId?: () => string;
}

/** The event id: derived from the project and `messageId`, so a retried message is a duplicate. */
export function segmentEventId(projectId: string, messageId: string): string {
  return deterministicUuid(`segment:${projectId}:${messageId}`);
}

/** A track named exactly like a catalogue type is that typed touchpoint; others are generic. */
export function segmentEventType(message: SegmentMessage): string {
  if (message.type === 'track' && isCatalogueType(message.event)) return message.event;
  return `${SEGMENT_TYPE_PREFIX}${message.type}`;
}

/** `data`: the properties of track/page/screen, the traits of identify/group, nothing for alias. */
const dataOf = (message: SegmentMessage): Record<string, unknown> => {
  switch (message.type) {
    case 'track':
      return message.properties ?? {};
    case 'page':
    case 'screen': {
      const properties = message.properties ?? {};
      return message.category === undefined || 'category' in properties
        ? properties
        : { ...properties, category: message.category };
    }
    case 'identify':
    case 'group':
      return message.traits ?? {};
    case 'alias':
      return {};
  }
};

const nameOf = (message: SegmentMessage): string | undefined =>
  message.type === 'track'
    ? message.event
    : message.type === 'page' || message.type === 'screen'
      ? message.name
      : undefined;

const utc = (iso: string | undefined) =>
  iso === undefined ? undefined : new Date(iso).toISOString();

/**
 * Turns a validated Segment message into what is appended to the customer's stream (the user's,
 * else `anon:<anonymousId>`): the touchpoint, then the identity fact an identify or alias asserts.
 * Pure but for the random id of a message without `messageId`.
 */
export function segmentPreparedItem(input: SegmentItemInput): PreparedItem {
  const { message, projectId, receivedAt } = input;
  const key = customerKey(message);
  const id =
    message.messageId === undefined
      ? (input.newId ?? randomUUID)()
      : segmentEventId(projectId, message.messageId);
  const event = nameOf(message);
  const groupId = message.type === 'group' ? message.groupId : undefined;
  const previousId = message.type === 'alias' ? message.previousId : undefined;
  const traitsAreData = message.type === 'identify' || message.type === 'group';
  const sentAt = utc(message.sentAt);
  const originalTimestamp = utc(message.timestamp);
  const record: TouchpointRecord = {
    specversion: '1.0',
    schemaVersion: 1,
    projectId,
    customerKey: key,
    ...(message.userId !== undefined ? { userId: message.userId } : {}),
    ...(message.anonymousId !== undefined ? { anonymousId: message.anonymousId } : {}),
    channel: segmentChannel(message.type, message.context),
    occurredAt: segmentOccurredAt({ timestamp: message.timestamp, sentAt, receivedAt }),
    data: dataOf(message),
    ...(message.context !== undefined ? { context: message.context } : {}),
    ...(event !== undefined ? { event } : {}),
    ...(!traitsAreData && message.traits !== undefined ? { traits: message.traits } : {}),
    ...(groupId !== undefined ? { groupId } : {}),
    ...(previousId !== undefined ? { previousId } : {}),
    ...(message.integrations !== undefined ? { integrations: message.integrations } : {}),
    ...(message.messageId !== undefined ? { messageId: message.messageId } : {}),
    ...(sentAt !== undefined ? { sentAt } : {}),
    ...(originalTimestamp !== undefined ? { originalTimestamp } : {}),
  };
  const metadata = {
    receivedAt: receivedAt.toISOString(),
    source: input.source,
  } satisfies TouchpointMetadata;
  const touchpoint: NewEvent = { id, type: segmentEventType(message), data: record, metadata };
  const fact = identityFact(message, id, { ...metadata });
  return {
    index: input.index,
    streamId: customerStreamId(projectId, key),
    events: fact ? [touchpoint, fact] : [touchpoint],
  };
}
