import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConcurrencyError, DuplicateEventConflictError } from '../errors.ts';
import type { EventStore, NewEvent } from '../eventStore.ts';
import { START } from '../checkpoint.ts';

export interface EventStoreFixture {
  readonly store: EventStore;
  dispose(): Promise<void>;
}

const event = (type = 'test.happened', data: unknown = { n: 1 }): NewEvent => ({
  id: randomUUID(),
  type,
  data,
});
const stream = (): string => `customer-test-${randomUUID()}`;

/** The behaviour every EventStore adapter must show. Call inside a describe per adapter. */
export function eventStoreContract(open: () => Promise<EventStoreFixture>): void {
  let fixture: EventStoreFixture;
  let store: EventStore;
  beforeAll(async () => {
    fixture = await open();
    store = fixture.store;
  });
  afterAll(async () => {
    await fixture?.dispose();
  });

  describe('append and read a stream', () => {
    it('appends in order and reads the stream back with versions from 0', async () => {
      const id = stream();
      const events = [event('a', { i: 0 }), event('b', { i: 1 }), event('c', { i: 2 })];
      const result = await store.append(id, events, { expectedVersion: 'no_stream' });
      expect(result.streamVersion).toBe(2n);
      expect(result.appended).toEqual(events.map((e) => e.id));
      const read = await store.readStream(id);
      expect(read.map((e) => [e.type, e.streamVersion, e.data])).toEqual([
        ['a', 0n, { i: 0 }],
        ['b', 1n, { i: 1 }],
        ['c', 2n, { i: 2 }],
      ]);
      expect((await store.readStream(id, { fromVersion: 2n })).map((e) => e.type)).toEqual(['c']);
    });

    it('keeps large and unicode payloads intact', async () => {
      const id = stream();
      const data = {
        text: 'Grüße 你好 👋🏽 \u2028 "quoted" \\ back',
        big: 'x'.repeat(200_000),
        nested: { a: [1, 2, { b: null }] },
      };
      await store.append(id, [event('unicode', data)]);
      const [read] = await store.readStream(id);
      expect(read?.data).toEqual(data);
    });

    it('reads nothing from a stream that does not exist', async () => {
      expect(await store.readStream(stream())).toEqual([]);
    });
  });

  describe('expected version', () => {
    it('no_stream fails once the stream exists, with expected and actual', async () => {
      const id = stream();
      await store.append(id, [event()], { expectedVersion: 'no_stream' });
      const error = await store
        .append(id, [event()], { expectedVersion: 'no_stream' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(error).toMatchObject({ expected: 'no_stream', actual: 0n, httpStatus: 412 });
    });

    it('stream_exists fails on a new stream and nothing is written', async () => {
      const id = stream();
      await expect(
        store.append(id, [event()], { expectedVersion: 'stream_exists' }),
      ).rejects.toBeInstanceOf(ConcurrencyError);
      expect(await store.readStream(id)).toEqual([]);
    });

    it('an exact version succeeds when it matches and fails when stale', async () => {
      const id = stream();
      await store.append(id, [event(), event()]);
      expect((await store.append(id, [event()], { expectedVersion: 1n })).streamVersion).toBe(2n);
      const error = await store
        .append(id, [event()], { expectedVersion: 1n })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ expected: 1n, actual: 2n });
      expect(await store.readStream(id)).toHaveLength(3);
    });

    it('of concurrent writers expecting the same version exactly one wins', async () => {
      const id = stream();
      await store.append(id, [event()]);
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, () => store.append(id, [event()], { expectedVersion: 0n })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(
        results
          .filter((r) => r.status === 'rejected')
          .every((r) => r.reason instanceof ConcurrencyError),
      ).toBe(true);
      expect(await store.readStream(id)).toHaveLength(2);
    });
  });

  describe('idempotency', () => {
    it('an event id appended again is reported as a duplicate, not stored twice', async () => {
      const id = stream();
      const first = event('x', { v: 1 });
      await store.append(id, [first]);
      const again = await store.append(id, [first, event('y')]);
      expect(again.duplicates).toEqual([first.id]);
      expect(again.appended).toHaveLength(1);
      expect((await store.readStream(id)).map((e) => e.type)).toEqual(['x', 'y']);
    });

    it('the same id with a different payload is an error, never a silent drop', async () => {
      const id = stream();
      const first = event('x', { v: 1 });
      await store.append(id, [first]);
      await expect(store.append(id, [{ ...first, data: { v: 2 } }])).rejects.toBeInstanceOf(
        DuplicateEventConflictError,
      );
    });
  });

  describe('global log', () => {
    it('reads every appended event once, in order, from a checkpoint', async () => {
      const { checkpoint: before } = await drain(store, START);
      const appended: string[] = [];
      for (let i = 0; i < 5; i++) {
        const events = [event('log', { i }), event('log', { i })];
        appended.push(...events.map((e) => e.id));
        await store.append(stream(), events);
      }
      const seen: string[] = [];
      let checkpoint = before;
      for (;;) {
        const page = await store.readAll({ after: checkpoint, limit: 3 });
        if (page.events.length === 0) break;
        for (const e of page.events) expect(e.checkpoint > checkpoint).toBe(true);
        seen.push(...page.events.map((e) => e.id));
        checkpoint = page.checkpoint;
      }
      expect(seen).toEqual(appended);
    });
  });
}

async function drain(store: EventStore, from: typeof START) {
  let checkpoint = from;
  for (;;) {
    const page = await store.readAll({ after: checkpoint, limit: 10_000 });
    if (page.events.length === 0) return { checkpoint };
    checkpoint = page.checkpoint;
  }
}
