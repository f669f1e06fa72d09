import type { JourneyEvent } from '../journeyEvent.ts';

/** One order as the first of its purchase facts tells it. */
export interface OrderEntry {
  /** `data.orderId`; undefined when the fact carries none (then the fact is its own order). */
  readonly orderId: string | undefined;
  /** The first purchase fact of the order in journey order: its time is the order's time. */
  readonly event: JourneyEvent;
  /** `data.amount` and `data.currency` of that first fact, when both are valid. */
  readonly amount: number | undefined;
  readonly currency: string | undefined;
}

/** One refund fact: money paid back, for an order when it names one. */
export interface RefundEntry {
  readonly orderId: string | undefined;
  readonly event: JourneyEvent;
  readonly amount: number;
  readonly currency: string;
}

/** What `OrderBook.add` made of a fact. */
export type OrderBookEntry =
  | { readonly kind: 'order'; readonly order: OrderEntry }
  | { readonly kind: 'duplicate'; readonly order: OrderEntry }
  | { readonly kind: 'refund'; readonly refund: RefundEntry };

/**
 * Orders and refunds of one customer, fed one fact at a time in journey order. A purchase fact
 * whose `data.orderId` was seen before is a `duplicate` (so `order.placed` + `order.completed`, or a
 * re-sent order, count once); a purchase without `orderId` is an order of its own.
 */
export interface OrderBook {
  /** Records a fact; undefined when it is neither a purchase nor a refund (or a malformed refund). */
  add(event: JourneyEvent): OrderBookEntry | undefined;
  readonly orders: readonly OrderEntry[];
  readonly refunds: readonly RefundEntry[];
  /**
   * True once refunds of the order in its own currency add up to its amount (and are > 0). Refunds
   * in another currency are not compared.
   */
  isFullyRefunded(order: OrderEntry): boolean;
}

export function orderBook(
  purchaseTypes: readonly string[],
  refundTypes: readonly string[],
): OrderBook {
  const byId = new Map<string, OrderEntry>();
  const orders: OrderEntry[] = [];
  const refunds: RefundEntry[] = [];
  /** Refunded amount per `orderId`, then per currency. */
  const refunded = new Map<string, Map<string, number>>();

  return {
    orders,
    refunds,
    add(event) {
      if (purchaseTypes.includes(event.type)) {
        const orderId = text(event.data['orderId']);
        const seen = orderId === undefined ? undefined : byId.get(orderId);
        if (seen !== undefined) return { kind: 'duplicate', order: seen };
        const { amount, currency } = money(event);
        const order: OrderEntry = { orderId, event, amount, currency };
        if (orderId !== undefined) byId.set(orderId, order);
        orders.push(order);
        return { kind: 'order', order };
      }
      if (refundTypes.includes(event.type)) {
        const { amount, currency } = money(event);
        if (amount === undefined || currency === undefined) return undefined;
        const orderId = text(event.data['orderId']);
        const refund: RefundEntry = { orderId, event, amount, currency };
        refunds.push(refund);
        if (orderId !== undefined) {
          let byCurrency = refunded.get(orderId);
          if (byCurrency === undefined)
            refunded.set(orderId, (byCurrency = new Map<string, number>()));
          byCurrency.set(currency, (byCurrency.get(currency) ?? 0) + amount);
        }
        return { kind: 'refund', refund };
      }
      return undefined;
    },
    isFullyRefunded(order) {
      if (order.orderId === undefined || order.amount === undefined) return false;
      if (order.currency === undefined) return false;
      const paidBack = refunded.get(order.orderId)?.get(order.currency) ?? 0;
      return paidBack > 0 && paidBack >= order.amount;
    },
  };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function money(event: JourneyEvent): { amount?: number; currency?: string } {
  const amount = event.data['amount'];
  const currency = text(event.data['currency']);
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) return {};
  if (currency === undefined) return {};
  return { amount, currency };
}
