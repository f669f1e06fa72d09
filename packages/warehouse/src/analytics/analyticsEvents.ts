import type { QueryParams } from '../warehouse.ts';

/** Which events a filter means (structurally the contracts' `EventFilter`). */
export interface AnalyticsEventFilter {
  readonly type?: string | undefined;
  readonly event?: string | undefined;
  readonly channel?: string | undefined;
  readonly properties?: Readonly<Record<string, string | number | boolean>> | undefined;
}

/**
 * A SQL condition (over `timeline_events` columns) true for the events `filter` means; its values
 * become bound parameters named `<name>_*` in `params`. A `data.<path>` condition compares the
 * stored JSON text of the value (`JSONExtractRaw`) with the value's JSON text, so `"20"` ≠ `20`.
 */
export function filterCondition(
  filter: AnalyticsEventFilter,
  name: string,
  params: QueryParams,
): string {
  const parts: string[] = [];
  if (filter.type !== undefined) {
    params[`${name}_type`] = filter.type;
    parts.push(`type = {${name}_type:String}`);
  }
  if (filter.event !== undefined) {
    params[`${name}_event`] = filter.event;
    parts.push(`event_name = {${name}_event:String}`);
  }
  if (filter.channel !== undefined) {
    params[`${name}_channel`] = filter.channel;
    parts.push(`channel = {${name}_channel:String}`);
  }
  Object.entries(filter.properties ?? {}).forEach(([path, value], p) => {
    const keys = path.split('.').map((key, k) => {
      params[`${name}_p${p}_k${k}`] = key;
      return `{${name}_p${p}_k${k}:String}`;
    });
    params[`${name}_p${p}_v`] = JSON.stringify(value);
    parts.push(`JSONExtractRaw(data, ${keys.join(', ')}) = {${name}_p${p}_v:String}`);
  });
  return parts.length > 0 ? `(${parts.join(' AND ')})` : '1';
}

/**
 * A subquery of the project's touchpoints (`timeline_events` FINAL, re-deliveries collapsed) with
 * `occurred_at` in [{fromMs}, {toMs}) (epoch ms, bound by the caller; `fromMs` may be omitted),
 * each under its customer's canonical key as of now (`identity_map` FINAL; a key without a row is
 * its own customer): columns `customer`, `t` (epoch ms), `pos` (store position, orders ties),
 * `channel`, plus `extraColumns` (SQL over the timeline columns). `range.where` (SQL over the
 * timeline columns) keeps only the events it holds for, before the identity join, so a query that
 * needs only some types scans and joins only those.
 */
export function unifiedEvents(
  database: string,
  extraColumns: string,
  range: { from: boolean; where?: string },
): string {
  return `
    SELECT if(m.canonical_key = '', e.customer_key, m.canonical_key) AS customer,
           toUnixTimestamp64Milli(e.occurred_at) AS t, e.store_position AS pos, e.channel AS channel,
           ${extraColumns}
    FROM (
      SELECT customer_key, occurred_at, store_position, channel, type, event_name, data
      FROM ${database}.timeline_events FINAL
      WHERE project_id = {projectId:String}
        ${range.from ? "AND occurred_at >= fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC')" : ''}
        AND occurred_at < fromUnixTimestamp64Milli({toMs:Int64}, 'UTC')
        ${range.where ? `AND ${range.where}` : ''}
    ) AS e
    LEFT JOIN (
      SELECT customer_key, canonical_key FROM ${database}.identity_map FINAL
      WHERE project_id = {projectId:String}
    ) AS m ON e.customer_key = m.customer_key`;
}
