import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore } from '@touchline/event-store';
import type { EventSource, SourcedEvent } from '../stream.ts';

export interface EventSourceFixture {
  /** The store events are appended to; the source under test must deliver them. */
  readonly store: EventStore;
  /** A new source over the same log and position (same consumer group / checkpoint name). */
  source(): EventSource;
  dispose(): Promise<void>;
}

interface Collector {
  readonly events: SourcedEvent[];
  failNext: number;
}

const collect = async (source: EventSource, collector: Collector) => {
  await source.start(async (batch) => {
    if (collector.failNext > 0) {
      collector.failNext--;
      throw new Error('handler failure (test)');
    }
    collector.events.push(...batch);
    await Promise.resolve();
  });
};

const until = async (check: () => boolean, timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for delivery');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/** Behaviour every EventSource must show: complete, per-stream ordered, resumable, retrying. */
export function eventSourceContract(open: () => Promise<EventSourceFixture>): void {
  let fixture: EventSourceFixture;
  beforeAll(async () => {
    fixture = await open();
  });
  afterAll(async () => {
    await fixture?.dispose();
  });

  const appendJourneys = async (customers: number, perCustomer: number, tag: string) => {
    const streams = Array.from({ length: customers }, () => `customer-contract-${randomUUID()}`);
    for (let i = 0; i < perCustomer; i++) {
      await Promise.all(
        streams.map((stream) =>
          fixture.store.append(stream, [{ id: randomUUID(), type: 'test.step', data: { i, tag } }]),
        ),
      );
    }
    return streams;
  };

  describe('event source', () => {
    it('delivers every event, each customer’s in store order, resumes after a restart, and retries a failed batch', async () => {
      const first: Collector = { events: [], failNext: 1 };
      const source = fixture.source();
      await collect(source, first);
      const streams = await appendJourneys(5, 6, 'a');
      const wanted = new Set(streams);
      const mine = (c: Collector) => c.events.filter((e) => wanted.has(e.streamId));
      await until(() => mine(first).length >= 30);
      for (const stream of streams) {
        const versions = first.events
          .filter((e) => e.streamId === stream)
          .map((e) => Number(e.streamVersion));
        expect(versions).toEqual([0, 1, 2, 3, 4, 5]);
      }
      await source.stop();

      // Appended while nobody listens; a new source on the same position delivers exactly these
      // (at-least-once allows the last committed batch again, so compare sets of the new ones).
      const later = await appendJourneys(2, 3, 'b');
      const second: Collector = { events: [], failNext: 0 };
      const resumed = fixture.source();
      await collect(resumed, second);
      const laterSet = new Set(later);
      await until(() => second.events.filter((e) => laterSet.has(e.streamId)).length >= 6);
      await resumed.stop();
      const replayedOld = second.events.filter((e) => wanted.has(e.streamId));
      expect(replayedOld.length).toBeLessThan(30); // resumed from its position, not from the start
      for (const stream of later) {
        expect(
          second.events.filter((e) => e.streamId === stream).map((e) => Number(e.streamVersion)),
        ).toEqual([0, 1, 2]);
      }
      const sample = second.events.find((e) => laterSet.has(e.streamId))!;
      expect(sample).toMatchObject({ type: 'test.step', data: { tag: 'b' } });
      expect(typeof sample.checkpoint).toBe('string');
      expect(typeof sample.globalPosition).toBe('bigint');
    });
  });
}
