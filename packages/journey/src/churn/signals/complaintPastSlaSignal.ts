import type { ChurnSignal, CustomerFact } from './churnSignal.ts';
import { DEFAULT_CHURN_RULES, type ChurnRuleConfig } from './churnRuleConfig.ts';
import { factsUpTo, formatNumber, HOUR_MS } from './factTime.ts';

interface CaseState {
  complaint: boolean;
  resolved: boolean;
  /** When the current resolution clock started: the first opening, or the latest reopening. */
  openSince: number;
  evidence: string[];
}

/**
 * `complaintPastSla`: a complaint still unresolved after `slaHours`. A complaint is a `case.opened`
 * with `kind: 'complaint'` or a case referenced by a `complaint.filed` (`data.caseId`); it is
 * resolved by `case.resolved` of the same `caseId` and open again after `case.reopened`, with the
 * clock restarting at the reopening. A `complaint.filed` without `caseId` cannot be followed to a
 * resolution and is ignored. Evidence: the opening, complaint and reopening facts of each overdue
 * complaint.
 */
export function complaintPastSlaSignal(
  facts: readonly CustomerFact[],
  now: Date,
  config: ChurnRuleConfig = DEFAULT_CHURN_RULES,
): ChurnSignal | undefined {
  const rule = config.complaintPastSla;
  if (!rule.enabled) return undefined;
  const cases = new Map<string, CaseState>();
  for (const fact of factsUpTo(facts, now)) {
    const caseId = fact.data['caseId'];
    if (typeof caseId !== 'string') continue;
    const t = fact.occurredAt.getTime();
    const state = cases.get(caseId);
    if (fact.type === 'case.opened' || fact.type === 'complaint.filed') {
      const complaint = fact.type === 'complaint.filed' || fact.data['kind'] === 'complaint';
      if (state === undefined) {
        cases.set(caseId, { complaint, resolved: false, openSince: t, evidence: [fact.id] });
      } else {
        state.complaint ||= complaint;
        state.evidence.push(fact.id);
      }
    } else if (state !== undefined && fact.type === 'case.resolved') {
      state.resolved = true;
    } else if (state !== undefined && fact.type === 'case.reopened') {
      state.resolved = false;
      state.openSince = t;
      state.evidence.push(fact.id);
    }
  }

  const overdue = [...cases.entries()]
    .filter(
      ([, s]) =>
        s.complaint && !s.resolved && now.getTime() - s.openSince > rule.slaHours * HOUR_MS,
    )
    .sort(([, a], [, b]) => a.openSince - b.openSince);
  const oldest = overdue[0];
  if (oldest === undefined) return undefined;
  const oldestHours = (now.getTime() - oldest[1].openSince) / HOUR_MS;
  return {
    signal: 'complaintPastSla',
    weight: rule.weight,
    evidenceEventIds: overdue.flatMap(([, s]) => s.evidence),
    explanation:
      `${overdue.length} complaint${overdue.length === 1 ? '' : 's'} unresolved past the ` +
      `${formatNumber(rule.slaHours)}-hour resolution SLA; the oldest (case ${oldest[0]}) has been ` +
      `open for ${formatNumber(oldestHours)} hours.`,
    observed: {
      overdueComplaints: overdue.length,
      oldestOpenHours: oldestHours,
      oldestCaseId: oldest[0],
      slaHours: rule.slaHours,
    },
  };
}
