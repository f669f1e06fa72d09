export interface RateDecision {
  readonly allowed: boolean;
  /** Whole seconds until a request would be allowed (0 when allowed). */
  readonly retryAfterSeconds: number;
}

/**
 * Token buckets per key: `perSecond` refill, bursts up to `burst`. Pure apart from the clock the
 * caller passes in; one process's view (a shared limiter is future work).
 */
export function tokenBuckets() {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key: string, perSecond: number, burst: number, nowMs: number, cost = 1): RateDecision {
      const bucket = buckets.get(key) ?? { tokens: burst, at: nowMs };
      bucket.tokens = Math.min(burst, bucket.tokens + ((nowMs - bucket.at) / 1000) * perSecond);
      bucket.at = nowMs;
      buckets.set(key, bucket);
      if (bucket.tokens >= cost) {
        bucket.tokens -= cost;
        return { allowed: true, retryAfterSeconds: 0 };
      }
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((cost - bucket.tokens) / perSecond)),
      };
    },
  };
}
