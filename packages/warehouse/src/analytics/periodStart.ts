/** The calendar periods analytics buckets by. */
export type AnalyticsPeriod = 'day' | 'week' | 'month';

const START_OF: Record<AnalyticsPeriod, string> = {
  day: 'toDate',
  week: 'toMonday',
  month: 'toStartOfMonth',
};

/**
 * SQL: the first day (a Date) of the period holding the time expression `at`, in the time zone
 * `tz` (an SQL expression; by default the bound parameter `{tz:String}`). Weeks start on Monday.
 */
export const periodStart = (period: AnalyticsPeriod, at: string, tz = '{tz:String}'): string =>
  `${START_OF[period]}(${at}, ${tz})`;
