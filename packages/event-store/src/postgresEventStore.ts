import { EventEmitter } from 'node:events';
import { START, parseCheckpoint, toCheckpoint } from './checkpoint.ts';
import { ConcurrencyError, DuplicateEventConflictError } from './errors.ts';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  StoredEvent,
} from './eventStore.ts';
import { migrateEventStore } from './schema.ts';
import type { SqlExecutor, SqlQueryable } from './sqlExecutor.ts';
import { sameJson } from './sameJson.ts';

interface EventRow {
  global_position: string;
  tx: string;
  stream_id: string;
  stream_version: string;
  event_id: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  recorded_at: Date | string;
}

const EVENT_COLUMNS = `global_position::text AS global_position, tx::text AS tx, stream_id,
  stream_version::text AS stream_version, event_id::text AS event_id, type, data, metadata, recorded_at`;

const toStoredEvent = (row: EventRow): StoredEvent => ({
  id: row.event_id,
  type: row.type,
  data: row.data,
  metadata: row.metadata,
  streamId: row.stream_id,
  streamVersion: BigInt(row.stream_version),
  globalPosition: BigInt(row.global_position),
  checkpoint: toCheckpoint(BigInt(row.tx), BigInt(row.global_position)),
  recordedAt: row.recorded_at instanceof Date ? row.recorded_at : new Date(row.recorded_at),
});

const isUniqueViolation = (error: unknown): boolean =>
  (error as { code?: string }).code === '23505';

const versionMatches = (expected: ExpectedVersion, previous: bigint): boolean => {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return previous === -1n;
  if (expected === 'stream_exists') return previous >= 0n;
  return previous === expected;
};

async function streamVersion(db: SqlQueryable, streamId: string): Promise<bigint> {
  const rows = await db.query<{ version: string }>(
    'SELECT version::text AS version FROM tl_streams WHERE stream_id = $1',
    [streamId],
  );
  return rows[0] ? BigInt(rows[0].version) : -1n;
}

/** Splits a batch into new events and ids already in the store; a reused id with other content is an error. */
async function findDuplicates(
  db: SqlQueryable,
  streamId: string,
  events: readonly NewEvent[],
): Promise<Set<string>> {
  const rows = await db.query<{ event_id: string; stream_id: string; type: string; data: unknown }>(
    'SELECT event_id::text AS event_id, stream_id, type, data FROM tl_events WHERE event_id = ANY($1::uuid[])',
    [events.map((event) => event.id)],
  );
  const byId = new Map(events.map((event) => [event.id.toLowerCase(), event]));
  for (const row of rows) {
    const event = byId.get(row.event_id)!;
    if (row.stream_id !== streamId || row.type !== event.type || !sameJson(row.data, event.data)) {
      throw new DuplicateEventConflictError(event.id);
    }
  }
  return new Set(rows.map((row) => row.event_id));
}

async function appendInTransaction(
  tx: SqlQueryable,
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedVersion,
): Promise<AppendResult> {
  const duplicates = await findDuplicates(tx, streamId, events);
  const fresh = events.filter((event) => !duplicates.has(event.id.toLowerCase()));
  const duplicateIds = events
    .filter((event) => duplicates.has(event.id.toLowerCase()))
    .map((e) => e.id);
  if (fresh.length === 0) {
    return {
      streamId,
      streamVersion: await streamVersion(tx, streamId),
      appended: [],
      duplicates: duplicateIds,
    };
  }
  // Compare-and-set on the stream row: the upsert takes the row lock, so writers to one stream serialize here.
  const [bumped] = await tx.query<{ version: string; created: boolean }>(
    `INSERT INTO tl_streams AS s (stream_id, version) VALUES ($1, $2::bigint - 1)
     ON CONFLICT (stream_id) DO UPDATE SET version = s.version + $2::bigint
     RETURNING version::text AS version, (xmax = 0) AS created`,
    [streamId, fresh.length],
  );
  const next = BigInt(bumped!.version);
  const previous = bumped!.created ? -1n : next - BigInt(fresh.length);
  if (!versionMatches(expected, previous)) throw new ConcurrencyError(streamId, expected, previous);
  await tx.query(
    `INSERT INTO tl_events (stream_id, stream_version, event_id, type, data, metadata)
     SELECT $1, $2::bigint + e.ord - 1, (e.value->>'id')::uuid, e.value->>'type', e.value->'data', e.value->'metadata'
     FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS e(value, ord)`,
    [
      streamId,
      previous + 1n,
      JSON.stringify(
        fresh.map((event) => ({
          id: event.id,
          type: event.type,
          data: event.data,
          metadata: event.metadata ?? {},
        })),
      ),
    ],
  );
  return {
    streamId,
    streamVersion: next,
    appended: fresh.map((event) => event.id),
    duplicates: duplicateIds,
  };
}

export interface PostgresEventStoreOptions {
  /** Apply pending schema migrations on open (default true). */
  readonly migrate?: boolean;
}

/**
 * The event store on PostgreSQL or PGlite (same SQL). The global log is gap-free: readers only see
 * transactions older than the oldest one still running (xid8 snapshot horizon), so a row that
 * commits late can never be skipped by a reader that has already moved past its position.
 */
export async function getPostgresEventStore(
  db: SqlExecutor,
  options: PostgresEventStoreOptions = {},
): Promise<EventStore> {
  if (options.migrate !== false) await migrateEventStore(db);
  const appended = new EventEmitter();
  appended.setMaxListeners(0);

  const append = async (
    streamId: string,
    events: readonly NewEvent[],
    appendOptions: AppendOptions = {},
  ): Promise<AppendResult> => {
    if (events.length === 0) throw new TypeError('append needs at least one event');
    const ids = new Set(events.map((event) => event.id.toLowerCase()));
    if (ids.size !== events.length)
      throw new TypeError('append: event ids must be unique within a batch');
    const expected = appendOptions.expectedVersion ?? 'any';
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await db.transaction((tx) =>
          appendInTransaction(tx, streamId, events, expected),
        );
        if (result.appended.length > 0) appended.emit('appended');
        return result;
      } catch (error) {
        // A concurrent writer appended one of our ids between our check and insert: re-run the check.
        if (isUniqueViolation(error) && attempt < 3) continue;
        throw error;
      }
    }
  };

  return {
    append,
    async readStream(streamId: string, readOptions: ReadStreamOptions = {}) {
      const rows = await db.query<EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM tl_events WHERE stream_id = $1 AND stream_version >= $2
         ORDER BY stream_version LIMIT $3`,
        [streamId, (readOptions.fromVersion ?? 0n).toString(), readOptions.limit ?? 1000],
      );
      return rows.map(toStoredEvent);
    },
    async readAll(readOptions: ReadAllOptions = {}): Promise<ReadAllResult> {
      const after = parseCheckpoint(readOptions.after ?? START);
      const rows = await db.query<EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM tl_events
         WHERE (tx, global_position) > ($1::text::xid8, $2::bigint)
           AND tx < pg_snapshot_xmin(pg_current_snapshot())
         ORDER BY tx, global_position LIMIT $3`,
        [after.tx.toString(), after.position.toString(), readOptions.limit ?? 1000],
      );
      const events = rows.map(toStoredEvent);
      return { events, checkpoint: events.at(-1)?.checkpoint ?? readOptions.after ?? START };
    },
    onAppended(listener) {
      appended.on('appended', listener);
      return () => appended.off('appended', listener);
    },
    close: () => db.close(),
  };
}
