import type { Consumer, Kafka } from 'kafkajs';
import { fromEventMessage } from './eventMessage.ts';
import type { BatchHandler, EventSource } from './stream.ts';

export interface KafkaSourceOptions {
  readonly kafka: Kafka;
  readonly topic: string;
  readonly groupId: string;
  readonly onError?: (error: unknown) => void;
}

/**
 * Distributed-mode stream: a Kafka consumer group. Offsets are committed by hand, after the
 * handler has written the batch, so a crash or a rebalance re-delivers rather than loses.
 */
export function kafkaSource(options: KafkaSourceOptions): EventSource {
  let consumer: Consumer | undefined;
  return {
    async start(handler: BatchHandler) {
      consumer = options.kafka.consumer({ groupId: options.groupId, allowAutoTopicCreation: true });
      await consumer.connect();
      await consumer.subscribe({ topic: options.topic, fromBeginning: true });
      const active = consumer;
      await active.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: async (payload) => {
          const { batch } = payload;
          if (!payload.isRunning() || payload.isStale() || batch.messages.length === 0) return;
          const events = batch.messages
            .filter((m) => m.value !== null)
            .map((m) => fromEventMessage(m.value!));
          try {
            await handler(events);
          } catch (error) {
            options.onError?.(error);
            throw error; // kafkajs retries the batch from the last committed offset
          }
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
