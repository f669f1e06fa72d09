import { DAY_MS } from '../churn/signals/factTime.ts';
import { loyalChange } from './promotions.ts';
import {
  days,
  describe,
  isActive,
  type LifecycleState,
  type StageChange,
} from './lifecycleState.ts';

/**
 * The time-based change that would fire next if no other fact arrived: silence → `at_risk` at
 * last qualifying activity + `atRisk.silenceDays`, silence → `churned` at last activity +
 * `churned.silenceDays`, or `growing` → `loyal` at first purchase + `loyal.minTenureDays` when
 * every other loyalty condition holds then. Earliest first; on a tie, decline wins.
 */
export function timedChange(state: LifecycleState): StageChange | undefined {
  const { rules, stage, lastActivity } = state;
  const candidates: StageChange[] = [];
  if (lastActivity !== undefined) {
    const last = lastActivity.occurredAt.getTime();
    const since = describe(lastActivity);
    if (rules.atRisk.silenceEnabled && isActive(stage)) {
      const n = rules.atRisk.silenceDays;
      candidates.push({
        to: 'at_risk',
        at: last + n * DAY_MS,
        rule: 'silence_at_risk',
        evidenceEventIds: [lastActivity.id],
        explanation: `No qualifying activity for ${days(n)} since ${since}: at risk after ${days(n)} of silence.`,
      });
    }
    if (rules.churned.silenceEnabled && (isActive(stage) || stage === 'at_risk')) {
      const n = rules.churned.silenceDays;
      candidates.push({
        to: 'churned',
        at: last + n * DAY_MS,
        rule: 'silence_churned',
        evidenceEventIds: [lastActivity.id],
        explanation: `No qualifying activity for ${days(n)} since ${since}: churned after ${days(n)} of silence.`,
      });
    }
  }
  if (stage === 'growing' && state.firstOrder !== undefined) {
    const at = state.firstOrder.event.occurredAt.getTime() + rules.loyal.minTenureDays * DAY_MS;
    const change = at > state.clock ? loyalChange(state, at) : undefined;
    if (change !== undefined) candidates.push(change);
  }
  let next: StageChange | undefined;
  for (const c of candidates) if (next === undefined || c.at < next.at) next = c;
  return next;
}
