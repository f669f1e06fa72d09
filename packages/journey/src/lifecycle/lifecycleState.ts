import { DAY_MS, formatNumber } from '../churn/signals/factTime.ts';
import type { JourneyEvent } from '../journeyEvent.ts';
import { orderBook, type OrderBook, type OrderEntry } from '../profile/orderBook.ts';
import type { LifecycleRules } from './lifecycleRules.ts';
import type { LifecycleRuleId, LifecycleStage, LifecycleTransition } from './lifecycleStage.ts';

/** The running state of the lifecycle fold over one customer's history. Internal. */
export interface LifecycleState {
  readonly rules: LifecycleRules;
  stage: LifecycleStage | null;
  readonly transitions: LifecycleTransition[];
  readonly book: OrderBook;
  /** Time (ms) of the last fact or timed transition applied. */
  clock: number;
  firstOrder: OrderEntry | undefined;
  /** The last qualifying activity: a new order or a fact of `activityTypes`. */
  lastActivity: JourneyEvent | undefined;
  /** Orders from this time (ms) on count for promotions: the first purchase or the win-back. */
  cycleStart: number;
  /** The stage held before `at_risk` / `churned`: where a cleared risk or a plain return goes. */
  beforeDecline: LifecycleStage | undefined;
  lastAdvocacy: JourneyEvent | undefined;
  lastCampaignResponse: JourneyEvent | undefined;
}

export function lifecycleState(rules: LifecycleRules): LifecycleState {
  return {
    rules,
    stage: null,
    transitions: [],
    book: orderBook(rules.purchaseTypes, rules.refundTypes),
    clock: -Infinity,
    firstOrder: undefined,
    lastActivity: undefined,
    cycleStart: Infinity,
    beforeDecline: undefined,
    lastAdvocacy: undefined,
    lastCampaignResponse: undefined,
  };
}

/** A transition not yet applied: what a rule decided. */
export interface StageChange {
  readonly to: LifecycleStage;
  readonly at: number;
  readonly rule: LifecycleRuleId;
  readonly evidenceEventIds: readonly string[];
  readonly explanation: string;
}

const ACTIVE: readonly (LifecycleStage | null)[] = ['new', 'growing', 'loyal', 'reactivated'];

/** Stages a customer can decline from (to `at_risk` or `churned`). */
export const isActive = (stage: LifecycleStage | null): boolean => ACTIVE.includes(stage);

/**
 * Records the change and moves the state to its stage; on a decline from an active stage it
 * remembers that stage (where a cleared warning or a plain return goes back to).
 */
export function applyChange(state: LifecycleState, change: StageChange): void {
  if ((change.to === 'at_risk' || change.to === 'churned') && isActive(state.stage)) {
    state.beforeDecline = state.stage ?? undefined;
  }
  state.transitions.push({
    from: state.stage,
    to: change.to,
    at: new Date(change.at),
    rule: change.rule,
    evidenceEventIds: [...new Set(change.evidenceEventIds)],
    explanation: change.explanation,
  });
  state.stage = change.to;
  state.clock = Math.max(state.clock, change.at);
}

/** The orders that count for a promotion at `at`: in the current cycle, within the window, not fully refunded. */
export function countedOrders(
  state: LifecycleState,
  at: number,
  windowDays: number,
): { orders: OrderEntry[]; refundedLeftOut: number } {
  const from = Math.max(state.cycleStart, at - windowDays * DAY_MS);
  // Orders are recorded in journey order: walk back from the newest to the window's start.
  const all = state.book.orders;
  const inWindow: OrderEntry[] = [];
  for (let i = all.length - 1; i >= 0; i--) {
    const order = all[i] as OrderEntry;
    const t = order.event.occurredAt.getTime();
    if (t < from) break;
    if (t <= at) inWindow.push(order);
  }
  inWindow.reverse();
  const orders = inWindow.filter((o) => !state.book.isFullyRefunded(o));
  return { orders, refundedLeftOut: inWindow.length - orders.length };
}

/** `2025-03-01` for explanations (UTC calendar date). */
export const day = (at: Date | number): string => new Date(at).toISOString().slice(0, 10);

/** How an explanation names a fact: an order by its order id, anything else by type. */
export function describe(event: JourneyEvent): string {
  const orderId = event.data['orderId'];
  if (typeof orderId === 'string' && orderId !== '' && event.type !== 'order.refunded') {
    return `order ${orderId} (${event.type}) on ${day(event.occurredAt)}`;
  }
  return `${event.type} ${event.id} on ${day(event.occurredAt)}`;
}

/** `3 orders (o-1 on 2025-01-02, o-2 on …)`, listing at most five. */
export function describeOrders(orders: readonly OrderEntry[]): string {
  const listed = orders
    .slice(0, 5)
    .map((o) => `${o.orderId ?? o.event.id} on ${day(o.event.occurredAt)}`);
  const more = orders.length > 5 ? `, and ${orders.length - 5} more` : '';
  return `${orders.length} order${orders.length === 1 ? '' : 's'} (${listed.join(', ')}${more})`;
}

export const days = (n: number): string => `${formatNumber(n)} day${n === 1 ? '' : 's'}`;
