import { parseCheckpoint, START, type Checkpoint, type SqlQueryable } from '@touchline/event-store';

/** How far the topic is behind the store. */
export interface RelayLag {
  /** Events in the store after the relay's checkpoint. */
  readonly eventsBehind: number;
  /** Age of the oldest of those events, by the database clock (0 when none). */
  readonly oldestUnrelayedAgeSeconds: number;
  /** The relay checkpoint the figures are measured from (undefined: nothing relayed yet). */
  readonly checkpoint: string | undefined;
  readonly measuredAt: string;
}

/** Measures the lag of `checkpoint` against the store's log (`tl_events`) in one query. */
export async function measureLag(
  db: SqlQueryable,
  checkpoint: Checkpoint | undefined,
): Promise<RelayLag> {
  const after = parseCheckpoint(checkpoint ?? START);
  const [row] = await db.query<{ behind: string; age: number | null }>(
    `SELECT count(*)::text AS behind,
            extract(epoch FROM clock_timestamp() - min(recorded_at))::float8 AS age
     FROM tl_events WHERE (tx, global_position) > ($1::text::xid8, $2::bigint)`,
    [after.tx.toString(), after.position.toString()],
  );
  const eventsBehind = Number(row?.behind ?? 0);
  return {
    eventsBehind,
    oldestUnrelayedAgeSeconds:
      eventsBehind === 0 ? 0 : Math.max(0, Math.round((row?.age ?? 0) * 1000) / 1000),
    checkpoint,
    measuredAt: new Date().toISOString(),
  };
}
