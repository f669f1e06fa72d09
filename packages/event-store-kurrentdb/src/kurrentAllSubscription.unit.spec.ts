import { randomUUID } from 'node:crypto';
import { STREAM_ERASED, type StoredEvent } from '@touchline/event-store';
import { describe, expect, it } from 'vitest';
import { kurrentAllSubscription } from './kurrentAllSubscription.ts';
import { kurrentEventStoreOn } from './kurrentEventStore.ts';
import { fakeKurrentClient } from './testing/fakeKurrentClient.ts';

// The re-subscription logic on an in-memory fake of the client (see fakeKurrentClient.ts).

const event = (type = 't') => ({ id: randomUUID(), type, data: {} });
const fast = { backoff: { initialMs: 1, maxMs: 5 } };

const setup = () => {
  const fake = fakeKurrentClient();
  return {
    fake,
    store: kurrentEventStoreOn(fake.client),
    subscriber: kurrentAllSubscription(fake.client),
  };
};

describe('kurrentAllSubscription', () => {
  it('delivers what follows the checkpoint (exclusive), live, in order, without system events', async () => {
    const { store, subscriber } = setup();
    await store.append('s', [event('old')]);
    const [mark] = await store.readStream('s');
    await store.append('s', [event('a')]);
    const seen: StoredEvent[] = [];
    const subscription = subscriber.subscribeToAll(mark!.checkpoint, (e) => void seen.push(e));
    await store.append('t', [event('b')]);
    await expect.poll(() => seen.map((e) => e.type)).toEqual(['a', 'b']);
    expect(subscription.position()).toBe(seen[1]!.checkpoint);
    await subscription.stop();
  });

  it('re-subscribes from the last handled event after a drop: nothing lost, nothing twice', async () => {
    const { fake, store, subscriber } = setup();
    await store.append('s', [event('a'), event('b'), event('c')]);
    fake.dropNextSubscriptionAfter(1);
    const drops: number[] = [];
    const seen: string[] = [];
    const subscription = subscriber.subscribeToAll(undefined, (e) => void seen.push(e.type), {
      ...fast,
      onDrop: (_error, attempt) => drops.push(attempt),
    });
    await expect.poll(() => seen).toEqual(['a', 'b', 'c']);
    expect(drops).toEqual([1]);
    expect(fake.subscriptions()).toBe(2);
    await subscription.stop();
  });

  it('delivers an event again when the handler failed on it (at least once)', async () => {
    const { store, subscriber } = setup();
    await store.append('s', [event('a'), event('b')]);
    const seen: string[] = [];
    let failed = false;
    const subscription = subscriber.subscribeToAll(
      undefined,
      (e) => {
        if (e.type === 'b' && !failed) {
          failed = true;
          throw new Error('handler failed');
        }
        seen.push(e.type);
      },
      fast,
    );
    await expect.poll(() => seen).toEqual(['a', 'b']);
    await subscription.stop();
  });

  it('skips erased events while catching up but delivers the tombstone', async () => {
    const { store, subscriber } = setup();
    await store.append('s', [event('secret'), event('secret')]);
    await store.erase('s', 'gdpr');
    await store.append('t', [event('after')]);
    const seen: string[] = [];
    const subscription = subscriber.subscribeToAll(undefined, (e) => void seen.push(e.type));
    await expect.poll(() => seen).toEqual([STREAM_ERASED, 'after']);
    await subscription.stop();
  });
});
