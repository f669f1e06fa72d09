import { createHash } from 'node:crypto';
import { STREAM_ERASED } from '@touchline/event-store';
import { parseCustomerStreamId, timelineRow, type TimelineRow } from '@touchline/journey';
import type { BatchHandler, SourcedEvent } from '@touchline/streams';
import { eraseCustomerRows, insertTimelineRows, type Warehouse } from '@touchline/warehouse';

/**
 * Projects touchpoints into `timeline_events`. Idempotent: a re-delivered batch carries the same
 * dedup token (a hash of its event ids, so a batch cut differently never shares one), and any
 * re-delivered row collapses on its sorting key (ReplacingMergeTree).
 * A `$stream.erased` tombstone deletes the customer's earlier rows (GDPR erasure).
 */
export function timelineProjection(
  warehouse: Warehouse,
  onProjected?: (count: number) => void,
): BatchHandler {
  return async (events: readonly SourcedEvent[]) => {
    const rows = events.map(timelineRow).filter((row): row is TimelineRow => row !== undefined);
    if (rows.length > 0) {
      await insertTimelineRows(warehouse, rows, `timeline:${batchId(events)}`);
    }
    for (const event of events) {
      if (event.type !== STREAM_ERASED) continue;
      const customer = parseCustomerStreamId(event.streamId);
      if (customer)
        await eraseCustomerRows(warehouse, {
          ...customer,
          beforePosition: Number(event.globalPosition),
        });
    }
    onProjected?.(rows.length);
  };
}

/** The same events in the same order give the same id, whatever transport cut the batch. */
function batchId(events: readonly SourcedEvent[]): string {
  const hash = createHash('sha256');
  for (const event of events) hash.update(event.id);
  return hash.digest('base64url');
}
