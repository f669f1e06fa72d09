import { Kafka, logLevel, type Admin, type ConsumerConfig } from 'kafkajs';

export interface KafkaSettings {
  readonly brokers: readonly string[];
  readonly clientId?: string;
  /**
   * Session timeout of the consumers this client makes (kafkajs default 30 s): how long a group
   * waits for a member that died before it hands its partitions to the others. The broker bounds
   * it (`group.min.session.timeout.ms`, 6 s by default).
   */
  readonly sessionTimeoutMs?: number;
}

export function kafkaClient(settings: KafkaSettings): Kafka {
  const config = {
    clientId: settings.clientId ?? 'touchline',
    brokers: [...settings.brokers],
    logLevel: logLevel.ERROR,
    retry: { retries: 8, initialRetryTime: 200 },
  };
  const sessionTimeout = settings.sessionTimeoutMs;
  if (sessionTimeout === undefined) return new Kafka(config);
  const heartbeatInterval = Math.min(3_000, Math.floor(sessionTimeout / 3));
  return new (class extends Kafka {
    override consumer(consumerConfig: ConsumerConfig) {
      return super.consumer({ sessionTimeout, heartbeatInterval, ...consumerConfig });
    }
  })(config);
}

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
