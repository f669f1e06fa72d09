import type { CustomerFact } from './churnSignal.ts';

/**
 * The purchase facts among chronologically ordered facts: types in `purchaseTypes`, one per
 * `data.orderId` (the first fact of an order wins, so `order.placed` and `order.completed` of one
 * order count once).
 */
export function purchases(
  facts: readonly CustomerFact[],
  purchaseTypes: readonly string[],
): CustomerFact[] {
  const seen = new Set<string>();
  const out: CustomerFact[] = [];
  for (const fact of facts) {
    if (!purchaseTypes.includes(fact.type)) continue;
    const orderId = fact.data['orderId'];
    if (typeof orderId === 'string') {
      if (seen.has(orderId)) continue;
      seen.add(orderId);
    }
    out.push(fact);
  }
  return out;
}
