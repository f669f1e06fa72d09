import { DAY_MS } from '../churn/signals/factTime.ts';
import type { JourneyEvent } from '../journeyEvent.ts';
import { factsAsOf } from '../lifecycle/factsAsOf.ts';
import { orderBook, type OrderEntry } from './orderBook.ts';
import { DEFAULT_PROFILE_RULES, type ProfileRules } from './profileRules.ts';
import { rfmScoreDown, rfmScoreUp } from './rfmScore.ts';

/** Money of one currency: orders in it, what they came to, what was paid back. */
export interface CurrencyRevenue {
  readonly currency: string;
  /** Distinct orders with an amount in this currency. */
  readonly orders: number;
  /** Sum of those orders' amounts. */
  readonly gross: number;
  /** Sum of refunds in this currency (of any order). */
  readonly refunded: number;
  /** gross − refunded. */
  readonly net: number;
  /** net / orders; undefined when no order is in this currency (refunds only). */
  readonly averageOrderValue: number | undefined;
}

/** Raw RFM values and their fixed-breakpoint scores (see `ProfileRules.rfm`). */
export interface RfmValues {
  /** Days from the last kept order to `asOf`; undefined without a kept order. */
  readonly recencyDays: number | undefined;
  /** Kept orders: distinct orders not fully refunded. */
  readonly frequency: number;
  /** Net revenue in `currency`; 0 without orders. */
  readonly monetary: number;
  readonly currency: string | undefined;
  /** 1–5 each; undefined without a kept order. */
  readonly scores: { recency: number; frequency: number; monetary: number } | undefined;
}

/**
 * One customer's profile at `asOf`, folded from their history alone. Open cases, the lifecycle
 * stage, CLV and P(alive) come from other folds; the projector merges them into the profile row.
 */
export interface CustomerProfile {
  readonly firstSeenAt: Date | undefined;
  readonly lastSeenAt: Date | undefined;
  /** Touchpoints up to `asOf` (derived facts of `ignoredTypes` are not touchpoints). */
  readonly touchpoints: number;
  /** Touchpoints per channel and per type, keys in ascending order. */
  readonly byChannel: Readonly<Record<string, number>>;
  readonly byType: Readonly<Record<string, number>>;
  /** Distinct orders (by `data.orderId`; a purchase without one is its own order). */
  readonly orders: number;
  /** Orders whose refunds in their own currency add up to their amount. */
  readonly fullyRefundedOrders: number;
  readonly firstOrderAt: Date | undefined;
  readonly lastOrderAt: Date | undefined;
  /** Per currency, in code order. */
  readonly revenue: readonly CurrencyRevenue[];
  readonly rfm: RfmValues;
}

/**
 * Folds a customer's history into their profile as of `asOf`. Pure and order-free (facts are
 * sorted and deduplicated by id with `factsAsOf`; facts after `asOf` are ignored). An order's time,
 * amount and currency are those of its first purchase fact; refunds are netted per currency.
 */
export function customerProfile(
  history: readonly JourneyEvent[],
  asOf: Date,
  rules: ProfileRules = DEFAULT_PROFILE_RULES,
): CustomerProfile {
  const facts = factsAsOf(history, asOf).filter((e) => !rules.ignoredTypes.includes(e.type));
  const book = orderBook(rules.purchaseTypes, rules.refundTypes);
  const byChannel = new Map<string, number>();
  const byType = new Map<string, number>();
  for (const fact of facts) {
    book.add(fact);
    byChannel.set(fact.channel, (byChannel.get(fact.channel) ?? 0) + 1);
    byType.set(fact.type, (byType.get(fact.type) ?? 0) + 1);
  }
  const revenue = revenueByCurrency(book.orders, book.refunds);
  const kept = book.orders.filter((o) => !book.isFullyRefunded(o));
  return {
    firstSeenAt: facts[0]?.occurredAt,
    lastSeenAt: facts.at(-1)?.occurredAt,
    touchpoints: facts.length,
    byChannel: sortedRecord(byChannel),
    byType: sortedRecord(byType),
    orders: book.orders.length,
    fullyRefundedOrders: book.orders.length - kept.length,
    firstOrderAt: book.orders[0]?.event.occurredAt,
    lastOrderAt: book.orders.at(-1)?.event.occurredAt,
    revenue,
    rfm: rfmValues(kept, revenue, asOf, rules.rfm),
  };
}

function revenueByCurrency(
  orders: readonly OrderEntry[],
  refunds: readonly { currency: string; amount: number }[],
): CurrencyRevenue[] {
  const totals = new Map<string, { orders: number; gross: number; refunded: number }>();
  const of = (currency: string) => {
    let t = totals.get(currency);
    if (t === undefined) totals.set(currency, (t = { orders: 0, gross: 0, refunded: 0 }));
    return t;
  };
  for (const o of orders) {
    if (o.amount === undefined || o.currency === undefined) continue;
    const t = of(o.currency);
    t.orders += 1;
    t.gross += o.amount;
  }
  for (const r of refunds) of(r.currency).refunded += r.amount;
  return [...totals.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, t]) => {
      const net = money(t.gross - t.refunded);
      return {
        currency,
        orders: t.orders,
        gross: money(t.gross),
        refunded: money(t.refunded),
        net,
        averageOrderValue: t.orders === 0 ? undefined : money(net / t.orders),
      };
    });
}

function rfmValues(
  kept: readonly OrderEntry[],
  revenue: readonly CurrencyRevenue[],
  asOf: Date,
  rules: ProfileRules['rfm'],
): RfmValues {
  const currency = rules.currency ?? mainCurrency(revenue);
  const monetary = revenue.find((r) => r.currency === currency)?.net ?? 0;
  const last = kept.at(-1);
  if (last === undefined) {
    return { recencyDays: undefined, frequency: 0, monetary, currency, scores: undefined };
  }
  const recencyDays = (asOf.getTime() - last.event.occurredAt.getTime()) / DAY_MS;
  return {
    recencyDays,
    frequency: kept.length,
    monetary,
    currency,
    scores: {
      recency: rfmScoreDown(recencyDays, rules.recencyDays),
      frequency: rfmScoreUp(kept.length, rules.frequencyOrders),
      monetary: rfmScoreUp(monetary, rules.monetary),
    },
  };
}

/** Most orders, then most net revenue, then the first code (revenue is in code order). */
function mainCurrency(revenue: readonly CurrencyRevenue[]): string | undefined {
  let best: CurrencyRevenue | undefined;
  for (const r of revenue) {
    if (
      best === undefined ||
      r.orders > best.orders ||
      (r.orders === best.orders && r.net > best.net)
    ) {
      best = r;
    }
  }
  return best?.currency;
}

function sortedRecord(counts: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Sums of binary fractions drift (0.1 + 0.2); money is kept to 6 decimals. */
const money = (n: number): number => Math.round(n * 1e6) / 1e6;
