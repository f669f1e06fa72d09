import type { IdentityMapEntry } from '@touchline/journey';
import type { Warehouse } from './warehouse.ts';

interface MapSqlRow {
  customer_key: string;
  canonical_key: string;
}

/**
 * Writes map rows to `identity_map` (key → canonical, with the canonical customer's member keys)
 * and its index `identity_members` (canonical → key).
 */
export async function insertIdentityMap(
  warehouse: Warehouse,
  projectId: string,
  entries: readonly IdentityMapEntry[],
): Promise<void> {
  const rows = entries.map((entry) => ({
    project_id: projectId,
    customer_key: entry.customerKey,
    canonical_key: entry.canonicalKey,
    store_position: entry.version,
  }));
  const mapRows = entries.map((entry, i) => ({ ...rows[i]!, member_keys: entry.memberKeys }));
  // Index first: a reader confirms index rows against the map, so a crash in between leaves at
  // most an unconfirmed candidate, never a map row the index cannot find.
  await warehouse.insert(`${warehouse.database}.identity_members`, rows);
  await warehouse.insert(`${warehouse.database}.identity_map`, mapRows);
}

/** Each key → its canonical customer key, in one query; a key without a map row maps to itself. */
export async function resolveCustomerKeys(
  warehouse: Warehouse,
  projectId: string,
  keys: readonly string[],
): Promise<Map<string, string>> {
  const resolved = new Map(keys.map((key) => [key, key]));
  if (keys.length === 0) return resolved;
  const rows = await warehouse.query<MapSqlRow>(
    `SELECT customer_key, canonical_key FROM ${warehouse.database}.identity_map FINAL
     WHERE project_id = {projectId:String} AND customer_key IN {keys:Array(String)}`,
    { projectId, keys: [...new Set(keys)] },
  );
  for (const row of rows) resolved.set(row.customer_key, row.canonical_key);
  return resolved;
}

/**
 * Each canonical key → every key that resolves to it, itself first, the rest sorted; one query.
 * Pass canonical keys (from `resolveCustomerKeys`): a key that resolves elsewhere gets only itself
 * and any keys that still name it.
 */
export async function memberKeys(
  warehouse: Warehouse,
  projectId: string,
  canonicalKeys: readonly string[],
): Promise<Map<string, string[]>> {
  const members = new Map(canonicalKeys.map((key) => [key, [key]]));
  if (canonicalKeys.length === 0) return members;
  // Candidates from the index, confirmed by the map's current row (FINAL before the filter on
  // canonical_key, which is done here, not in SQL, so an outdated row can never match).
  const rows = await warehouse.query<MapSqlRow>(
    `SELECT customer_key, canonical_key FROM ${warehouse.database}.identity_map FINAL
     WHERE project_id = {projectId:String} AND customer_key IN (
       SELECT customer_key FROM ${warehouse.database}.identity_members
       WHERE project_id = {projectId:String} AND canonical_key IN {keys:Array(String)})`,
    { projectId, keys: [...members.keys()] },
  );
  for (const row of rows) {
    const list = members.get(row.canonical_key);
    if (list && row.customer_key !== row.canonical_key) list.push(row.customer_key);
  }
  for (const [key, list] of members) members.set(key, [key, ...list.slice(1).sort()]);
  return members;
}
