import { randomBytes } from 'node:crypto';
import { dockerReachable, reportAvailability, type Availability } from './engineAvailability.ts';

let brokers: Promise<Availability<string[]>> | undefined;

async function findBrokers(): Promise<Availability<string[]>> {
  const fromEnv = process.env.TL_TEST_KAFKA_BROKERS ?? process.env.KAFKA_BROKERS;
  if (fromEnv)
    return { available: true, value: fromEnv.split(',').map((b) => b.trim()), source: 'env' };
  if (await dockerReachable()) {
    const { KafkaContainer } = await import('@testcontainers/kafka');
    const container = await new KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft().start();
    return {
      available: true,
      value: [`${container.getHost()}:${container.getMappedPort(9093)}`],
      source: 'testcontainers',
    };
  }
  return {
    available: false,
    reason: 'no TL_TEST_KAFKA_BROKERS / KAFKA_BROKERS set and no Docker engine reachable',
  };
}

/** Kafka brokers for integration tests: env first, else testcontainers, else a printed skip. */
export async function kafkaBrokers(): Promise<Availability<string[]>> {
  brokers ??= findBrokers().then((found) => reportAvailability('kafka', found));
  return brokers;
}

/** A topic name no other test uses (the broker auto-creates it or the test creates it). */
export const uniqueTopic = (prefix: string): string =>
  `${prefix}.${randomBytes(5).toString('hex')}`;
