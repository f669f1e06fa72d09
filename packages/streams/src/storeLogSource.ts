import type { Checkpoint, EventStore } from '@touchline/event-store';
import { fromStoredEvent } from './eventMessage.ts';
import type { BatchHandler, EventSource } from './stream.ts';

/** Where a log-tailing consumer keeps its position. */
export interface PositionStore {
  load(): Promise<string | undefined>;
  save(checkpoint: string): Promise<void>;
}

export interface StoreLogSourceOptions {
  readonly store: EventStore;
  readonly position: PositionStore;
  readonly batchSize?: number;
  /** Poll interval when idle; appends made in this process wake the source at once. */
  readonly idleMs?: number;
  readonly onError?: (error: unknown) => void;
}

/** Embedded-mode stream: tails the store's gap-free global log, through the EventSource port. */
export function storeLogSource(options: StoreLogSourceOptions): EventSource {
  const batchSize = options.batchSize ?? 1000;
  const idleMs = options.idleMs ?? 250;
  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let unsubscribe: (() => void) | undefined;

  const sleep = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, idleMs);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  const run = async (handler: BatchHandler) => {
    let checkpoint = (await options.position.load()) as Checkpoint | undefined;
    while (running) {
      try {
        const page = await options.store.readAll({
          ...(checkpoint ? { after: checkpoint } : {}),
          limit: batchSize,
        });
        if (page.events.length === 0) {
          await sleep();
          continue;
        }
        await handler(page.events.map(fromStoredEvent));
        await options.position.save(page.checkpoint);
        checkpoint = page.checkpoint;
      } catch (error) {
        options.onError?.(error);
        if (running) await sleep();
      }
    }
  };

  return {
    start(handler) {
      if (running) return Promise.reject(new Error('storeLogSource already started'));
      running = true;
      unsubscribe = options.store.onAppended(() => wake?.());
      loop = run(handler);
      return Promise.resolve();
    },
    async stop() {
      running = false;
      unsubscribe?.();
      wake?.();
      await loop;
    },
  };
}
