import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import {
  getPostgresCheckpointStore,
  type Checkpoint,
  type EventStore,
  type ReadAllResult,
  type SqlExecutor,
} from '@touchline/event-store';
import { fromStoredEvent, toEventMessage, type StreamPublisher } from '@touchline/streams';
import { measureLag, type RelayLag } from './relayLag.ts';
import { getLease, LeaseLostError } from './relayLease.ts';
import { migrateRelay } from './relaySchema.ts';

export interface RelayOptions {
  readonly store: EventStore;
  /** The store's database (`openEventStore(...).sql`): the checkpoint, the lease and the lag live there. */
  readonly sql: SqlExecutor;
  readonly publisher: StreamPublisher;
  readonly topic: string;
  /** CloudEvents `source` of the published events. */
  readonly source: string;
  /** Events read and published per batch (default 1000). */
  readonly batchSize?: number;
  /** Identifies this relay in the lease table (default: host, pid and a random suffix). */
  readonly owner?: string;
  /** Lease time to live (default 10 s); renewed every third of it. */
  readonly leaseTtlMs?: number;
  /** How often the lag is measured and handed to `onLag` (default 5 s). */
  readonly lagIntervalMs?: number;
  /** Poll interval when the log is idle; appends made in this process wake the relay at once. */
  readonly idleMs?: number;
  readonly onError?: (error: unknown) => void;
  readonly onPublished?: (count: number, checkpoint: string) => void;
  readonly onLag?: (lag: RelayLag) => void;
  /** Called when this relay becomes the active one (true) or stops being it (false). */
  readonly onLease?: (held: boolean) => void;
}

export interface RelayStatus {
  readonly owner: string;
  /** Whether this relay is the active one (holds the topic's lease). */
  readonly active: boolean;
  /** The last periodic lag measurement (undefined before the first). */
  readonly lag: RelayLag | undefined;
}

export interface Relay {
  readonly checkpointName: string;
  readonly owner: string;
  start(): Promise<void>;
  /** Finishes the batch in flight, then gives the lease up so a standby takes over at once. */
  stop(): Promise<void>;
  /** Measures the topic's lag behind the store now. */
  lag(): Promise<RelayLag>;
  status(): RelayStatus;
}

/**
 * Store log → Kafka. Tails the gap-free global log, publishes each batch keyed by customer
 * stream and waits for the broker's acks before it moves its checkpoint, so a crash re-publishes
 * (consumers dedupe on the event id / store position) and never skips. One batch in flight keeps
 * each customer's order.
 *
 * Several relays may run on one store: they compete for a lease per topic and only the holder
 * publishes; the others stand by and take over once it is released or expires. The checkpoint
 * save is fenced by the lease (same transaction), so a relay that lost it cannot move the
 * checkpoint of the one that has it.
 */
export function createRelay(options: RelayOptions): Relay {
  const checkpointName = `relay:${options.topic}`;
  const owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const batchSize = options.batchSize ?? 1000;
  const idleMs = options.idleMs ?? 100;
  const lease = getLease(options.sql, checkpointName, owner, options.leaseTtlMs ?? 10_000);
  const renewMs = Math.max(50, Math.floor(lease.ttlMs / 3));
  const checkpoints = getPostgresCheckpointStore(options.sql);

  let running = false;
  let loop: Promise<void> | undefined;
  let ticking: Promise<void> | undefined;
  let tickTimer: NodeJS.Timeout | undefined;
  let lagTimer: NodeJS.Timeout | undefined;
  let unsubscribe: (() => void) | undefined;
  let wake: (() => void) | undefined;
  /** performance.now() until which the lease is surely ours (counted from before the renewal). */
  let validUntil = 0;
  let reported = false;
  let lastLag: RelayLag | undefined;

  const held = () => performance.now() < validUntil;
  const report = () => {
    const now = held();
    if (now !== reported) {
      reported = now;
      options.onLease?.(now);
    }
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  // Acquire when standing by, renew when active; a failed renewal lets the lease lapse locally.
  const tick = async () => {
    const started = performance.now();
    try {
      if (await lease.tryAcquire()) {
        validUntil = started + lease.ttlMs;
        if (!reported) wake?.();
      } else {
        validUntil = 0;
      }
    } catch (error) {
      options.onError?.(error);
    }
    report();
  };
  const scheduleTick = () => {
    tickTimer = setTimeout(() => {
      ticking = tick().finally(() => {
        if (running) scheduleTick();
      });
    }, renewMs);
  };

  const read = (after: Checkpoint | undefined) => {
    const page = options.store.readAll({ ...(after ? { after } : {}), limit: batchSize });
    page.catch(() => undefined); // awaited later, or dropped when the loop starts over
    return page;
  };

  const run = async () => {
    let checkpoint: Checkpoint | undefined;
    let loaded = false;
    // The next page is read while the current one is published; dropped whenever the loop starts over.
    let ahead: Promise<ReadAllResult> | undefined;
    while (running) {
      try {
        report();
        if (!held()) {
          loaded = false; // another relay may move the checkpoint meanwhile
          ahead = undefined;
          await sleep(idleMs);
          continue;
        }
        if (!loaded) {
          checkpoint = await checkpoints.load(checkpointName);
          loaded = true;
        }
        const page = await (ahead ?? read(checkpoint));
        ahead = undefined;
        if (page.events.length === 0) {
          await sleep(idleMs);
          continue;
        }
        if (!held()) continue; // lost while reading: publish nothing
        if (page.events.length === batchSize) ahead = read(page.checkpoint);
        await options.publisher.publish(
          options.topic,
          page.events.map((event) => toEventMessage(fromStoredEvent(event), options.source)),
        );
        await lease.whileHeld((tx) =>
          getPostgresCheckpointStore(tx).save(checkpointName, page.checkpoint),
        );
        checkpoint = page.checkpoint;
        options.onPublished?.(page.events.length, page.checkpoint);
      } catch (error) {
        ahead = undefined;
        if (error instanceof LeaseLostError) {
          validUntil = 0; // the batch went out unrecorded: the next holder publishes it again
          continue;
        }
        options.onError?.(error);
        if (running) await sleep(idleMs);
      }
    }
  };

  const lag = async () => measureLag(options.sql, await checkpoints.load(checkpointName));

  return {
    checkpointName,
    owner,
    async start() {
      if (running) throw new Error('relay already started');
      await migrateRelay(options.sql);
      running = true;
      unsubscribe = options.store.onAppended(() => wake?.());
      ticking = tick().finally(() => {
        if (running) scheduleTick();
      });
      loop = run();
      lagTimer = setInterval(() => {
        lag()
          .then((measured) => {
            lastLag = measured;
            options.onLag?.(measured);
          })
          .catch((error: unknown) => options.onError?.(error));
      }, options.lagIntervalMs ?? 5_000);
    },
    async stop() {
      if (!running) return;
      running = false;
      clearTimeout(tickTimer);
      clearInterval(lagTimer);
      unsubscribe?.();
      wake?.();
      await loop;
      await ticking;
      if (held()) await lease.release().catch((error: unknown) => options.onError?.(error));
      validUntil = 0;
      report();
    },
    lag,
    status: () => ({ owner, active: held(), lag: lastLag }),
  };
}
