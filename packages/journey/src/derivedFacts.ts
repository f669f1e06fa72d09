import type { CustomerState } from './customerState.ts';
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

/**
 * The derived facts a customer state asserts: one `lifecycle.stage_changed` per stage transition
 * and one `sla.breached` per breach, each with its evidence event ids and explanation. A fact's
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
  return [...lifecycle, ...breaches];
}
