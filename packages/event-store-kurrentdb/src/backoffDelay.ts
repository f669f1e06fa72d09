export interface Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
}

/** Exponential backoff: initialMs, 2×, 4×, … capped at maxMs (attempt counts from 1). */
export const backoffDelay = (attempt: number, backoff: Backoff): number =>
  Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
