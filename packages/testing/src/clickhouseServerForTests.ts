import { reportAvailability, type Availability } from './engineAvailability.ts';

/**
 * A ClickHouse server for the warehouse contract suite. Only from env (`CLICKHOUSE_URL`): the
 * in-process chdb engine runs the same suite everywhere, so a server run is an extra check.
 */
export function clickhouseServerUrl(): Availability<string> {
  const url = process.env.TL_TEST_CLICKHOUSE_URL ?? process.env.CLICKHOUSE_URL;
  if (url) return { available: true, value: url, source: 'env' };
  return reportAvailability('clickhouse-server', {
    available: false,
    reason: 'no CLICKHOUSE_URL set (the same suite runs on in-process chdb)',
  });
}
