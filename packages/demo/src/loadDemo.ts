import {
  MAX_BATCH_SIZE,
  type SegmentMessageInput,
  type TouchpointInput,
} from '@touchline/contracts';
import { touchline, TouchlineError, type BatchAnswer } from '@touchline/sdk';
import { demoJourneys, type DemoOptions } from './demoJourneys.ts';
import type { LoadProgress } from './formatLoadProgress.ts';

export interface LoadDemoOptions extends DemoOptions {
  readonly baseUrl: string;
  /** A write key of the project to fill. */
  readonly writeKey: string;
  /** Requests in flight at once (default 4). */
  readonly concurrency?: number;
  /** Called after every batch (and once at the start). */
  readonly onProgress?: (progress: LoadProgress) => void;
}

export interface LoadDemoResult {
  readonly customers: number;
  readonly events: number;
  readonly accepted: number;
  readonly duplicates: number;
  readonly elapsedMs: number;
}

/** A batch the API refused in whole or in part: the first rejected item's code, field and message. */
export class DemoLoadError extends Error {
  readonly code: string;
  readonly field: string | undefined;
  constructor(code: string, field: string | undefined, message: string) {
    super(`demo load refused: ${code}${field ? ` (${field})` : ''}: ${message}`);
    this.name = 'DemoLoadError';
    this.code = code;
    this.field = field;
  }
}

type Batch =
  | { readonly api: 'touchpoints'; readonly items: TouchpointInput[] }
  | { readonly api: 'segment'; readonly items: SegmentMessageInput[] };

const firstRejection = (answer: BatchAnswer): DemoLoadError | undefined => {
  const bad = answer.results.find((r) => r.status === 'rejected');
  return bad
    ? new DemoLoadError(
        bad.code ?? 'TL_INVALID_FIELD',
        bad.field,
        bad.message ?? `${answer.rejected} rejected`,
      )
    : undefined;
};

/**
 * Generates the demo (`demoJourneys`) and posts it through the real API: touchpoints to
 * `POST /v1/touchpoints` and the sign-up identifies to Segment's `POST /v1/batch`, in batches of
 * 500 with at most `concurrency` requests in flight. Stops at the first refused batch or item with
 * a `DemoLoadError` (or the SDK's `TouchlineError` for a refused request) naming code and field.
 */
export async function loadDemo(options: LoadDemoOptions): Promise<LoadDemoResult> {
  const started = Date.now();
  const client = touchline({ baseUrl: options.baseUrl, key: options.writeKey });
  const batches: Batch[] = [];
  let touchpoints: TouchpointInput[] = [];
  let identifies: SegmentMessageInput[] = [];
  let events = 0;
  let customers = 0;
  for (const journey of demoJourneys(options)) {
    customers++;
    for (const touchpoint of journey.touchpoints) {
      touchpoints.push(touchpoint);
      if (touchpoints.length === MAX_BATCH_SIZE) {
        batches.push({ api: 'touchpoints', items: touchpoints });
        touchpoints = [];
      }
    }
    events += journey.touchpoints.length;
    if (journey.identify) {
      identifies.push(journey.identify);
      events++;
      if (identifies.length === MAX_BATCH_SIZE) {
        batches.push({ api: 'segment', items: identifies });
        identifies = [];
      }
    }
  }
  if (touchpoints.length > 0) batches.push({ api: 'touchpoints', items: touchpoints });
  if (identifies.length > 0) batches.push({ api: 'segment', items: identifies });

  let sent = 0;
  let accepted = 0;
  let duplicates = 0;
  let next = 0;
  let failure: Error | undefined;
  options.onProgress?.({ sent: 0, total: events, elapsedMs: 0 });
  const worker = async () => {
    while (failure === undefined && next < batches.length) {
      const batch = batches[next++]!;
      try {
        const answer =
          batch.api === 'touchpoints'
            ? await client.touchpoints.send(batch.items)
            : await client.segment.batch(batch.items);
        const rejected = firstRejection(answer);
        if (rejected) throw rejected;
        accepted += answer.accepted;
        duplicates += answer.duplicates;
        sent += batch.items.length;
        options.onProgress?.({ sent, total: events, elapsedMs: Date.now() - started });
      } catch (error) {
        failure ??=
          error instanceof TouchlineError
            ? new DemoLoadError(error.code, error.field, error.message)
            : error instanceof Error
              ? error
              : new Error(String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  if (failure !== undefined) throw failure;
  return { customers, events, accepted, duplicates, elapsedMs: Date.now() - started };
}
