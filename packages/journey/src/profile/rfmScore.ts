import type { RfmBreakpoints } from './profileRules.ts';

/** Score 1–5 where more is better: 1 + how many breakpoints are ≤ `value`. */
export function rfmScoreUp(value: number, breakpoints: RfmBreakpoints): number {
  return 1 + breakpoints.filter((b) => b <= value).length;
}

/** Score 1–5 where less is better (recency): 5 − how many breakpoints are < `value`. */
export function rfmScoreDown(value: number, breakpoints: RfmBreakpoints): number {
  return 5 - breakpoints.filter((b) => b < value).length;
}
