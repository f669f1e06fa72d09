import type { Kafka, Producer } from 'kafkajs';
import { keyPartitioner } from './keyPartitioner.ts';
import type { StreamPublisher } from './stream.ts';

/**
 * Kafka publisher: idempotent producer, acks from all in-sync replicas, one request in flight,
 * so messages of one key (customer) keep their order even across retries.
 */
export async function kafkaPublisher(kafka: Kafka): Promise<StreamPublisher> {
  const producer: Producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: keyPartitioner,
    allowAutoTopicCreation: true,
  });
  await producer.connect();
  return {
    async publish(topic, messages) {
      if (messages.length === 0) return;
      await producer.send({
        topic,
        acks: -1,
        messages: messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
      });
    },
    close: () => producer.disconnect(),
  };
}
