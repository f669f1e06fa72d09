import { randomUUID } from 'node:crypto';
import {
  ConcurrencyError,
  DuplicateEventConflictError,
  START,
  STREAM_ERASED,
  type NewEvent,
} from '@touchline/event-store';
import { describe, expect, it } from 'vitest';
import { IDEMPOTENCY_WINDOW, kurrentEventStoreOn } from './kurrentEventStore.ts';
import { fakeKurrentClient } from './testing/fakeKurrentClient.ts';

// The adapter's logic on an in-memory fake of the client (see fakeKurrentClient.ts); the real
// server runs the shared contract in kurrentEventStore.int.spec.ts.

const event = (type = 't', data: unknown = {}): NewEvent => ({ id: randomUUID(), type, data });

const open = () => {
  const fake = fakeKurrentClient();
  return { fake, store: kurrentEventStoreOn(fake.client) };
};

describe('KurrentDB store: global log', () => {
  it('hides erased events that $all still holds, keeps the tombstone, and never returns system events', async () => {
    const { fake, store } = open();
    await store.append('a', [event('secret', { email: 'ada@example.com' }), event('secret')]);
    await store.append('b', [event('keep')]);
    await store.erase('a', 'gdpr');
    expect(fake.log.some((r) => JSON.stringify(r.data).includes('ada@example.com'))).toBe(true);

    const { events } = await store.readAll();
    expect(events.map((e) => [e.streamId, e.type])).toEqual([
      ['b', 'keep'],
      ['a', STREAM_ERASED],
    ]);
  });

  it('pages past a run of erased events instead of returning an empty page early', async () => {
    const { store } = open();
    await store.append('first', [event('x')]);
    await store.append(
      'erased',
      Array.from({ length: 5 }, () => event('y')),
    );
    await store.erase('erased', 'gdpr');
    const first = await store.readAll({ limit: 1 });
    expect(first.events.map((e) => e.streamId)).toEqual(['first']);
    const second = await store.readAll({ after: first.checkpoint, limit: 1 });
    expect(second.events.map((e) => e.type)).toEqual([STREAM_ERASED]);
    expect(await store.readAll({ after: second.checkpoint })).toEqual({
      events: [],
      checkpoint: second.checkpoint,
    });
  });

  it('is exclusive of the checkpoint and returns it unchanged when nothing follows', async () => {
    const { store } = open();
    await store.append('s', [event(), event(), event()]);
    const all = await store.readAll({ after: START });
    const rest = await store.readAll({ after: all.events[0]!.checkpoint });
    expect(rest.events.map((e) => e.id)).toEqual(all.events.slice(1).map((e) => e.id));
  });
});

describe('KurrentDB store: appends', () => {
  const interfering = () => {
    const { fake, store } = open();
    const client = fake.client as unknown as {
      appendToStream: (...args: unknown[]) => Promise<unknown>;
    };
    const original = client.appendToStream.bind(client);
    let interfere = true;
    client.appendToStream = (...args: unknown[]) => {
      // Another process appends between our read and our append, once.
      if (interfere) fake.appendDirectly('s', [{ id: randomUUID(), type: 'other', data: {} }]);
      interfere = false;
      return original(...args);
    };
    return { fake, store };
  };

  it('re-reads and retries a pinned append when another writer got in between (any)', async () => {
    const { fake, store } = interfering();
    fake.appendDirectly('s', [{ id: randomUUID(), type: 'first', data: {} }]);
    const result = await store.append('s', [event('mine')]);
    expect(result.streamVersion).toBe(2n);
    expect((await store.readStream('s')).map((e) => e.type)).toEqual(['first', 'other', 'mine']);
  });

  it('turns the same race into a ConcurrencyError with the actual version for an exact expectation', async () => {
    const { fake, store } = interfering();
    fake.appendDirectly('s', [{ id: randomUUID(), type: 'first', data: {} }]);
    const error = await store
      .append('s', [event()], { expectedVersion: 0n })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({ expected: 0n, actual: 1n });
  });

  it('finds reused ids only within the recent window of the same stream', async () => {
    const { store } = open();
    const old = event('x', { v: 1 });
    await store.append('s', [old]);
    await store.append(
      's',
      Array.from({ length: IDEMPOTENCY_WINDOW }, () => event()),
    );
    // Still inside the window of a one-event batch (1 + 64 events back): a duplicate.
    expect((await store.append('s', [old])).duplicates).toEqual([old.id]);
    await store.append('s', [event()]);
    // Now just outside it: stored a second time.
    const again = await store.append('s', [old]);
    expect(again.appended).toEqual([old.id]);
    // Another stream never sees it.
    expect((await store.append('other', [{ ...old, data: { v: 2 } }])).appended).toEqual([old.id]);
  });
});

describe('KurrentDB store: appendMany', () => {
  it('gives each entry its result or error, in order, same-stream entries one after another', async () => {
    const { store } = open();
    await store.append('existing', [event()]);
    const reused = event('x', { v: 1 });
    await store.append('c', [reused]);
    const results = await store.appendMany([
      { streamId: 'a', events: [event('one'), event('two')] },
      { streamId: 'existing', events: [event()], expectedVersion: 'no_stream' },
      { streamId: 'c', events: [{ ...reused, data: { v: 2 } }] },
      { streamId: 'a', events: [event('three')], expectedVersion: 1n },
    ]);
    expect(results[0]).toMatchObject({ streamId: 'a', streamVersion: 1n });
    expect(results[1]).toBeInstanceOf(ConcurrencyError);
    expect(results[2]).toBeInstanceOf(DuplicateEventConflictError);
    expect(results[3]).toMatchObject({ streamId: 'a', streamVersion: 2n });
    expect((await store.readStream('a')).map((e) => e.type)).toEqual(['one', 'two', 'three']);
  });

  it('refuses a malformed batch before writing anything', async () => {
    const { fake, store } = open();
    const shared = event();
    await expect(
      store.appendMany([
        { streamId: 'a', events: [shared] },
        { streamId: 'b', events: [shared] },
      ]),
    ).rejects.toThrow(/unique within a batch/);
    expect(fake.log).toHaveLength(0);
    expect(await store.appendMany([])).toEqual([]);
  });
});

describe('KurrentDB store: erasure and stream info', () => {
  it('truncates before the tombstone, keeps createdAt, records erasedAt, and counts re-erasures', async () => {
    const { store } = open();
    await store.append('s', [event(), event()]);
    const createdAt = (await store.streamInfo('s')).createdAt;
    const first = await store.erase('s', 'r1');
    expect(first.eventsErased).toBe(2);
    const info = await store.streamInfo('s');
    expect(info).toMatchObject({ exists: true, version: 2n, createdAt });
    expect(info.erasedAt).toBeInstanceOf(Date);

    await store.append('s', [event()]);
    const second = await store.erase('s', 'r2');
    expect(second.eventsErased).toBe(2); // the first tombstone and the event after it
    expect((await store.readStream('s')).map((e) => [e.type, e.streamVersion])).toEqual([
      [STREAM_ERASED, 4n],
    ]);
  });

  it('tells listeners about appends and erasures', async () => {
    const { store } = open();
    let calls = 0;
    const off = store.onAppended(() => calls++);
    await store.append('s', [event()]);
    await store.erase('s', 'r');
    await store.erase('missing', 'r');
    off();
    await store.append('s', [event()]);
    expect(calls).toBe(2);
  });
});
