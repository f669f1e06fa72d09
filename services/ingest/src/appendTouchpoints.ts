import { ApiError, type ErrorCode } from '@touchline/contracts';
import {
  ConcurrencyError,
  DuplicateEventConflictError,
  type EventStore,
  type NewEvent,
} from '@touchline/event-store';

/** The answer for one touchpoint of a request. */
export interface ItemResult {
  readonly index: number;
  readonly status: 'accepted' | 'duplicate' | 'rejected';
  readonly id?: string;
  readonly code?: ErrorCode;
  readonly field?: string;
  readonly message?: string;
}

export interface PreparedItem {
  readonly index: number;
  readonly streamId: string;
  /** The touchpoint first; derived facts (identity links) may follow. */
  readonly events: readonly NewEvent[];
}

const rejection = (index: number, id: string, error: Error): ItemResult => {
  if (error instanceof ConcurrencyError) {
    return {
      index,
      id,
      status: 'rejected',
      code: 'TL_WRONG_EXPECTED_VERSION',
      message: error.message,
    };
  }
  if (error instanceof DuplicateEventConflictError) {
    return {
      index,
      id,
      status: 'rejected',
      code: 'TL_EVENT_ID_REUSED',
      field: 'id',
      message: error.message,
    };
  }
  throw error;
};

/**
 * Appends prepared touchpoints in one transaction and answers per item: accepted, duplicate (its
 * id was stored before: nothing new is written) or rejected with a code. Resolves only after the
 * transaction committed.
 */
export async function appendTouchpoints(
  store: EventStore,
  items: readonly PreparedItem[],
): Promise<ItemResult[]> {
  if (items.length === 0) return [];
  const results = await store.appendMany(
    items.map((item) => ({ streamId: item.streamId, events: item.events })),
  );
  return items.map((item, i) => {
    const result = results[i]!;
    const id = item.events[0]!.id;
    if (result instanceof Error) return rejection(item.index, id, result);
    return {
      index: item.index,
      id,
      status: result.duplicates.includes(id) ? 'duplicate' : 'accepted',
    };
  });
}

/** For single-touchpoint requests: a rejected item becomes the request's error. */
export function throwIfRejected(result: ItemResult): void {
  if (result.status !== 'rejected') return;
  throw new ApiError(
    result.code ?? 'TL_INVALID_FIELD',
    result.message ?? 'rejected',
    result.field ? { field: result.field } : {},
  );
}

export interface BatchOutcome {
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: number;
  /** Every item's answer, in request order. */
  readonly results: readonly ItemResult[];
  /** The partial-acceptance rule: 200 nothing rejected, 207 some rejected, 400 all rejected. */
  readonly status: 200 | 207 | 400;
}

/** Merges the items refused before the append with the stored ones and applies the batch rule. */
export function batchOutcome(
  rejected: readonly ItemResult[],
  stored: readonly ItemResult[],
): BatchOutcome {
  const results = [...rejected, ...stored].sort((a, b) => a.index - b.index);
  const count = (status: ItemResult['status']) => results.filter((r) => r.status === status).length;
  const outcome = {
    accepted: count('accepted'),
    duplicates: count('duplicate'),
    rejected: count('rejected'),
  };
  const status = outcome.rejected === 0 ? 200 : outcome.rejected === results.length ? 400 : 207;
  return { ...outcome, results, status };
}
