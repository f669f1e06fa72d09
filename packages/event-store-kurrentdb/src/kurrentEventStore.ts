import { EventEmitter } from 'node:events';
import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  START as FROM_START,
  jsonEvent,
  type JSONType,
  type ReadRevision,
} from '@kurrent/kurrentdb-client';
import {
  ConcurrencyError,
  START,
  STREAM_ERASED,
  deterministicUuid,
  type AppendManyRequest,
  type AppendOptions,
  type AppendResult,
  type EraseResult,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type ReadAllOptions,
  type ReadAllResult,
  type ReadStreamOptions,
  type StoredEvent,
  type StreamInfo,
} from '@touchline/event-store';
import { backoffDelay } from './backoffDelay.ts';
import { erasureIndex, withoutErased } from './erasureIndex.ts';
import { keyedQueue } from './keyedQueue.ts';
import { afterCheckpoint, readPositionAfter } from './kurrentCheckpoint.ts';
import { splitDuplicates } from './splitDuplicates.ts';
import { isStreamNotFound, toConcurrencyError } from './toConcurrencyError.ts';
import { pinnedStreamState, versionMatches } from './toStreamState.ts';
import { toStoredEvent } from './toStoredEvent.ts';
import { isTouchlineEventType, touchlineEventFilter } from './touchlineEventFilter.ts';
import { validateAppend, validateAppendMany } from './validateAppend.ts';

/** Recent events read before an append, beyond the batch itself, to find reused ids. */
export const IDEMPOTENCY_WINDOW = 64;
/** Custom keys of the stream metadata written on erasure. */
export const CREATED_AT_KEY = 'touchline.createdAt';
export const ERASED_AT_KEY = 'touchline.erasedAt';

const MAX_APPEND_ATTEMPTS = 20;
const RETRY_BACKOFF = { initialMs: 5, maxMs: 250 };
const DEFAULT_LIMIT = 1000;

const rethrow = (error: unknown): never => {
  throw error;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const toEventData = (event: NewEvent) =>
  jsonEvent({
    id: event.id,
    type: event.type,
    data: (event.data ?? null) as JSONType,
    ...(event.metadata === undefined ? {} : { metadata: event.metadata }),
  });

const dateOf = (value: unknown): Date | undefined =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value) : undefined;

/**
 * The event store on EventStoreDB / KurrentDB (`kurrentdb://…` connection string).
 *
 * - Appends are pinned to the stream revision read just before (with the recent events used for
 *   the duplicate check) and retried when another writer got in between; appends to one stream
 *   from this process run one after another.
 * - Idempotency is per stream within the last `events.length + 64` events (no id index exists).
 * - Erasure appends the `$stream.erased` tombstone and sets `truncateBefore` to it: stream reads
 *   hide the earlier events at once, the server's scavenge deletes them physically. `$all` ignores
 *   `truncateBefore`, so `readAll` drops them using an erasure index stream.
 */
export function getKurrentEventStore(connectionString: string): Promise<EventStore> {
  return Promise.resolve(kurrentEventStoreOn(KurrentDBClient.connectionString(connectionString)));
}

/** The same store on a client you made (for example to share it with `kurrentAllSubscription`); `close()` disposes it. */
export function kurrentEventStoreOn(client: KurrentDBClient): EventStore {
  const appended = new EventEmitter();
  appended.setMaxListeners(0);
  const queue = keyedQueue();
  const erasures = erasureIndex(client);

  const read = async (
    streamId: string,
    direction: typeof FORWARDS | typeof BACKWARDS,
    fromRevision: ReadRevision,
    maxCount: number,
  ): Promise<StoredEvent[]> => {
    const events: StoredEvent[] = [];
    try {
      for await (const resolved of client.readStream(streamId, {
        direction,
        fromRevision,
        maxCount,
      })) {
        if (resolved.event) events.push(toStoredEvent(resolved.event, resolved.commitPosition));
      }
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw error;
    }
    return events;
  };
  const last = async (streamId: string) => (await read(streamId, BACKWARDS, END, 1))[0];
  const first = async (streamId: string) => (await read(streamId, FORWARDS, FROM_START, 1))[0];

  const appendOnce = async (
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion,
  ): Promise<AppendResult> => {
    for (let attempt = 1; ; attempt++) {
      const recent = await read(streamId, BACKWARDS, END, events.length + IDEMPOTENCY_WINDOW);
      const current = recent[0]?.streamVersion ?? -1n;
      const { fresh, duplicates } = splitDuplicates(events, recent);
      if (fresh.length === 0) return { streamId, streamVersion: current, appended: [], duplicates };
      if (!versionMatches(expected, current))
        throw new ConcurrencyError(streamId, expected, current);
      let conflict: ConcurrencyError;
      try {
        const result = await client.appendToStream(streamId, fresh.map(toEventData), {
          streamState: pinnedStreamState(current),
        });
        if (result.success)
          return {
            streamId,
            streamVersion: result.nextExpectedRevision,
            appended: fresh.map((event) => event.id),
            duplicates,
          };
        // `throwOnAppendFailure=false` in the connection string: a refused append resolves.
        conflict = new ConcurrencyError(streamId, expected, current);
      } catch (error) {
        conflict = toConcurrencyError(streamId, expected, error) ?? rethrow(error);
      }
      // Another writer appended since our read: judge the request again against the new state.
      if (attempt >= MAX_APPEND_ATTEMPTS) throw conflict;
      await sleep(backoffDelay(attempt, RETRY_BACKOFF) * Math.random());
    }
  };

  const eraseOnce = async (streamId: string, reason: string): Promise<EraseResult> => {
    for (let attempt = 1; ; attempt++) {
      const head = await last(streamId);
      if (!head) return { streamId, eventsErased: 0, tombstoneId: undefined };
      const version = head.streamVersion;
      const { metadata = {} } = await client.getStreamMetadata(streamId);
      const truncatedBefore =
        typeof metadata.truncateBefore === 'number' ? BigInt(metadata.truncateBefore) : 0n;
      const eventsErased = Number(version + 1n - truncatedBefore);
      const createdAt =
        dateOf(metadata[CREATED_AT_KEY]) ?? (await first(streamId))?.recordedAt ?? new Date();
      const tombstoneId = deterministicUuid(`erase:${streamId}:${version}`);
      let tombstoneVersion: bigint | undefined;
      // What an append that got in between turns into once the attempts are used up.
      let conflict = new ConcurrencyError(streamId, version, version);
      try {
        const result = await client.appendToStream(
          streamId,
          jsonEvent({
            id: tombstoneId,
            type: STREAM_ERASED,
            data: {
              streamId,
              reason,
              eventsErased,
              erasedThroughVersion: version.toString(),
            },
          }),
          { streamState: pinnedStreamState(version) },
        );
        if (result.success) tombstoneVersion = result.nextExpectedRevision;
      } catch (error) {
        conflict = toConcurrencyError(streamId, version, error) ?? rethrow(error);
      }
      if (tombstoneVersion === undefined) {
        // An append got in between: erase again from the new head.
        if (attempt >= MAX_APPEND_ATTEMPTS) throw conflict;
        await sleep(backoffDelay(attempt, RETRY_BACKOFF) * Math.random());
        continue;
      }
      // Events below the tombstone disappear from stream reads now and from disk at the next
      // scavenge (of completed chunks). The erasure index hides them from `$all` until then.
      await client.setStreamMetadata(streamId, {
        ...metadata,
        truncateBefore: Number(tombstoneVersion),
        [CREATED_AT_KEY]: createdAt.toISOString(),
        [ERASED_AT_KEY]: new Date().toISOString(),
      });
      await erasures.record(streamId, tombstoneVersion);
      return { streamId, eventsErased, tombstoneId };
    }
  };

  const appendValidated = async (
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion,
  ): Promise<AppendResult> => {
    const result = await queue.run(streamId, () => appendOnce(streamId, events, expected));
    if (result.appended.length > 0) appended.emit('appended');
    return result;
  };

  return {
    async append(streamId: string, events: readonly NewEvent[], options: AppendOptions = {}) {
      validateAppend(streamId, events);
      return await appendValidated(streamId, events, options.expectedVersion ?? 'any');
    },
    // Not one transaction (KurrentDB before 25.1 has none across streams, and 25.1's
    // multiStreamAppend fails the whole batch on one conflict): each entry is its own write.
    // Entries for one stream run in the given order, different streams concurrently; every
    // failure, including a connection error, is that entry's result, and earlier entries stay.
    async appendMany(requests: readonly AppendManyRequest[]) {
      validateAppendMany(requests);
      return await Promise.all(
        requests.map((request) =>
          appendValidated(request.streamId, request.events, request.expectedVersion ?? 'any').catch(
            (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
          ),
        ),
      );
    },
    readStream(streamId: string, options: ReadStreamOptions = {}) {
      const backward = options.direction === 'backward';
      return read(
        streamId,
        backward ? BACKWARDS : FORWARDS,
        options.fromVersion ?? (backward ? END : FROM_START),
        options.limit ?? DEFAULT_LIMIT,
      );
    },
    async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
      const limit = options.limit ?? DEFAULT_LIMIT;
      const events: StoredEvent[] = [];
      let from = options.after;
      while (events.length < limit) {
        const wanted = limit - events.length;
        const raw: StoredEvent[] = [];
        for await (const resolved of client.readAll({
          fromPosition: readPositionAfter(from),
          // One more: the read includes the event at `from`, which the port excludes.
          maxCount: wanted + 1,
          filter: touchlineEventFilter(),
        })) {
          if (resolved.event && isTouchlineEventType(resolved.event.type))
            raw.push(toStoredEvent(resolved.event, resolved.commitPosition));
        }
        const page = afterCheckpoint(raw, from).slice(0, wanted);
        if (page.length === 0) break;
        // Read the index after the page: every erasure finished before this read is applied.
        events.push(...withoutErased(page, await erasures.refresh()));
        from = page.at(-1)!.checkpoint;
        if (raw.length <= wanted) break; // the end of the log
      }
      return { events, checkpoint: events.at(-1)?.checkpoint ?? options.after ?? START };
    },
    async streamInfo(streamId: string): Promise<StreamInfo> {
      const head = await last(streamId);
      if (!head) return { streamId, exists: false, version: -1n };
      const { metadata = {} } = await client.getStreamMetadata(streamId);
      const erasedAt = dateOf(metadata[ERASED_AT_KEY]);
      const createdAt = dateOf(metadata[CREATED_AT_KEY]) ?? (await first(streamId))?.recordedAt;
      return {
        streamId,
        exists: true,
        version: head.streamVersion,
        ...(createdAt ? { createdAt } : {}),
        updatedAt: head.recordedAt,
        ...(erasedAt ? { erasedAt } : {}),
      };
    },
    async erase(streamId: string, reason: string) {
      const result = await queue.run(streamId, () => eraseOnce(streamId, reason));
      if (result.tombstoneId !== undefined) appended.emit('appended');
      return result;
    },
    onAppended(listener) {
      appended.on('appended', listener);
      return () => appended.off('appended', listener);
    },
    close: () => client.dispose(),
  };
}
