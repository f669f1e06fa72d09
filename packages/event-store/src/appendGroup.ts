import { ConcurrencyError, DuplicateEventConflictError } from './errors.ts';
import type { AppendResult, ExpectedVersion, NewEvent } from './eventStore.ts';
import { sameJson } from './sameJson.ts';
import type { SqlQueryable } from './sqlExecutor.ts';

export interface AppendRequest {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expectedVersion: ExpectedVersion;
}

/** Thrown inside the group transaction to roll it back so that each request is retried alone. */
export class GroupRetryAlone extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'GroupRetryAlone';
  }
}

export const versionMatches = (expected: ExpectedVersion, previous: bigint): boolean => {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return previous === -1n;
  if (expected === 'stream_exists') return previous >= 0n;
  return previous === expected;
};

interface KnownEvent {
  readonly streamId: string;
  readonly type: string;
  readonly data: unknown;
}

interface EventRow {
  stream_id: string;
  stream_version: string;
  id: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

const sameEvent = (known: KnownEvent, streamId: string, event: NewEvent): boolean =>
  known.streamId === streamId && known.type === event.type && sameJson(known.data, event.data);

/**
 * Appends many requests (to any streams) in one transaction. Each request is judged on its own:
 * a version conflict or a reused id fails that request only, and nothing of it is written. Stream
 * rows are locked in a fixed order, so concurrent groups cannot deadlock on them.
 */
export async function appendGroup(
  tx: SqlQueryable,
  requests: readonly AppendRequest[],
): Promise<(AppendResult | Error)[]> {
  const streamIds = [...new Set(requests.map((r) => r.streamId))].sort();
  const allIds = requests.flatMap((r) => r.events.map((e) => e.id.toLowerCase()));
  // One round trip: lock the streams' rows (in a fixed order, so concurrent groups cannot
  // deadlock) and look up every event id of the group.
  const found = await tx.query<{
    kind: 'stream' | 'event';
    stream_id: string;
    version: string | null;
    event_id: string | null;
    type: string | null;
    data: unknown;
  }>(
    `WITH locked AS (
       SELECT stream_id, version FROM tl_streams
       WHERE stream_id = ANY($1::text[]) ORDER BY stream_id FOR UPDATE)
     SELECT 'stream' AS kind, stream_id, version::text AS version, NULL AS event_id, NULL AS type, NULL::jsonb AS data
     FROM locked
     UNION ALL
     SELECT 'event', stream_id, NULL, event_id::text, type, data FROM tl_events WHERE event_id = ANY($2::uuid[])`,
    [streamIds, allIds],
  );
  const stored = new Map(
    found
      .filter((row) => row.kind === 'stream')
      .map((row) => [row.stream_id, BigInt(row.version!)]),
  );
  const versions = new Map(stored);
  const existing = found
    .filter((row) => row.kind === 'event')
    .map((row) => ({
      event_id: row.event_id!,
      stream_id: row.stream_id,
      type: row.type!,
      data: row.data,
    }));
  const known = new Map<string, KnownEvent>(
    existing.map((row) => [
      row.event_id,
      { streamId: row.stream_id, type: row.type, data: row.data },
    ]),
  );

  const rows: EventRow[] = [];
  const results = requests.map((request): AppendResult | Error => {
    const duplicates: string[] = [];
    const fresh: NewEvent[] = [];
    for (const event of request.events) {
      const seen = known.get(event.id.toLowerCase());
      if (seen === undefined) fresh.push(event);
      else if (sameEvent(seen, request.streamId, event)) duplicates.push(event.id);
      else return new DuplicateEventConflictError(event.id);
    }
    const previous = versions.get(request.streamId) ?? -1n;
    if (fresh.length === 0)
      return { streamId: request.streamId, streamVersion: previous, appended: [], duplicates };
    if (!versionMatches(request.expectedVersion, previous)) {
      return new ConcurrencyError(request.streamId, request.expectedVersion, previous);
    }
    fresh.forEach((event, i) => {
      known.set(event.id.toLowerCase(), {
        streamId: request.streamId,
        type: event.type,
        data: event.data,
      });
      rows.push({
        stream_id: request.streamId,
        stream_version: (previous + 1n + BigInt(i)).toString(),
        id: event.id,
        type: event.type,
        data: event.data,
        metadata: event.metadata ?? {},
      });
    });
    const next = previous + BigInt(fresh.length);
    versions.set(request.streamId, next);
    return {
      streamId: request.streamId,
      streamVersion: next,
      appended: fresh.map((e) => e.id),
      duplicates,
    };
  });

  if (rows.length === 0) return results;
  const changed = [...versions].filter(([id, version]) => stored.get(id) !== version);
  // One round trip writes the stream versions and the events. Rows of existing streams are
  // locked by us; a stream we saw as new but another transaction created meanwhile shows up as
  // not inserted, and the group is rolled back and retried request by request.
  const [written] = await tx.query<{ conflicts: number }>(
    `WITH streams AS (
       INSERT INTO tl_streams AS s (stream_id, version)
       SELECT * FROM unnest($1::text[], $2::bigint[])
       ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, updated_at = now()
       RETURNING s.stream_id, (xmax = 0) AS inserted),
     events AS (
       INSERT INTO tl_events (stream_id, stream_version, event_id, type, data, metadata)
       SELECT e->>'stream_id', (e->>'stream_version')::bigint, (e->>'id')::uuid, e->>'type', e->'data', e->'metadata'
       FROM jsonb_array_elements($4::jsonb) WITH ORDINALITY AS t(e, ord) ORDER BY ord
       RETURNING 1)
     SELECT (SELECT count(*) FROM streams WHERE inserted <> NOT (stream_id = ANY($3::text[])))::int AS conflicts,
            (SELECT count(*) FROM events)::int AS events`,
    [
      changed.map(([id]) => id),
      changed.map(([, v]) => v.toString()),
      [...stored.keys()],
      JSON.stringify(rows),
    ],
  );
  if (written!.conflicts > 0) throw new GroupRetryAlone('stream created concurrently');
  return results;
}
