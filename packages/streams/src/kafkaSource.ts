import type { Consumer, Kafka } from 'kafkajs';
import { fromEventMessage } from './eventMessage.ts';
import type { BatchHandler, EventSource, SourcedEvent } from './stream.ts';

export interface KafkaSourceOptions {
  readonly kafka: Kafka;
  readonly topic: string;
  readonly groupId: string;
  readonly onError?: (error: unknown) => void;
}

/** Partitions whose fetched batches may wait for the handler at the same time. */
const PARTITIONS_AT_ONCE = 64;

interface Waiting {
  readonly events: readonly SourcedEvent[];
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/**
 * Hands the batches of several partitions to the handler as one call, one call at a time:
 * what arrives while the handler works is joined into its next call. A projector then writes
 * one insert per round of fetches instead of one per partition, which keeps it fresh.
 */
function coalescing(
  handler: BatchHandler,
  onError: ((error: unknown) => void) | undefined,
): (events: readonly SourcedEvent[]) => Promise<void> {
  const waiting: Waiting[] = [];
  let draining = false;
  const drain = async () => {
    draining = true;
    // Let the other partitions of the same fetch join the first call.
    await new Promise((resolve) => setImmediate(resolve));
    while (waiting.length > 0) {
      const group = waiting.splice(0);
      try {
        await handler(group.flatMap((w) => w.events));
        for (const w of group) w.resolve();
      } catch (error) {
        onError?.(error);
        const failure = error instanceof Error ? error : new Error(String(error));
        for (const w of group) w.reject(failure);
      }
    }
    draining = false;
  };
  return (events) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ events, resolve, reject });
      if (!draining) void drain();
    });
}

/**
 * Distributed-mode stream: a Kafka consumer group. Offsets are committed by hand, after the
 * handler has written the batch, so a crash or a rebalance re-delivers rather than loses.
 * Partitions are fetched together and their batches handled in one call (each customer's events
 * stay in order: a customer lives in one partition); handler calls never overlap.
 */
export function kafkaSource(options: KafkaSourceOptions): EventSource {
  let consumer: Consumer | undefined;
  return {
    async start(handler: BatchHandler) {
      consumer = options.kafka.consumer({ groupId: options.groupId, allowAutoTopicCreation: true });
      await consumer.connect();
      await consumer.subscribe({ topic: options.topic, fromBeginning: true });
      const active = consumer;
      const handle = coalescing(handler, options.onError);
      await active.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: PARTITIONS_AT_ONCE,
        eachBatch: async (payload) => {
          const { batch } = payload;
          if (!payload.isRunning() || payload.isStale() || batch.messages.length === 0) return;
          const events = batch.messages
            .filter((m) => m.value !== null)
            .map((m) => fromEventMessage(m.value!));
          await handle(events); // on a failure kafkajs retries from the last committed offset
          const last = batch.messages.at(-1)!;
          payload.resolveOffset(last.offset);
          await active.commitOffsets([
            {
              topic: batch.topic,
              partition: batch.partition,
              offset: (BigInt(last.offset) + 1n).toString(),
            },
          ]);
          await payload.heartbeat();
        },
      });
    },
    async stop() {
      await consumer?.disconnect();
    },
  };
}
