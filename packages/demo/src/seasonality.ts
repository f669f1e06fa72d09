/** Relative demand by weekday (UTC), Sunday first: weekends busier, Mondays quiet. */
const WEEKDAY = [1.3, 0.8, 0.9, 0.95, 1.0, 1.15, 1.4];
/** Relative demand by month: the year-end peak, a January lull, a summer dip. */
const MONTH = [0.75, 0.8, 0.95, 1.0, 1.0, 0.9, 0.85, 0.9, 1.0, 1.1, 1.45, 1.7];

/** Largest value `seasonality` takes, for thinning a Poisson process. */
export const MAX_SEASONALITY = Math.max(...WEEKDAY) * Math.max(...MONTH);

/** How much more (or less) likely a purchase is at `ms` than on an average day. Pure. */
export function seasonality(ms: number): number {
  const date = new Date(ms);
  return WEEKDAY[date.getUTCDay()]! * MONTH[date.getUTCMonth()]!;
}
