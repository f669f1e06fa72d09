import { jsonEvent, type KurrentDBClient } from '@kurrent/kurrentdb-client';
import { deterministicUuid, type StoredEvent } from '@touchline/event-store';
import { isStreamNotFound } from './toConcurrencyError.ts';

/** The stream in which every erasure is recorded, so that `$all` readers can hide erased events. */
export const ERASURE_INDEX_STREAM = 'touchline-erasures';
/** `$`-prefixed, so the global log filter leaves the index records out of `readAll`. */
export const ERASURE_RECORDED = '$touchline.erasure-recorded';

/** Stream id → its truncate-before revision: events below it are erased. */
export type Erasures = ReadonlyMap<string, bigint>;

/**
 * KurrentDB's `$all` bypasses stream metadata: events below a stream's `truncateBefore` stay
 * readable there until a scavenge removes them. This drops them from a page of `$all` events.
 */
export function withoutErased(events: readonly StoredEvent[], erasures: Erasures): StoredEvent[] {
  return events.filter((event) => event.streamVersion >= (erasures.get(event.streamId) ?? 0n));
}

interface ErasureRecord {
  readonly streamId: string;
  readonly truncateBefore: string;
}

const isErasureRecord = (data: unknown): data is ErasureRecord =>
  typeof data === 'object' &&
  data !== null &&
  typeof (data as ErasureRecord).streamId === 'string' &&
  typeof (data as ErasureRecord).truncateBefore === 'string';

/** Folds erasure records into the map (a later erasure of a stream moves its bound up). */
export function applyErasureRecords(erasures: Map<string, bigint>, records: readonly unknown[]) {
  for (const record of records) {
    if (!isErasureRecord(record)) continue;
    const bound = BigInt(record.truncateBefore);
    if (bound > (erasures.get(record.streamId) ?? 0n)) erasures.set(record.streamId, bound);
  }
}

export interface ErasureIndex {
  /** Reads the records appended since the last refresh (one read, usually empty). */
  refresh(): Promise<Erasures>;
  record(streamId: string, truncateBefore: bigint): Promise<void>;
}

const PAGE = 10_000;

export function erasureIndex(client: KurrentDBClient): ErasureIndex {
  const erasures = new Map<string, bigint>();
  let next = 0n;
  let refreshing: Promise<Erasures> = Promise.resolve(erasures);

  const readNew = async (): Promise<Erasures> => {
    for (;;) {
      const records: unknown[] = [];
      let read = 0;
      try {
        for await (const resolved of client.readStream(ERASURE_INDEX_STREAM, {
          fromRevision: next,
          maxCount: PAGE,
        })) {
          read++;
          if (!resolved.event) continue;
          records.push(resolved.event.data);
          next = resolved.event.revision + 1n;
        }
      } catch (error) {
        if (!isStreamNotFound(error)) throw error;
      }
      applyErasureRecords(erasures, records);
      if (read < PAGE) return erasures;
    }
  };

  return {
    refresh() {
      // Refreshes run one after another: a caller sees every erasure recorded before it asked.
      refreshing = refreshing.catch(() => erasures).then(readNew);
      return refreshing;
    },
    async record(streamId, truncateBefore) {
      const data: ErasureRecord = { streamId, truncateBefore: truncateBefore.toString() };
      await client.appendToStream(
        ERASURE_INDEX_STREAM,
        jsonEvent({
          id: deterministicUuid(`erasure-index:${streamId}:${truncateBefore}`),
          type: ERASURE_RECORDED,
          data: { ...data },
        }),
      );
      applyErasureRecords(erasures, [data]);
    },
  };
}
