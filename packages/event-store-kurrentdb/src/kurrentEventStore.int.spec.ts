import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eventStoreContract } from '@touchline/event-store/contract';
import type { StoredEvent } from '@touchline/event-store';
import { dockerReachable, reportAvailability, type Availability } from '@touchline/testing';
import { getKurrentEventStore } from './kurrentEventStore.ts';
import { kurrentAllSubscription } from './kurrentAllSubscription.ts';

const IMAGE = 'docker.kurrent.io/kurrent-latest/kurrentdb:latest';

/** An EventStoreDB / KurrentDB server: env first, else testcontainers, else a printed skip. */
async function eventStoreDbServer(): Promise<Availability<string>> {
  const fromEnv = process.env.TL_TEST_EVENTSTOREDB_URL ?? process.env.EVENTSTOREDB_URL;
  if (fromEnv) return { available: true, value: fromEnv, source: 'env' };
  if (await dockerReachable()) {
    const { GenericContainer, Wait } = await import('testcontainers');
    const container = await new GenericContainer(IMAGE)
      .withEnvironment({
        KURRENTDB_INSECURE: 'true',
        KURRENTDB_MEM_DB: 'true',
        KURRENTDB_RUN_PROJECTIONS: 'None',
      })
      .withExposedPorts(2113)
      .withWaitStrategy(
        Wait.forHttp('/health/live', 2113).forStatusCodeMatching((code) => code < 300),
      )
      .start();
    return {
      available: true,
      value: `kurrentdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`,
      source: 'testcontainers',
    };
  }
  return {
    available: false,
    reason: 'no EVENTSTOREDB_URL / TL_TEST_EVENTSTOREDB_URL set and no Docker engine reachable',
  };
}

const server = reportAvailability('eventstoredb', await eventStoreDbServer());
const url = server.available ? server.value : '';

describe.runIf(server.available)('event store on KurrentDB', () => {
  eventStoreContract(async () => {
    const store = await getKurrentEventStore(url);
    return { store, dispose: () => store.close() };
  });
});

describe.runIf(server.available)('$all catch-up subscription on KurrentDB', () => {
  it('delivers the events after the stored checkpoint, exclusively, in order', async () => {
    const store = await getKurrentEventStore(url);
    const subscriber = kurrentAllSubscription(url);
    try {
      const stream = `customer-sub-${randomUUID()}`;
      await store.append(stream, [{ id: randomUUID(), type: 'before', data: {} }]);
      const [mark] = await store.readStream(stream);
      const ids = [randomUUID(), randomUUID()];
      const seen: StoredEvent[] = [];
      const subscription = subscriber.subscribeToAll(mark!.checkpoint, (event) => {
        if (event.streamId === stream) seen.push(event);
      });
      await store.append(
        stream,
        ids.map((id) => ({ id, type: 'after', data: {} })),
      );
      await expect.poll(() => seen.length, { timeout: 10_000 }).toBe(2);
      expect(seen.map((e) => e.id)).toEqual(ids);
      expect(subscription.position()! > mark!.checkpoint).toBe(true);
      await subscription.stop();
    } finally {
      await subscriber.close();
      await store.close();
    }
  });
});
