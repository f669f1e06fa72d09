/** Which SLA clock ran out: the case's first response, or the resolution of one cycle. */
export type SlaMilestone = 'first_response' | 'resolution';

/**
 * A due time that passed without its milestone: the milestone came late, or had not come by
 * `asOf`. The breach instant is `dueAt`, never the evaluation time, so re-evaluating the same
 * history gives the same breach; a late milestone only fills in `metAt`.
 */
export interface SlaBreach {
  readonly caseId: string;
  readonly kind: SlaMilestone;
  /** 0 for the first response and the original opening; n for the resolution after the n-th reopening. */
  readonly cycle: number;
  /** When the clock started: the opening, or the reopening of this cycle. */
  readonly startedAt: Date;
  readonly dueAt: Date;
  readonly targetHours: number;
  /** When the milestone came (after `dueAt`), or null while it is still missing. */
  readonly metAt: Date | null;
  /** The event that started the clock, then the late milestone if any. */
  readonly evidenceEventIds: readonly string[];
  readonly explanation: string;
}

/**
 * A stable string naming one breach: project, customer, case, milestone and cycle. It does not
 * change when a missing milestone later arrives late, so the projector can hash it into the
 * derived fact's deterministic id.
 */
export function slaBreachKey(
  projectId: string,
  customerKey: string,
  breach: Pick<SlaBreach, 'caseId' | 'kind' | 'cycle'>,
): string {
  return `sla-breach:${JSON.stringify([projectId, customerKey, breach.caseId, breach.kind, breach.cycle])}`;
}
