import type { IdentityLink } from '@touchline/journey';
import type { Warehouse } from './warehouse.ts';

interface LinkSqlRow {
  from_key: string;
  to_key: string;
  event_id: string;
  store_position: number | string;
}

/** Stores links in `identity_links`, one row under each of their two keys. Re-inserts collapse. */
export async function insertIdentityLinks(
  warehouse: Warehouse,
  projectId: string,
  links: readonly IdentityLink[],
): Promise<void> {
  const rows = links.flatMap((link) =>
    [link.fromKey, link.toKey].map((endpoint) => ({
      project_id: projectId,
      endpoint,
      from_key: link.fromKey,
      to_key: link.toKey,
      event_id: link.eventId,
      store_position: link.position,
    })),
  );
  await warehouse.insert(`${warehouse.database}.identity_links`, rows);
}

/**
 * Every stored link of the connected components that contain `keys` (links joined through shared
 * keys, either direction), each once: one query per step outwards from `keys`.
 */
export async function readIdentityComponents(
  warehouse: Warehouse,
  projectId: string,
  keys: Iterable<string>,
): Promise<IdentityLink[]> {
  const seen = new Set(keys);
  const links = new Map<string, IdentityLink>();
  let frontier = [...seen];
  while (frontier.length > 0) {
    const rows = await warehouse.query<LinkSqlRow>(
      `SELECT DISTINCT from_key, to_key, event_id, store_position
       FROM ${warehouse.database}.identity_links
       WHERE project_id = {projectId:String} AND endpoint IN {keys:Array(String)}`,
      { projectId, keys: frontier },
    );
    frontier = [];
    for (const row of rows) {
      links.set(`${row.event_id}\n${row.from_key}`, {
        fromKey: row.from_key,
        toKey: row.to_key,
        position: Number(row.store_position),
        eventId: row.event_id,
      });
      for (const key of [row.from_key, row.to_key]) {
        if (seen.has(key)) continue;
        seen.add(key);
        frontier.push(key);
      }
    }
  }
  return [...links.values()];
}
