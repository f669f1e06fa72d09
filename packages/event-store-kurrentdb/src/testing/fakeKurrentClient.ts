import type { KurrentDBClient, Position } from '@kurrent/kurrentdb-client';

/**
 * An in-memory stand-in for the few KurrentDB client calls the store makes, modelled on the
 * documented server behaviour (inclusive `$all` positions, `truncateBefore` hiding events from
 * stream reads but not from `$all`, pinned appends failing with WrongExpectedVersion). It checks
 * the adapter's own logic; it is no evidence of how a real server behaves.
 */
interface FakeRecord {
  readonly streamId: string;
  readonly id: string;
  readonly type: string;
  readonly revision: bigint;
  readonly created: Date;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly isJson: true;
  readonly position: Position;
}

interface EventInput {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata?: unknown;
}

export interface FakeKurrent {
  readonly client: KurrentDBClient;
  /** Appends as another process would, bypassing the store. */
  appendDirectly(streamId: string, events: readonly EventInput[]): void;
  /** Everything `$all` holds, truncated events included (no scavenge ever runs here). */
  readonly log: readonly FakeRecord[];
  /** The next `$all` subscription fails after delivering this many events. */
  dropNextSubscriptionAfter(events: number): void;
  /** How many `$all` subscriptions were opened. */
  subscriptions(): number;
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
const notFound = (streamName: string) =>
  Object.assign(new Error(`${streamName} not found`), { type: 'stream-not-found', streamName });

export function fakeKurrentClient(): FakeKurrent {
  const log: FakeRecord[] = [];
  const streams = new Map<string, FakeRecord[]>();
  const truncateBefore = new Map<string, bigint>();
  let nextPosition = 1000n;
  let dropAfter: number | undefined;
  let opened = 0;

  const write = (streamId: string, events: readonly EventInput[]) => {
    const stream = streams.get(streamId) ?? [];
    streams.set(streamId, stream);
    for (const event of events) {
      const record: FakeRecord = {
        streamId,
        id: event.id,
        type: event.type,
        revision: BigInt(stream.length),
        created: new Date(),
        // JSON round trip, as the wire does.
        data: JSON.parse(JSON.stringify(event.data ?? null)) as unknown,
        metadata: event.metadata === undefined ? undefined : event.metadata,
        isJson: true,
        position: { commit: nextPosition, prepare: nextPosition },
      };
      nextPosition += 37n;
      stream.push(record);
      log.push(record);
    }
    return BigInt(stream.length - 1);
  };

  const visible = (streamId: string) =>
    (streams.get(streamId) ?? []).filter((r) => r.revision >= (truncateBefore.get(streamId) ?? 0n));

  const client = {
    async *readStream(
      streamId: string,
      options: { direction?: string; fromRevision?: bigint | string; maxCount?: number | bigint },
    ) {
      await tick();
      const backward = options.direction === 'backwards';
      const events = visible(streamId);
      if (events.length === 0) throw notFound(streamId);
      const from = options.fromRevision;
      const ordered = backward ? [...events].reverse() : events;
      const selected = ordered.filter((r) =>
        typeof from !== 'bigint' ? true : backward ? r.revision <= from : r.revision >= from,
      );
      for (const record of selected.slice(0, Number(options.maxCount ?? 1e9))) {
        yield { event: record, commitPosition: record.position.commit };
      }
    },
    async *readAll(options: {
      fromPosition?: Position | string;
      maxCount?: number | bigint;
      filter?: { regex: string };
    }) {
      await tick();
      const from = options.fromPosition;
      const pattern = options.filter ? new RegExp(options.filter.regex) : undefined;
      const selected = log.filter(
        (r) =>
          (typeof from !== 'object' || r.position.commit >= from.commit) &&
          (!pattern || pattern.test(r.type)),
      );
      for (const record of selected.slice(0, Number(options.maxCount ?? 1e9))) {
        yield { event: record, commitPosition: record.position.commit };
      }
    },
    async appendToStream(
      streamId: string,
      input: EventInput | EventInput[],
      options: { streamState?: bigint | string } = {},
    ) {
      await tick();
      const events = Array.isArray(input) ? input : [input];
      const stream = streams.get(streamId);
      const current = stream && stream.length > 0 ? BigInt(stream.length - 1) : -1n;
      const state = options.streamState ?? 'any';
      const ok =
        state === 'any' ||
        (state === 'no_stream' && current === -1n) ||
        (state === 'stream_exists' && current >= 0n) ||
        state === current;
      if (!ok)
        throw Object.assign(new Error('wrong expected version'), {
          type: 'wrong-expected-version',
          streamName: streamId,
          expectedState: state,
          actualState: current === -1n ? 'no_stream' : current,
        });
      const next = write(streamId, events);
      return { success: true, nextExpectedRevision: next };
    },
    async getStreamMetadata(streamId: string) {
      await tick();
      const meta = streams.get(`$$${streamId}`)?.at(-1);
      return meta
        ? { streamName: streamId, metadata: meta.data as Record<string, unknown> }
        : { streamName: streamId };
    },
    async setStreamMetadata(streamId: string, metadata: Record<string, unknown>) {
      await tick();
      const next = write(`$$${streamId}`, [
        { id: crypto.randomUUID(), type: '$metadata', data: metadata },
      ]);
      if (typeof metadata.truncateBefore === 'number')
        truncateBefore.set(streamId, BigInt(metadata.truncateBefore));
      return { success: true, nextExpectedRevision: next };
    },
    subscribeToAll(options: { fromPosition?: Position | string; filter?: { regex: string } }) {
      opened++;
      const from = options.fromPosition;
      const pattern = options.filter ? new RegExp(options.filter.regex) : undefined;
      const failAfter = dropAfter;
      dropAfter = undefined;
      let closed = false;
      const events = (async function* () {
        let delivered = 0;
        for (let index = 0; !closed;) {
          const record = log[index];
          if (!record) {
            await new Promise((resolve) => setTimeout(resolve, 1));
            continue;
          }
          index++;
          if (typeof from === 'object' && record.position.commit < from.commit) continue;
          if (pattern && !pattern.test(record.type)) continue;
          if (failAfter !== undefined && delivered === failAfter)
            throw Object.assign(new Error('connection lost'), { type: 'unavailable' });
          delivered++;
          yield { event: record, commitPosition: record.position.commit };
        }
      })();
      return Object.assign(events, {
        unsubscribe: async () => {
          closed = true;
          await tick();
        },
      });
    },
    async dispose() {},
  };

  return {
    client: client as unknown as KurrentDBClient,
    appendDirectly: (streamId, events) => void write(streamId, events),
    log,
    dropNextSubscriptionAfter: (events) => {
      dropAfter = events;
    },
    subscriptions: () => opened,
  };
}
