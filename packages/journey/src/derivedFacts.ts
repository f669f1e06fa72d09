import type { ChurnAssessment } from './churn/warning/churnAssessment.ts';
import { churnWarningKey } from './churn/warning/churnWarningKey.ts';
import type { CustomerState } from './customerState.ts';
import { CHURN_RISK_CLEARED, CHURN_RISK_RAISED } from './lifecycle/lifecycleFacts.ts';
import { LIFECYCLE_STAGE_CHANGED } from './lifecycle/lifecycleFacts.ts';
import { lifecycleTransitionKey } from './lifecycle/lifecycleTransitionKey.ts';
import { slaBreachKey } from './service/slaBreach.ts';

/** A service case's SLA clock ran out (first response or one resolution cycle). */
export const SLA_BREACHED = 'sla.breached';

/**
 * A fact the platform asserts about a customer and writes back to the store. `key` names its
 * cause; the writer hashes it into the event id, so re-deriving it (replay, rebuild, another
 * projector) appends nothing new.
 */
export interface DerivedFact {
  readonly key: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
}

/** The part of an assessment a warning fact carries (no evaluation time, no model inputs). */
export function warningFactData(a: ChurnAssessment): Record<string, unknown> {
  return {
    score: a.score,
    ruleScore: a.ruleScore,
    reasons: a.reasons.map((r) => ({
      signal: r.signal,
      weight: r.weight,
      explanation: r.explanation,
      evidenceEventIds: [...r.evidenceEventIds],
    })),
    evidenceEventIds: [...a.evidenceEventIds],
    pAlive: a.pAlive,
    expectedPurchases: a.expectedPurchases,
    expectedSpend: a.expectedSpend,
    valueAtRisk: a.valueAtRisk,
    horizonDays: a.horizonDays,
    modelVersion: a.modelVersion,
  };
}

/**
 * The derived facts a customer state asserts: one `lifecycle.stage_changed` per stage transition,
 * one `sla.breached` per breach, and one `churn.risk_raised` / `churn.risk_cleared` per raise and
 * clear of the churn warning (keyed by the instant it happened; data = the assessment at that
 * instant), each with its evidence event ids and explanation. A fact's
 * data holds only what its key fixes (no evaluation time, no "met late at"), so re-deriving it
 * gives identical data. Pure.
 */
export function derivedFacts(state: CustomerState): DerivedFact[] {
  const { projectId, customerKey } = state;
  const lifecycle = state.lifecycle.transitions.map((t): DerivedFact => ({
    key: lifecycleTransitionKey(projectId, customerKey, t),
    type: LIFECYCLE_STAGE_CHANGED,
    data: {
      projectId,
      customerKey,
      from: t.from,
      to: t.to,
      at: t.at.toISOString(),
      rule: t.rule,
      evidenceEventIds: t.evidenceEventIds,
      explanation: t.explanation,
    },
  }));
  const breaches = state.service.breaches.map((b): DerivedFact => ({
    key: slaBreachKey(projectId, customerKey, b),
    type: SLA_BREACHED,
    data: {
      projectId,
      customerKey,
      caseId: b.caseId,
      milestone: b.kind,
      cycle: b.cycle,
      startedAt: b.startedAt.toISOString(),
      dueAt: b.dueAt.toISOString(),
      targetHours: b.targetHours,
      evidenceEventIds: b.evidenceEventIds.slice(0, 1),
    },
  }));
  const warnings = state.churn.episodes.flatMap(({ raised, cleared, clearedBy }): DerivedFact[] => {
    const raisedAt = raised.at.toISOString();
    const raise: DerivedFact = {
      key: churnWarningKey(projectId, customerKey, 'raised', raised.at),
      type: CHURN_RISK_RAISED,
      data: { projectId, customerKey, at: raisedAt, ...warningFactData(raised) },
    };
    if (!cleared) return [raise];
    const data = warningFactData(cleared);
    return [
      raise,
      {
        key: churnWarningKey(projectId, customerKey, 'cleared', cleared.at),
        type: CHURN_RISK_CLEARED,
        data: {
          projectId,
          customerKey,
          at: cleared.at.toISOString(),
          raisedAt,
          ...data,
          // What ended it: the facts at the clearing instant (none when a window ran out).
          evidenceEventIds: [...(clearedBy ?? [])],
          remainingEvidenceEventIds: data.evidenceEventIds,
        },
      },
    ];
  });
  return [...lifecycle, ...breaches, ...warnings];
}
