import type { CustomerFact } from '../signals/churnSignal.ts';
import type { ChurnRuleConfig } from '../signals/churnRuleConfig.ts';
import { DAY_MS, HOUR_MS } from '../signals/factTime.ts';
import { purchases } from '../signals/purchases.ts';
import { silenceSignal } from '../signals/silenceSignal.ts';

const CASE_TYPES = ['case.opened', 'case.resolved', 'case.reopened', 'complaint.filed'];

/** The facts any churn rule reads (purchases, plan changes, cases, complaints, surveys), oldest first. */
export function churnRelevantFacts(
  facts: readonly CustomerFact[],
  rules: ChurnRuleConfig,
): CustomerFact[] {
  const types = new Set([
    ...rules.purchaseTypes,
    ...rules.planDowngrade.types,
    ...CASE_TYPES,
    'survey.answered',
  ]);
  return facts
    .filter((f) => types.has(f.type))
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
}

const FAR_FUTURE = new Date(8.64e15);

/**
 * Every instant (ms, ascending, distinct) at which a rule signal can change: each fact's own
 * instant, and 1 ms after each deadline a fact starts — a silence threshold after a purchase
 * (computed from the purchase days up to it), purchases leaving the frequency windows, survey
 * answers, cases and plan changes ageing out of their windows, complaints passing their SLA.
 * Between two of these instants the rules' answer is constant. The set depends only on the facts
 * and the rules, never on the evaluation time. Pure.
 */
export function warningInstants(facts: readonly CustomerFact[], rules: ChurnRuleConfig): number[] {
  const out = new Set<number>();
  const after = (t: number, ms: number) => out.add(t + ms + 1);
  const bought = purchases(facts, rules.purchaseTypes);
  const { frequencyDrop: fd } = rules;
  const first = bought[0]?.occurredAt.getTime();
  if (first !== undefined) after(first, 2 * fd.recentWindowDays * DAY_MS);
  for (const [i, p] of bought.entries()) {
    const t = p.occurredAt.getTime();
    after(t, fd.recentWindowDays * DAY_MS);
    after(t, (fd.recentWindowDays + fd.baselineWindowDays) * DAY_MS);
    // The silence threshold once p is the last purchase: from the purchase days up to p.
    const silence = silenceSignal(bought.slice(0, i + 1), FAR_FUTURE, rules);
    const threshold = silence?.observed['thresholdDays'];
    if (typeof threshold === 'number') after(t, threshold * DAY_MS);
  }
  for (const f of facts) {
    const t = f.occurredAt.getTime();
    out.add(t);
    if (f.type === 'survey.answered') {
      const kind = f.data['kind'];
      if (kind === 'nps') after(t, rules.npsDetractor.windowDays * DAY_MS);
      if (kind === 'csat') after(t, rules.lowCsat.windowDays * DAY_MS);
    } else if (f.type === 'case.opened' || f.type === 'case.reopened') {
      after(t, rules.repeatedContacts.windowDays * DAY_MS);
      after(t, rules.complaintPastSla.slaHours * HOUR_MS);
    } else if (f.type === 'complaint.filed') {
      after(t, rules.complaintPastSla.slaHours * HOUR_MS);
    } else if (rules.planDowngrade.types.includes(f.type)) {
      after(t, rules.planDowngrade.windowDays * DAY_MS);
    }
  }
  return [...out].sort((a, b) => a - b);
}
