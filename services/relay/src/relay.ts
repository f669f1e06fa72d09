import type { Checkpoint, CheckpointStore, EventStore } from '@touchline/event-store';
import { storeLogSource, toEventMessage, type StreamPublisher } from '@touchline/streams';

export interface RelayOptions {
  readonly store: EventStore;
  readonly checkpoints: CheckpointStore;
  readonly publisher: StreamPublisher;
  readonly topic: string;
  readonly source: string;
  readonly batchSize?: number;
  readonly onError?: (error: unknown) => void;
  readonly onPublished?: (count: number, checkpoint: string) => void;
}

export interface Relay {
  readonly checkpointName: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Store log → Kafka. Tails the gap-free global log, publishes each batch keyed by customer
 * stream and waits for the broker's acks before it moves its checkpoint, so a crash re-publishes
 * (consumers dedupe on the event id / store position) and never skips. One batch in flight keeps
 * each customer's order.
 */
export function createRelay(options: RelayOptions): Relay {
  const checkpointName = `relay:${options.topic}`;
  const source = storeLogSource({
    store: options.store,
    batchSize: options.batchSize ?? 1000,
    idleMs: 100,
    position: {
      load: () => options.checkpoints.load(checkpointName),
      save: (checkpoint) => options.checkpoints.save(checkpointName, checkpoint as Checkpoint),
    },
    ...(options.onError ? { onError: options.onError } : {}),
  });
  return {
    checkpointName,
    start: () =>
      source.start(async (events) => {
        await options.publisher.publish(
          options.topic,
          events.map((event) => toEventMessage(event, options.source)),
        );
        options.onPublished?.(events.length, events.at(-1)!.checkpoint);
      }),
    stop: () => source.stop(),
  };
}
