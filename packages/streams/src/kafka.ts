import { Kafka, Partitioners, logLevel, type Admin } from 'kafkajs';

export interface KafkaSettings {
  readonly brokers: readonly string[];
  readonly clientId?: string;
}

export function kafkaClient(settings: KafkaSettings): Kafka {
  return new Kafka({
    clientId: settings.clientId ?? 'touchline',
    brokers: [...settings.brokers],
    logLevel: logLevel.ERROR,
    retry: { retries: 8, initialRetryTime: 200 },
  });
}

export const defaultPartitioner = Partitioners.DefaultPartitioner;

/** Creates the topic if it is missing (idempotent), so consumers can subscribe before the first publish. */
export async function ensureTopic(kafka: Kafka, topic: string, numPartitions = 6): Promise<void> {
  const admin: Admin = kafka.admin();
  await admin.connect();
  try {
    const existing = await admin.listTopics();
    if (!existing.includes(topic)) {
      await admin.createTopics({
        topics: [{ topic, numPartitions, replicationFactor: -1 }],
        waitForLeaders: true,
      });
    }
  } finally {
    await admin.disconnect();
  }
}
