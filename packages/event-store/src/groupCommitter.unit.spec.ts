import { describe, expect, it } from 'vitest';
import { groupCommitter } from './groupCommitter.ts';

const deferred = () => {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
};

describe('groupCommitter', () => {
  it('commits an idle request within one event-loop turn and groups what arrives meanwhile, in order', async () => {
    const groups: number[][] = [];
    const gate = deferred();
    const submit = groupCommitter<number, string>(
      { maxEvents: 100, maxConcurrent: 1 },
      () => 1,
      async (requests) => {
        groups.push(requests);
        if (groups.length === 1) await gate.promise;
        return requests.map((r) => `ok-${r}`);
      },
    );
    const first = submit(0);
    await new Promise((resolve) => setImmediate(resolve)); // the idle request's group has started
    const rest = [1, 2, 3, 4].map((n) => submit(n));
    gate.release();
    expect(await first).toBe('ok-0');
    expect(await Promise.all(rest)).toEqual(['ok-1', 'ok-2', 'ok-3', 'ok-4']);
    expect(groups).toEqual([[0], [1, 2, 3, 4]]);
  });

  it('bounds a group by its event count, but lets one oversized request through alone', async () => {
    const groups: number[][] = [];
    const gate = deferred();
    const submit = groupCommitter<number, number>(
      { maxEvents: 10, maxConcurrent: 1 },
      (n) => n,
      async (requests) => {
        groups.push(requests);
        if (groups.length === 1) await gate.promise;
        return requests;
      },
    );
    const all = [1, 4, 4, 4, 25, 3].map((n) => submit(n));
    gate.release();
    await Promise.all(all);
    expect(groups).toEqual([[1, 4, 4], [4], [25], [3]]);
  });

  it('gives each request its own error without failing the group', async () => {
    const submit = groupCommitter<number, number>(
      { maxEvents: 100, maxConcurrent: 1 },
      () => 1,
      (requests) => Promise.resolve(requests.map((r) => (r % 2 === 0 ? r : new Error(`odd ${r}`)))),
    );
    const results = await Promise.allSettled([2, 3, 4].map((n) => submit(n)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('runs up to maxConcurrent groups at once', async () => {
    let running = 0;
    let peak = 0;
    const submit = groupCommitter<number, number>(
      { maxEvents: 1, maxConcurrent: 3 },
      () => 1,
      async (requests) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 10));
        running--;
        return requests;
      },
    );
    await Promise.all(Array.from({ length: 10 }, (_, i) => submit(i)));
    expect(peak).toBe(3);
  });
});
