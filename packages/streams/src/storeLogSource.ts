import type { Checkpoint, EventStore, ReadAllResult } from '@touchline/event-store';
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
  /** Most events in one batch (one store read, one handler call); default 5000. */
  readonly batchSize?: number;
  /** Poll interval when idle; appends made in this process wake the source at once. */
  readonly idleMs?: number;
  readonly onError?: (error: unknown) => void;
}

type Read = { readonly page: ReadAllResult } | { readonly error: unknown };

/**
 * Embedded-mode stream: tails the store's gap-free global log, through the EventSource port.
 * While the handler works on one page the next is already being read (replay speed); batches
 * still reach the handler one at a time, in log order, and the position is saved only after the
 * handler has finished with a batch.
 */
export function storeLogSource(options: StoreLogSourceOptions): EventSource {
  const batchSize = options.batchSize ?? 5000;
  const idleMs = options.idleMs ?? 250;
  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  // Set by every append in this process; cleared when a read starts. A read that found nothing
  // while this was set raced an append, so the source reads again instead of sleeping.
  let appendedSinceRead = false;
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

  const read = (after: Checkpoint | undefined): Promise<Read> => {
    appendedSinceRead = false;
    return options.store.readAll({ ...(after ? { after } : {}), limit: batchSize }).then(
      (page) => ({ page }),
      (error: unknown) => ({ error }),
    );
  };

  const run = async (handler: BatchHandler) => {
    let checkpoint = (await options.position.load()) as Checkpoint | undefined;
    let next = read(checkpoint);
    while (running) {
      const result = await next;
      if ('error' in result) {
        options.onError?.(result.error);
        if (running) await sleep();
        next = read(checkpoint);
        continue;
      }
      const { page } = result;
      if (page.events.length === 0) {
        if (!appendedSinceRead && running) await sleep();
        next = read(checkpoint);
        continue;
      }
      // Read ahead: the next page is fetched while this one is handled.
      next = read(page.checkpoint);
      try {
        await handler(page.events.map(fromStoredEvent));
        await options.position.save(page.checkpoint);
        checkpoint = page.checkpoint;
      } catch (error) {
        options.onError?.(error);
        await next; // discard the read-ahead: the failed page is read again
        if (running) await sleep();
        next = read(checkpoint);
      }
    }
    await next; // never leave a read running against a store that is about to close
  };

  return {
    start(handler) {
      if (running) return Promise.reject(new Error('storeLogSource already started'));
      running = true;
      unsubscribe = options.store.onAppended(() => {
        appendedSinceRead = true;
        wake?.();
      });
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
