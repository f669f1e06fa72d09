import { describe, expect, it } from 'vitest';
import { tokenBuckets } from './rateLimiter.ts';

describe('tokenBuckets', () => {
  it('allows a burst, then refuses with a Retry-After, then refills with time', () => {
    const buckets = tokenBuckets();
    const results = Array.from({ length: 12 }, () => buckets.take('k', 5, 10, 1_000));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    expect(results.at(-1)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(buckets.take('k', 5, 10, 1_400).allowed).toBe(true); // 0.4 s × 5/s = 2 tokens back
    expect(buckets.take('other', 5, 10, 1_000).allowed).toBe(true); // per key
  });
});
