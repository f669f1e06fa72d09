import type { TouchpointRecord } from '@touchline/contracts';

/** One row of the ClickHouse `timeline_events` table. */
export interface TimelineRow {
  readonly project_id: string;
  readonly customer_key: string;
  readonly occurred_at: string;
  readonly event_id: string;
  readonly type: string;
  /** The client's name for a generic touchpoint (Segment event, page or screen name), else ''. */
  readonly event_name: string;
  readonly channel: string;
  readonly user_id: string;
  readonly anonymous_id: string;
  readonly received_at: string;
  readonly store_position: number;
  readonly data: string;
  readonly context: string;
}

/** The minimum a log entry carries for projection, whichever transport delivered it. */
export interface LoggedEvent {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Record<string, unknown>;
  readonly globalPosition: bigint;
  /** When the store recorded it (ISO); the fallback for a missing receivedAt. */
  readonly recordedAt: string;
}

const isTouchpoint = (data: unknown): data is TouchpointRecord =>
  typeof data === 'object' &&
  data !== null &&
  'customerKey' in data &&
  'projectId' in data &&
  'channel' in data;

/** ClickHouse DateTime64(3) text form, UTC: `2026-01-02 03:04:05.678`. */
export const toClickHouseTime = (iso: string): string =>
  iso.replace('T', ' ').replace(/Z$/, '').slice(0, 23);

/** Maps a stored touchpoint to its timeline row; other event kinds yield no row. Pure. */
export function timelineRow(event: LoggedEvent): TimelineRow | undefined {
  if (!isTouchpoint(event.data)) return undefined;
  const record = event.data;
  const receivedAt =
    typeof event.metadata.receivedAt === 'string' ? event.metadata.receivedAt : event.recordedAt;
  return {
    project_id: record.projectId,
    customer_key: record.customerKey,
    occurred_at: toClickHouseTime(record.occurredAt ?? receivedAt),
    event_id: event.id,
    type: event.type,
    event_name: record.event ?? '',
    channel: record.channel,
    user_id: record.userId ?? '',
    anonymous_id: record.anonymousId ?? '',
    received_at: toClickHouseTime(receivedAt),
    store_position: Number(event.globalPosition),
    data: JSON.stringify(record.data),
    context: JSON.stringify(record.context ?? {}),
  };
}
