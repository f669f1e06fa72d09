import type { LifecycleTransition } from './lifecycleStage.ts';

/**
 * A stable text key of one transition of one customer, for the derived fact's deterministic id
 * (the projector hashes it): the same transition recomputed from the same facts, in any delivery
 * order, gives the same key. It names the project, customer, instant (ISO, ms), from, to, rule and
 * evidence ids, JSON-encoded so no value can run into the next. Versioned (`lifecycle/v1`) so a
 * change of its shape cannot collide with old keys.
 */
export function lifecycleTransitionKey(
  projectId: string,
  customerKey: string,
  transition: LifecycleTransition,
): string {
  return JSON.stringify([
    'lifecycle/v1',
    projectId,
    customerKey,
    transition.at.toISOString(),
    transition.from,
    transition.to,
    transition.rule,
    ...transition.evidenceEventIds,
  ]);
}
