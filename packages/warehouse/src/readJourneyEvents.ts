import { byJourneyOrder, type JourneyEvent } from '@touchline/journey';
import { memberKeys } from './identityMapTable.ts';
import { fromClickHouseTime } from './timelineTable.ts';
import type { Warehouse } from './warehouse.ts';

interface JourneySqlRow {
  id: string;
  type: string;
  channel: string;
  customer_key: string;
  occurred_at: string;
  store_position: number | string;
  data: string;
}

/**
 * Each canonical customer key → the touchpoints of all its member keys (the user's own and those of
 * the anonymous ids and earlier ids that resolve to it), sorted with `byJourneyOrder`. Two queries
 * whatever the number of customers: the members, then their `timeline_events` FINAL. Pass canonical
 * keys (from `resolveCustomerKeys`).
 */
export async function readJourneyEvents(
  warehouse: Warehouse,
  projectId: string,
  canonicalKeys: readonly string[],
): Promise<Map<string, JourneyEvent[]>> {
  const members = await memberKeys(warehouse, projectId, canonicalKeys);
  const histories = new Map<string, JourneyEvent[]>();
  const owners = new Map<string, string[]>();
  for (const [canonical, keys] of members) {
    histories.set(canonical, []);
    for (const key of keys) owners.set(key, [...(owners.get(key) ?? []), canonical]);
  }
  if (owners.size === 0) return histories;
  const rows = await warehouse.query<JourneySqlRow>(
    `SELECT toString(event_id) AS id, type, channel, customer_key,
            toString(occurred_at) AS occurred_at, store_position, data
     FROM ${warehouse.database}.timeline_events FINAL
     WHERE project_id = {projectId:String} AND customer_key IN {keys:Array(String)}`,
    { projectId, keys: [...owners.keys()] },
  );
  for (const row of rows) {
    const event: JourneyEvent = {
      id: row.id,
      type: row.type,
      occurredAt: new Date(fromClickHouseTime(row.occurred_at)),
      data: JSON.parse(row.data) as Record<string, unknown>,
      channel: row.channel,
      customerKey: row.customer_key,
      position: Number(row.store_position),
    };
    for (const canonical of owners.get(row.customer_key) ?? [])
      histories.get(canonical)!.push(event);
  }
  for (const history of histories.values()) history.sort(byJourneyOrder);
  return histories;
}
