import { DAY_MS, formatNumber } from '../churn/signals/factTime.ts';
import type { JourneyEvent } from '../journeyEvent.ts';
import type { LifecycleRules } from './lifecycleRules.ts';
import {
  countedOrders,
  day,
  days,
  describeOrders,
  type LifecycleState,
  type StageChange,
} from './lifecycleState.ts';

/** True when the fact is advocacy: a type of `loyal.advocacyTypes` or an NPS promoter answer. */
export function isAdvocacy(event: JourneyEvent, rules: LifecycleRules): boolean {
  if (rules.loyal.advocacyTypes.includes(event.type)) return true;
  if (event.type !== 'survey.answered' || event.data['kind'] !== 'nps') return false;
  const score = event.data['score'];
  return typeof score === 'number' && score >= rules.loyal.npsPromoterMinScore;
}

const refundNote = (n: number) =>
  n === 0 ? '' : `; ${n} fully refunded order${n === 1 ? '' : 's'} not counted`;

/** `repeat_purchase`: `new` or `reactivated` → `growing` at `at`, if enough orders in the window. */
export function growingChange(state: LifecycleState, at: number): StageChange | undefined {
  const rule = state.rules.growing;
  const { orders, refundedLeftOut } = countedOrders(state, at, rule.windowDays);
  if (orders.length < rule.minOrders) return undefined;
  return {
    to: 'growing',
    at,
    rule: 'repeat_purchase',
    evidenceEventIds: orders.map((o) => o.event.id),
    explanation:
      `${describeOrders(orders)} within ${days(rule.windowDays)}; ` +
      `${rule.minOrders} needed to be growing${refundNote(refundedLeftOut)}.`,
  };
}

/** `loyalty`: `growing` → `loyal` at `at`, if orders, tenure and (if required) advocacy all hold. */
export function loyalChange(state: LifecycleState, at: number): StageChange | undefined {
  const rule = state.rules.loyal;
  const first = state.firstOrder;
  if (first === undefined) return undefined;
  const tenure = (at - first.event.occurredAt.getTime()) / DAY_MS;
  if (tenure < rule.minTenureDays) return undefined;
  const advocacy = state.lastAdvocacy;
  const advocates =
    advocacy !== undefined &&
    at - advocacy.occurredAt.getTime() <= rule.advocacyWindowDays * DAY_MS;
  if (rule.requireAdvocacy && !advocates) return undefined;
  const { orders, refundedLeftOut } = countedOrders(state, at, rule.windowDays);
  if (orders.length < rule.minOrders) return undefined;

  const advocacyText = !advocates
    ? ''
    : advocacy.type === 'survey.answered'
      ? `, and an NPS answer of ${String(advocacy.data['score'])} on ${day(advocacy.occurredAt)} ` +
        `(promoter: ≥ ${formatNumber(rule.npsPromoterMinScore)})`
      : `, and advocacy: ${advocacy.type} on ${day(advocacy.occurredAt)}`;
  return {
    to: 'loyal',
    at,
    rule: 'loyalty',
    evidenceEventIds: [
      ...orders.map((o) => o.event.id),
      first.event.id,
      ...(advocates ? [advocacy.id] : []),
    ],
    explanation:
      `${describeOrders(orders)} within ${days(rule.windowDays)} (${rule.minOrders} needed), ` +
      `a customer for ${days(tenure)} since the first order on ${day(first.event.occurredAt)} ` +
      `(${days(rule.minTenureDays)} needed)${advocacyText}${refundNote(refundedLeftOut)}.`,
  };
}

/** Climbs the ladder at `at` as far as the rules allow: new/reactivated → growing → loyal. */
export function promote(state: LifecycleState, at: number): StageChange[] {
  const changes: StageChange[] = [];
  const stage = (): typeof state.stage => changes.at(-1)?.to ?? state.stage;
  if (stage() === 'new' || stage() === 'reactivated') {
    const change = growingChange(state, at);
    if (change !== undefined) changes.push(change);
  }
  if (stage() === 'growing') {
    const change = loyalChange(state, at);
    if (change !== undefined) changes.push(change);
  }
  return changes;
}
