import type { TimelineRow } from '@touchline/journey';
import { memberKeys, resolveCustomerKeys } from './identityMapTable.ts';
import type { Warehouse } from './warehouse.ts';

export interface TimelineEntry {
  readonly id: string;
  readonly type: string;
  /** The client's own event name (Segment track event, page or screen name), if any. */
  readonly event: string | null;
  readonly channel: string;
  readonly occurredAt: string;
  readonly receivedAt: string;
  readonly userId: string | null;
  readonly anonymousId: string | null;
  readonly position: number;
  readonly data: Record<string, unknown>;
  readonly context: Record<string, unknown>;
}

export interface TimelineQuery {
  readonly projectId: string;
  readonly customerKey: string;
  readonly limit?: number;
}

interface TimelineSqlRow {
  id: string;
  type: string;
  event_name: string;
  channel: string;
  occurred_at: string;
  received_at: string;
  user_id: string;
  anonymous_id: string;
  store_position: number | string;
  data: string;
  context: string;
}

/** ClickHouse DateTime64 text (UTC) → ISO 8601. */
export const fromClickHouseTime = (clickhouseTime: string): string =>
  `${clickhouseTime.replace(' ', 'T')}Z`;

export async function insertTimelineRows(
  warehouse: Warehouse,
  rows: readonly TimelineRow[],
  dedupToken?: string,
): Promise<void> {
  await warehouse.insert(
    `${warehouse.database}.timeline_events`,
    rows,
    dedupToken ? { dedupToken } : {},
  );
}

/**
 * A customer's touchpoints, newest first, identity-unified: `customerKey` may be any of the
 * customer's keys (user id, earlier user id, `anon:<anonymousId>`); the result holds the rows of
 * every key that resolves to the same canonical customer. FINAL collapses re-delivered rows.
 */
export async function readTimeline(
  warehouse: Warehouse,
  query: TimelineQuery,
): Promise<TimelineEntry[]> {
  const canonical =
    (await resolveCustomerKeys(warehouse, query.projectId, [query.customerKey])).get(
      query.customerKey,
    ) ?? query.customerKey;
  const keys = (await memberKeys(warehouse, query.projectId, [canonical])).get(canonical) ?? [
    canonical,
  ];
  const rows = await warehouse.query<TimelineSqlRow>(
    `SELECT toString(event_id) AS id, type, event_name, channel,
            toString(occurred_at) AS occurred_at, toString(received_at) AS received_at,
            user_id, anonymous_id, store_position, data, context
     FROM ${warehouse.database}.timeline_events FINAL
     WHERE project_id = {projectId:String} AND customer_key IN {keys:Array(String)}
     ORDER BY occurred_at DESC, event_id DESC
     LIMIT {limit:UInt32}`,
    { projectId: query.projectId, keys, limit: query.limit ?? 100 },
  );
  return rows.map((row) => ({
    id: row.id,
    type: row.type,
    event: row.event_name || null,
    channel: row.channel,
    occurredAt: fromClickHouseTime(row.occurred_at),
    receivedAt: fromClickHouseTime(row.received_at),
    userId: row.user_id || null,
    anonymousId: row.anonymous_id || null,
    position: Number(row.store_position),
    data: JSON.parse(row.data) as Record<string, unknown>,
    context: JSON.parse(row.context) as Record<string, unknown>,
  }));
}
