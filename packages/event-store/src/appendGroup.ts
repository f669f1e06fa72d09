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
  const locked = await tx.query<{ stream_id: string; version: string }>(
    `SELECT stream_id, version::text AS version FROM tl_streams
     WHERE stream_id = ANY($1::text[]) ORDER BY stream_id FOR UPDATE`,
    [streamIds],
  );
  const stored = new Map(locked.map((row) => [row.stream_id, BigInt(row.version)]));
  const versions = new Map(stored);

  const allIds = requests.flatMap((r) => r.events.map((e) => e.id.toLowerCase()));
  const existing = await tx.query<{
    event_id: string;
    stream_id: string;
    type: string;
    data: unknown;
  }>(
    'SELECT event_id::text AS event_id, stream_id, type, data FROM tl_events WHERE event_id = ANY($1::uuid[])',
    [allIds],
  );
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
  const updates = changed.filter(([id]) => stored.has(id));
  const inserts = changed.filter(([id]) => !stored.has(id));
  if (updates.length > 0) {
    await tx.query(
      `UPDATE tl_streams s SET version = u.version, updated_at = now()
       FROM unnest($1::text[], $2::bigint[]) AS u(stream_id, version) WHERE s.stream_id = u.stream_id`,
      [updates.map(([id]) => id), updates.map(([, v]) => v.toString())],
    );
  }
  if (inserts.length > 0) {
    const created = await tx.query(
      `INSERT INTO tl_streams (stream_id, version)
       SELECT * FROM unnest($1::text[], $2::bigint[]) ON CONFLICT (stream_id) DO NOTHING RETURNING stream_id`,
      [inserts.map(([id]) => id), inserts.map(([, v]) => v.toString())],
    );
    // Another transaction created one of these streams after our read: judge each request alone.
    if (created.length !== inserts.length) throw new GroupRetryAlone('stream created concurrently');
  }
  await tx.query(
    `INSERT INTO tl_events (stream_id, stream_version, event_id, type, data, metadata)
     SELECT e->>'stream_id', (e->>'stream_version')::bigint, (e->>'id')::uuid, e->>'type', e->'data', e->'metadata'
     FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(e, ord) ORDER BY ord`,
    [JSON.stringify(rows)],
  );
  return results;
}
