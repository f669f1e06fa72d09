import { timelineRow, type TimelineRow } from '@touchline/journey';
import type { BatchHandler, SourcedEvent } from '@touchline/streams';
import { insertTimelineRows, type Warehouse } from '@touchline/warehouse';

/**
 * Projects touchpoints into `timeline_events`. Idempotent: a re-delivered batch carries the same
 * dedup token, and any re-delivered row collapses on its sorting key (ReplacingMergeTree).
 */
export function timelineProjection(
  warehouse: Warehouse,
  onProjected?: (count: number) => void,
): BatchHandler {
  return async (events: readonly SourcedEvent[]) => {
    const rows = events.map(timelineRow).filter((row): row is TimelineRow => row !== undefined);
    if (rows.length > 0) {
      await insertTimelineRows(
        warehouse,
        rows,
        `timeline:${events[0]!.checkpoint}..${events.at(-1)!.checkpoint}`,
      );
    }
    onProjected?.(rows.length);
  };
}
