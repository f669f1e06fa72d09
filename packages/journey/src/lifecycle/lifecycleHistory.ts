import { DAY_MS } from '../churn/signals/factTime.ts';
import type { JourneyEvent } from '../journeyEvent.ts';
import { factsAsOf } from './factsAsOf.ts';
import type { OrderEntry } from '../profile/orderBook.ts';
import { CHURN_RISK_CLEARED, CHURN_RISK_RAISED } from './lifecycleFacts.ts';
import type { LifecycleRules } from './lifecycleRules.ts';
import type { LifecycleStage, LifecycleTransition } from './lifecycleStage.ts';
import {
  applyChange,
  day,
  days,
  describe,
  isActive,
  lifecycleState,
  type LifecycleState,
} from './lifecycleState.ts';
import { isAdvocacy, promote } from './promotions.ts';
import { timedChange } from './timedChange.ts';

/** Where a customer stands in the lifecycle at `asOf`, and how they got there. */
export interface LifecycleHistory {
  /** The stage at `asOf`; null when the history has no fact up to then. */
  readonly stage: LifecycleStage | null;
  /** When the current stage was entered (the last transition's `at`). */
  readonly since: Date | undefined;
  /** Every change up to `asOf`, oldest first. */
  readonly transitions: readonly LifecycleTransition[];
  /**
   * When the next time-based change (silence → at_risk / churned, tenure → loyal) would fire if no
   * other fact arrived; the projector re-evaluates the customer then. Undefined when none is due.
   */
  readonly nextReviewAt?: Date;
}

/**
 * Folds one customer's history into lifecycle transitions, as of `asOf`. Pure and order-free:
 * facts are sorted with `byJourneyOrder` and deduplicated by id first (`factsAsOf`), and facts
 * after `asOf` are ignored, so any delivery order of the same set of facts gives the same result.
 *
 * Facts are applied in order; before each, every time-based change due strictly before it fires
 * (so a purchase exactly on the silence deadline prevents it), and after the last, every one due
 * at or before `asOf`. After each fact the customer climbs new/reactivated → growing → loyal as
 * far as the rules allow, several steps at the same instant if they all hold. See the README of
 * this folder for the stage table.
 */
export function lifecycleHistory(
  history: readonly JourneyEvent[],
  rules: LifecycleRules,
  asOf: Date,
): LifecycleHistory {
  const end = asOf.getTime();
  const facts = factsAsOf(history, asOf);
  const state = lifecycleState(rules);

  for (const event of facts) {
    const t = event.occurredAt.getTime();
    applyTimed(state, (at) => at < t);
    applyFact(state, event);
    state.clock = Math.max(state.clock, t);
    for (const change of promote(state, t)) applyChange(state, change);
  }
  applyTimed(state, (at) => at <= end);

  const next = timedChange(state);
  const last = state.transitions.at(-1);
  return {
    stage: state.stage,
    since: last?.at,
    transitions: state.transitions,
    ...(next === undefined ? {} : { nextReviewAt: new Date(next.at) }),
  };
}

function applyTimed(state: LifecycleState, due: (at: number) => boolean): void {
  for (
    let next = timedChange(state);
    next !== undefined && due(next.at);
    next = timedChange(state)
  ) {
    applyChange(state, next);
  }
}

function applyFact(state: LifecycleState, event: JourneyEvent): void {
  const { rules } = state;
  if (event.type === CHURN_RISK_RAISED) return riskRaised(state, event);
  if (event.type === CHURN_RISK_CLEARED) return riskCleared(state, event);
  if (rules.ignoredTypes.includes(event.type)) return;

  const entry = state.book.add(event);
  if (entry?.kind === 'order') return purchase(state, entry.order);
  if (entry?.kind === 'duplicate') return;

  if (rules.activityTypes.includes(event.type)) state.lastActivity = event;
  if (isAdvocacy(event, rules)) state.lastAdvocacy = event;
  if (rules.reactivation.campaignResponseTypes.includes(event.type)) {
    state.lastCampaignResponse = event;
  }
  const t = event.occurredAt.getTime();
  if (state.stage === null) {
    applyChange(state, {
      to: 'prospect',
      at: t,
      rule: 'first_touch',
      evidenceEventIds: [event.id],
      explanation: `First touchpoint (${event.type} on ${event.channel}, ${day(t)}) before any purchase.`,
    });
  } else if (rules.churned.types.includes(event.type) && isDeclinable(state.stage)) {
    applyChange(state, {
      to: 'churned',
      at: t,
      rule: 'churn_event',
      evidenceEventIds: [event.id],
      explanation: `${event.type} on ${day(t)} ends the relationship (a configured churn event).`,
    });
  }
}

function purchase(state: LifecycleState, order: OrderEntry): void {
  const event = order.event;
  const t = event.occurredAt.getTime();
  const what = describe(event);
  state.lastActivity = event;
  if (state.firstOrder === undefined) {
    state.firstOrder = order;
    state.cycleStart = t;
    applyChange(state, {
      to: 'new',
      at: t,
      rule: 'first_purchase',
      evidenceEventIds: [event.id],
      explanation: `First purchase: ${what}${amount(order)}.`,
    });
    return;
  }
  if (state.stage !== 'at_risk' && state.stage !== 'churned') return;

  const { reactivation } = state.rules;
  const campaign = state.lastCampaignResponse;
  const sinceCampaign =
    campaign === undefined ? Infinity : (t - campaign.occurredAt.getTime()) / DAY_MS;
  const afterCampaign = sinceCampaign <= reactivation.campaignWindowDays;
  const stageText = state.stage === 'at_risk' ? 'at risk' : 'churned';
  if (afterCampaign || !reactivation.requireCampaignResponse) {
    state.cycleStart = t;
    applyChange(state, {
      to: 'reactivated',
      at: t,
      rule: 'win_back',
      evidenceEventIds: [event.id, ...(afterCampaign && campaign ? [campaign.id] : [])],
      explanation:
        `Purchase while ${stageText}: ${what}${amount(order)}` +
        (afterCampaign && campaign
          ? `, ${days(sinceCampaign)} after responding to a campaign (${campaign.type}).`
          : '.'),
    });
    return;
  }
  const back = state.beforeDecline ?? 'new';
  applyChange(state, {
    to: back,
    at: t,
    rule: 'activity_resumed',
    evidenceEventIds: [event.id],
    explanation:
      `Purchase while ${stageText}: ${what}${amount(order)}, with no campaign response in the ` +
      `${days(reactivation.campaignWindowDays)} before (a win-back needs one): back to ${back}.`,
  });
}

function riskRaised(state: LifecycleState, event: JourneyEvent): void {
  const rule = state.rules.atRisk;
  const score = event.data['score'];
  const scored = typeof score === 'number' && Number.isFinite(score);
  if (!rule.churnRiskEnabled || !isActive(state.stage)) return;
  if (scored ? score < rule.minRiskScore : rule.minRiskScore > 0) return;
  const reasons = reasonsOf(event.data['reasons']);
  applyChange(state, {
    to: 'at_risk',
    at: event.occurredAt.getTime(),
    rule: 'churn_risk_raised',
    evidenceEventIds: [event.id],
    explanation:
      `Churn warning raised on ${day(event.occurredAt)}` +
      (scored ? ` with score ${score2(score)}` : '') +
      (rule.minRiskScore > 0 ? ` (at least ${score2(rule.minRiskScore)} counts)` : '') +
      (reasons === '' ? '.' : `: ${reasons}.`),
  });
}

function riskCleared(state: LifecycleState, event: JourneyEvent): void {
  if (state.stage !== 'at_risk' || !state.rules.atRisk.churnRiskEnabled) return;
  const t = event.occurredAt.getTime();
  const { silenceEnabled, silenceDays } = state.rules.atRisk;
  const last = state.lastActivity?.occurredAt.getTime();
  if (silenceEnabled && last !== undefined && t - last >= silenceDays * DAY_MS) return;
  const back = state.beforeDecline ?? 'new';
  applyChange(state, {
    to: back,
    at: t,
    rule: 'churn_risk_cleared',
    evidenceEventIds: [event.id],
    explanation:
      `Churn warning cleared on ${day(t)}` +
      (silenceEnabled ? `, with no silence of ${days(silenceDays)} or more` : '') +
      `: back to ${back}.`,
  });
}

function isDeclinable(stage: LifecycleStage): boolean {
  return isActive(stage) || stage === 'at_risk';
}

function amount(order: OrderEntry): string {
  return order.amount === undefined ? '' : `, ${order.amount} ${order.currency ?? ''}`.trimEnd();
}

const score2 = (n: number): string => String(Math.round(n * 100) / 100);

function reasonsOf(value: unknown): string {
  if (!Array.isArray(value)) return '';
  return value
    .map((r: unknown) => {
      if (typeof r === 'string') return r;
      const signal =
        typeof r === 'object' && r !== null ? (r as Record<string, unknown>)['signal'] : '';
      return typeof signal === 'string' ? signal : '';
    })
    .filter((r) => r !== '')
    .join(', ');
}
