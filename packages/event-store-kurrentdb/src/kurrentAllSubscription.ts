import { KurrentDBClient, type AllStreamSubscription } from '@kurrent/kurrentdb-client';
import type { Checkpoint, StoredEvent } from '@touchline/event-store';
import { backoffDelay, type Backoff } from './backoffDelay.ts';
import { erasureIndex, withoutErased, type Erasures } from './erasureIndex.ts';
import { checkpointOf, readPositionAfter } from './kurrentCheckpoint.ts';
import { toStoredEvent } from './toStoredEvent.ts';
import { isTouchlineEventType, touchlineEventFilter } from './touchlineEventFilter.ts';

export interface AllSubscriptionOptions {
  /** Called when the subscription failed or ended (or the handler threw), before re-subscribing. */
  readonly onDrop?: (error: unknown, attempt: number) => void;
  /** Delay before re-subscribing; default 100 ms doubling up to 10 s. */
  readonly backoff?: Backoff;
  /** How stale the known erasures may get while catching up; default 1 s. */
  readonly erasureRefreshMs?: number;
}

export interface AllSubscription {
  /** Checkpoint of the last event handled (the `from` given until one was). */
  position(): Checkpoint | undefined;
  stop(): Promise<void>;
}

export interface KurrentAllSubscriber {
  /**
   * Catch-up subscription to `$all` from an exclusive checkpoint (undefined: from the start),
   * without system events but with `$stream.erased` tombstones. Events are handled one at a
   * time, in log order; after a drop or a handler error it re-subscribes from the last handled
   * event (so a failed event is delivered again: at least once).
   */
  subscribeToAll(
    from: Checkpoint | undefined,
    handler: (event: StoredEvent) => Promise<void> | void,
    options?: AllSubscriptionOptions,
  ): AllSubscription;
  /** Disposes the client if this subscriber created it from a connection string. */
  close(): Promise<void>;
}

const DEFAULT_BACKOFF: Backoff = { initialMs: 100, maxMs: 10_000 };

export function kurrentAllSubscription(connection: string | KurrentDBClient): KurrentAllSubscriber {
  const owned = typeof connection === 'string';
  const client = owned ? KurrentDBClient.connectionString(connection) : connection;
  const erasures = erasureIndex(client);

  return {
    subscribeToAll(from, handler, options = {}) {
      let last = from;
      let stopped = false;
      let current: AllStreamSubscription | undefined;
      let wake: () => void = () => {};
      const stopping = new Promise<void>((resolve) => (wake = resolve));
      const refreshMs = options.erasureRefreshMs ?? 1000;

      const follow = async (): Promise<void> => {
        let known: Erasures = await erasures.refresh();
        let refreshedAt = Date.now();
        const subscription = client.subscribeToAll({
          fromPosition: readPositionAfter(last),
          filter: touchlineEventFilter(),
        });
        current = subscription;
        try {
          for await (const resolved of subscription) {
            if (stopped) return;
            const recorded = resolved.event;
            if (!recorded || !isTouchlineEventType(recorded.type)) continue;
            const checkpoint = checkpointOf(recorded.position);
            // The subscription starts at the stored position inclusively; the port is exclusive.
            if (last !== undefined && checkpoint <= last) continue;
            if (Date.now() - refreshedAt > refreshMs) {
              known = await erasures.refresh();
              refreshedAt = Date.now();
            }
            const event = toStoredEvent(recorded, resolved.commitPosition);
            if (withoutErased([event], known).length > 0) await handler(event);
            last = checkpoint;
          }
        } finally {
          await subscription.unsubscribe().catch(() => undefined);
        }
        if (!stopped) throw new Error('The $all subscription ended');
      };

      const run = async () => {
        for (let attempt = 1; !stopped;) {
          const before = last;
          try {
            await follow();
          } catch (error) {
            if (stopped) return;
            if (last !== before) attempt = 1; // progress was made: start the backoff over
            try {
              options.onDrop?.(error, attempt);
            } catch {
              // A failing drop callback must not end the subscription.
            }
            await Promise.race([
              new Promise((resolve) =>
                setTimeout(resolve, backoffDelay(attempt, options.backoff ?? DEFAULT_BACKOFF)),
              ),
              stopping,
            ]);
            attempt++;
          }
        }
      };
      const running = run();

      return {
        position: () => last,
        async stop() {
          stopped = true;
          wake();
          await current?.unsubscribe().catch(() => undefined);
          await running;
        },
      };
    },
    close: async () => {
      if (owned) await client.dispose();
    },
  };
}
