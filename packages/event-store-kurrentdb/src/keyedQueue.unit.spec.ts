import { describe, expect, it } from 'vitest';
import { keyedQueue } from './keyedQueue.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('keyedQueue', () => {
  it('runs tasks of one key one after another, in order, even after a failure', async () => {
    const queue = keyedQueue();
    const log: string[] = [];
    const task =
      (name: string, fail = false) =>
      async () => {
        log.push(`start ${name}`);
        await tick();
        log.push(`end ${name}`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([
      queue.run('k', task('a')),
      queue.run('k', task('b', true)),
      queue.run('k', task('c')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('runs different keys concurrently', async () => {
    const queue = keyedQueue();
    let running = 0;
    let most = 0;
    const task = async () => {
      most = Math.max(most, ++running);
      await tick();
      running--;
    };
    await Promise.all([queue.run('a', task), queue.run('b', task), queue.run('c', task)]);
    expect(most).toBe(3);
  });
});
