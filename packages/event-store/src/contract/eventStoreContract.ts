import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConcurrencyError, DuplicateEventConflictError } from '../errors.ts';
import type { EventStore, NewEvent } from '../eventStore.ts';
import { START, type Checkpoint } from '../checkpoint.ts';
import { STREAM_ERASED } from '../eraseStream.ts';

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

    it('reads backward from a version, and forward from a version with a limit', async () => {
      const id = stream();
      await store.append(
        id,
        Array.from({ length: 6 }, (_, i) => event('n', { i })),
      );
      expect(
        (await store.readStream(id, { direction: 'backward', limit: 2 })).map(
          (e) => e.streamVersion,
        ),
      ).toEqual([5n, 4n]);
      expect(
        (await store.readStream(id, { direction: 'backward', fromVersion: 2n })).map(
          (e) => e.streamVersion,
        ),
      ).toEqual([2n, 1n, 0n]);
      expect(
        (await store.readStream(id, { fromVersion: 3n, limit: 2 })).map((e) => e.streamVersion),
      ).toEqual([3n, 4n]);
    });

    it('tells whether a stream exists, its version and when it changed', async () => {
      const id = stream();
      expect(await store.streamInfo(id)).toEqual({ streamId: id, exists: false, version: -1n });
      await store.append(id, [event(), event()]);
      const info = await store.streamInfo(id);
      expect(info).toMatchObject({ streamId: id, exists: true, version: 1n });
      expect(info.createdAt).toBeInstanceOf(Date);
      expect(info.updatedAt!.getTime()).toBeGreaterThanOrEqual(info.createdAt!.getTime());
    });

    it('appends a batch of 10,000 events in one call, in order', async () => {
      const id = stream();
      const events = Array.from({ length: 10_000 }, (_, i) => event('bulk', { i }));
      const result = await store.append(id, events, { expectedVersion: 'no_stream' });
      expect(result.streamVersion).toBe(9_999n);
      const tail = await store.readStream(id, { fromVersion: 9_990n });
      expect(tail.map((e) => (e.data as { i: number }).i)).toEqual([
        9990, 9991, 9992, 9993, 9994, 9995, 9996, 9997, 9998, 9999,
      ]);
    });

    it('refuses malformed appends before touching the store', async () => {
      await expect(store.append(stream(), [])).rejects.toThrow(/at least one event/);
      await expect(store.append(stream(), [{ id: 'nope', type: 't', data: {} }])).rejects.toThrow(
        /not a UUID/,
      );
      const twice = event();
      await expect(store.append(stream(), [twice, twice])).rejects.toThrow(/unique within a batch/);
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

  describe('group commit', () => {
    it('64 concurrent single-event appends each get their own result, and all land', async () => {
      const ids = Array.from({ length: 64 }, () => stream());
      const results = await Promise.all(
        ids.map((id) => store.append(id, [event()], { expectedVersion: 'no_stream' })),
      );
      expect(results.map((r) => r.streamVersion)).toEqual(ids.map(() => 0n));
      expect(results.map((r) => r.streamId)).toEqual(ids);
      const counts = await Promise.all(ids.map(async (id) => (await store.readStream(id)).length));
      expect(counts.every((n) => n === 1)).toBe(true);
    });

    it('a conflict or a reused id fails only its own append, not the others committed with it', async () => {
      const busy = stream();
      await store.append(busy, [event()]);
      const reused = event('x', { v: 1 });
      await store.append(stream(), [reused]);
      const settled = await Promise.allSettled([
        store.append(stream(), [event()]),
        store.append(busy, [event()], { expectedVersion: 'no_stream' }),
        store.append(stream(), [{ ...reused, data: { v: 2 } }]),
        store.append(busy, [event()], { expectedVersion: 0n }),
        store.append(stream(), [event()], { expectedVersion: 'no_stream' }),
      ]);
      expect(settled.map((s) => s.status)).toEqual([
        'fulfilled',
        'rejected',
        'rejected',
        'fulfilled',
        'fulfilled',
      ]);
      expect((settled[1] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
      expect((settled[2] as PromiseRejectedResult).reason).toBeInstanceOf(
        DuplicateEventConflictError,
      );
      expect((await store.readStream(busy)).length).toBe(2);
    });

    it('concurrent appends to one stream get consecutive versions without gaps', async () => {
      const id = stream();
      const results = await Promise.all(
        Array.from({ length: 20 }, () => store.append(id, [event()])),
      );
      expect(results.map((r) => r.streamVersion).sort((a, b) => Number(a - b))).toEqual(
        Array.from({ length: 20 }, (_, i) => BigInt(i)),
      );
      expect((await store.readStream(id)).map((e) => e.streamVersion)).toEqual(
        Array.from({ length: 20 }, (_, i) => BigInt(i)),
      );
    });
  });

  describe('appendMany (a batch request)', () => {
    it('appends to many streams in one call; each entry gets its own result or error', async () => {
      const a = stream();
      const b = stream();
      const existing = stream();
      await store.append(existing, [event()]);
      const results = await store.appendMany([
        { streamId: a, events: [event('one'), event('two')] },
        { streamId: existing, events: [event()], expectedVersion: 'no_stream' },
        { streamId: b, events: [event('three')], expectedVersion: 'no_stream' },
        { streamId: a, events: [event('four')], expectedVersion: 1n },
      ]);
      expect(results[0]).toMatchObject({ streamId: a, streamVersion: 1n });
      expect(results[1]).toBeInstanceOf(ConcurrencyError);
      expect(results[2]).toMatchObject({ streamId: b, streamVersion: 0n });
      expect(results[3]).toMatchObject({ streamId: a, streamVersion: 2n });
      expect((await store.readStream(a)).map((e) => e.type)).toEqual(['one', 'two', 'four']);
      expect(await store.readStream(existing)).toHaveLength(1);
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

  describe('erasure', () => {
    it('deletes a stream’s events, leaves a tombstone without personal data, and keeps positions unique', async () => {
      const id = stream();
      await store.append(id, [
        event('order.placed', { email: 'ada@example.com' }),
        event('page.viewed', { ip: '10.0.0.1' }),
      ]);
      const other = stream();
      await store.append(other, [event('keep', { mine: true })]);
      const { checkpoint: before } = await drain(store, START);

      const result = await store.erase(id, 'gdpr-request-17');
      expect(result).toMatchObject({ streamId: id, eventsErased: 2 });

      const remaining = await store.readStream(id);
      expect(remaining.map((e) => e.type)).toEqual([STREAM_ERASED]);
      expect(remaining[0]).toMatchObject({ id: result.tombstoneId, streamVersion: 2n });
      expect(JSON.stringify(remaining[0]?.data)).not.toMatch(/ada@example\.com|10\.0\.0\.1/);
      expect((await store.streamInfo(id)).erasedAt).toBeInstanceOf(Date);
      // The tombstone travels the global log, so consumers learn of the erasure in order.
      const after = await store.readAll({ after: before, limit: 1000 });
      expect(after.events.filter((e) => e.streamId === id).map((e) => e.type)).toEqual([
        STREAM_ERASED,
      ]);
      const { events: all } = await store.readAll({ after: START, limit: 1_000_000 });
      expect(all.some((e) => JSON.stringify(e.data).includes('ada@example.com'))).toBe(false);
      expect(await store.readStream(other)).toHaveLength(1);

      // Later appends continue after the tombstone.
      const again = await store.append(id, [event('page.viewed')]);
      expect(again.streamVersion).toBe(3n);
    });

    it('erasing a stream that does not exist is a no-op', async () => {
      expect(await store.erase(stream(), 'none')).toMatchObject({
        eventsErased: 0,
        tombstoneId: undefined,
      });
    });
  });

  describe('global log', () => {
    it('is gap-free under 32 concurrent writers and a concurrent reader: nothing skipped, nothing twice', async () => {
      const { checkpoint: start } = await drain(store, START);
      const appended = new Set<string>();
      let writing = true;
      const writers = Array.from({ length: 32 }, async () => {
        for (let i = 0; i < 25; i++) {
          const events = i % 5 === 0 ? [event('w', { i }), event('w', { i })] : [event('w', { i })];
          await store.append(stream(), events);
          events.forEach((e) => appended.add(e.id));
        }
      });
      const seen: string[] = [];
      let last: Checkpoint = start;
      const reader = (async () => {
        for (;;) {
          const stillWriting = writing;
          const page = await store.readAll({ after: last, limit: 37 });
          for (const e of page.events) {
            expect(e.checkpoint > last).toBe(true);
            last = e.checkpoint;
            seen.push(e.id);
          }
          if (page.events.length === 0) {
            if (!stillWriting) return;
            await new Promise((resolve) => setTimeout(resolve, 2));
          }
        }
      })();
      await Promise.all(writers);
      writing = false;
      await reader;
      expect(seen.length).toBe(appended.size);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.every((id) => appended.has(id))).toBe(true);
    });

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
