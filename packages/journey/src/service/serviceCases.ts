import { formatNumber, HOUR_MS } from '../churn/signals/factTime.ts';
import type { JourneyEvent } from '../journeyEvent.ts';
import { slaBreachKey, type SlaBreach, type SlaMilestone } from './slaBreach.ts';
import {
  isCaseKind,
  isCasePriority,
  type CaseKind,
  type CasePriority,
  type SlaPolicy,
} from './slaPolicy.ts';
import { surveyAnswer, type SurveyAnswer } from './surveyAnswer.ts';
import { uniqueInJourneyOrder } from './uniqueInJourneyOrder.ts';

/** One resolution clock: the original opening (cycle 0) or a reopening (cycle n), to its resolution. */
export interface ResolutionCycle {
  readonly cycle: number;
  /** The opening (null without `case.opened`) or the reopening. */
  readonly startedAt: Date | null;
  readonly dueAt: Date | null;
  readonly resolvedAt: Date | null;
  /** Seconds from `startedAt` to `resolvedAt` (0 if the resolution is stamped earlier). */
  readonly resolutionSeconds: number | null;
  readonly breached: boolean;
}

/** The state of one service case as of `asOf`. Times are instants; durations are seconds. */
export interface ServiceCase {
  readonly caseId: string;
  /** From `case.opened`; null without it (or with a kind the catalogue does not know). */
  readonly kind: CaseKind | null;
  /** `case.opened`'s priority, else the policy's `defaultPriority`; null without `case.opened`. */
  readonly priority: CasePriority | null;
  readonly category: string | null;
  /** Channel of the `case.opened` touchpoint; null without it. */
  readonly channel: string | null;
  readonly openedAt: Date | null;
  /** The first `case.first_response`, or the first `case.resolved` if that came earlier. */
  readonly firstResponseAt: Date | null;
  /** `bot` / `agent` from `case.first_response`, or `resolution` when the resolution answered first. */
  readonly firstResponseBy: 'bot' | 'agent' | 'resolution' | null;
  /** End of cycle 0: the first resolution. */
  readonly firstResolvedAt: Date | null;
  /** The resolution of the current cycle; null while the case is open. */
  readonly resolvedAt: Date | null;
  readonly status: 'open' | 'resolved';
  /** Reopenings of a resolved case (each starts a new resolution cycle). */
  readonly reopenCount: number;
  readonly escalationCount: number;
  /** The latest `contactCount` reported by a `case.resolved`; null when none reported one. */
  readonly contactCount: number | null;
  readonly firstResponseDueAt: Date | null;
  /** Due time of the current cycle's resolution. */
  readonly resolutionDueAt: Date | null;
  /** `openedAt` → `firstResponseAt`. */
  readonly firstResponseSeconds: number | null;
  /** `openedAt` → `firstResolvedAt`. */
  readonly firstResolutionSeconds: number | null;
  /** `openedAt` → `resolvedAt`, reopened periods included; null while open. */
  readonly fullResolutionSeconds: number | null;
  readonly firstResponseBreached: boolean;
  /** True when any cycle's resolution breached its SLA. */
  readonly resolutionBreached: boolean;
  readonly cycles: readonly ResolutionCycle[];
  /**
   * Resolved at the first contact: null until the case has been resolved once; false when it was
   * reopened or escalated or the reported `contactCount` is above 1; true when the reported
   * `contactCount` is 1; null when resolved cleanly but no `contactCount` was reported.
   */
  readonly firstContactResolution: boolean | null;
  /** `complaint.filed` naming the case: its `complaintId`, else its event id. */
  readonly complaintIds: readonly string[];
  /** `survey.answered` naming the case, oldest first. */
  readonly feedback: readonly SurveyAnswer[];
  /** Every event naming the case (case.*, complaint.filed, survey.answered), journey order. */
  readonly evidenceEventIds: readonly string[];
  /** Highest store position among those events. */
  readonly lastPosition: number;
}

/** What `serviceCases` returns. */
export interface ServiceCasesResult {
  /** In the journey order of each case's first `case.*` event. */
  readonly cases: readonly ServiceCase[];
  /** Ordered by due time, then case, milestone and cycle. */
  readonly breaches: readonly SlaBreach[];
  /**
   * The earliest instant after `asOf` at which the result can change without a new event: a
   * pending due time + 1 ms (a milestone exactly at its due time is on time), or the time of a
   * case event stamped after `asOf`. Null when nothing is pending.
   */
  readonly nextReviewAt: Date | null;
}

interface Cycle {
  start: JourneyEvent | undefined;
  resolution: JourneyEvent | undefined;
}

interface Draft {
  caseId: string;
  opening: JourneyEvent | undefined;
  firstResponse: { event: JourneyEvent; by: 'bot' | 'agent' | 'resolution' } | undefined;
  cycles: Cycle[];
  escalationCount: number;
  contactCount: number | null;
  complaintIds: string[];
  feedback: SurveyAnswer[];
  evidence: string[];
  lastPosition: number;
}

const CASE_TYPES = new Set([
  'case.opened',
  'case.first_response',
  'case.escalated',
  'case.resolved',
  'case.reopened',
]);
const LINKED_TYPES = new Set(['complaint.filed', 'survey.answered']);

const caseIdOf = (event: JourneyEvent): string | undefined => {
  const caseId = event.data['caseId'];
  return typeof caseId === 'string' && caseId !== '' ? caseId : undefined;
};

const seconds = (from: Date, to: Date): number => Math.max(0, to.getTime() - from.getTime()) / 1000;

const addHours = (at: Date, hours: number): Date => new Date(at.getTime() + hours * HOUR_MS);

/**
 * Folds one customer's history into service cases under an SLA policy, as of `asOf`. Pure, and
 * depends only on the set of events: the history is sorted with `byJourneyOrder`, one event per
 * id, and events after `asOf` are left out. A case exists for every `caseId` named by a `case.*`
 * event; `complaint.filed` and `survey.answered` naming it are linked to it. SLA clocks need the
 * `case.opened` (its time, kind and priority): a case without one has no due times and no breaches.
 * A milestone at or before its due time is on time; after it (or missing when `asOf` is past it)
 * is a breach.
 */
export function serviceCases(
  history: readonly JourneyEvent[],
  policy: SlaPolicy,
  asOf: Date,
): ServiceCasesResult {
  const now = asOf.getTime();
  const events = uniqueInJourneyOrder(history).filter(
    (e) => caseIdOf(e) !== undefined && (CASE_TYPES.has(e.type) || LINKED_TYPES.has(e.type)),
  );
  const past = events.filter((e) => e.occurredAt.getTime() <= now);
  const future = events.find((e) => e.occurredAt.getTime() > now);

  const drafts = new Map<string, Draft>();
  for (const event of past) {
    const caseId = caseIdOf(event);
    if (caseId === undefined || !CASE_TYPES.has(event.type) || drafts.has(caseId)) continue;
    drafts.set(caseId, {
      caseId,
      opening: undefined,
      firstResponse: undefined,
      cycles: [{ start: undefined, resolution: undefined }],
      escalationCount: 0,
      contactCount: null,
      complaintIds: [],
      feedback: [],
      evidence: [],
      lastPosition: -Infinity,
    });
  }
  for (const event of past) {
    const draft = drafts.get(caseIdOf(event) ?? '');
    if (draft !== undefined) apply(draft, event);
  }

  const cases: ServiceCase[] = [];
  const breaches: SlaBreach[] = [];
  const pending: number[] = future ? [future.occurredAt.getTime()] : [];
  for (const draft of drafts.values()) {
    const evaluated = evaluate(draft, policy, now);
    cases.push(evaluated.serviceCase);
    breaches.push(...evaluated.breaches);
    pending.push(...evaluated.pendingDueTimes.map((t) => t + 1));
  }
  breaches.sort(
    (a, b) =>
      a.dueAt.getTime() - b.dueAt.getTime() ||
      compareStrings(slaBreachKey('', '', a), slaBreachKey('', '', b)),
  );
  return {
    cases,
    breaches,
    nextReviewAt: pending.length === 0 ? null : new Date(Math.min(...pending)),
  };
}

function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** One event's effect on its case (events arrive in journey order, one per id). */
function apply(draft: Draft, event: JourneyEvent): void {
  draft.evidence.push(event.id);
  draft.lastPosition = Math.max(draft.lastPosition, event.position);
  const current = draft.cycles.at(-1);
  switch (event.type) {
    case 'case.opened':
      // A second opening of the same case is a resend: the first one stands.
      if (draft.opening === undefined) {
        draft.opening = event;
        const first = draft.cycles[0];
        if (first) first.start = event;
      }
      break;
    case 'case.first_response': {
      const by = event.data['responderType'] === 'bot' ? 'bot' : 'agent';
      draft.firstResponse ??= { event, by };
      break;
    }
    case 'case.escalated':
      draft.escalationCount += 1;
      break;
    case 'case.resolved': {
      // A second resolution in the same cycle changes nothing but the reported contact count.
      if (current && current.resolution === undefined) current.resolution = event;
      draft.firstResponse ??= { event, by: 'resolution' };
      const contactCount = event.data['contactCount'];
      if (typeof contactCount === 'number' && Number.isInteger(contactCount) && contactCount > 0) {
        draft.contactCount = contactCount;
      }
      break;
    }
    case 'case.reopened':
      // Only a resolved case can be reopened; a reopening of an open case changes nothing.
      if (current?.resolution !== undefined) {
        draft.cycles.push({ start: event, resolution: undefined });
      }
      break;
    case 'complaint.filed': {
      const complaintId = event.data['complaintId'];
      const id = typeof complaintId === 'string' && complaintId !== '' ? complaintId : event.id;
      if (!draft.complaintIds.includes(id)) draft.complaintIds.push(id);
      break;
    }
    case 'survey.answered': {
      const answer = surveyAnswer(event);
      if (answer) draft.feedback.push(answer);
      break;
    }
  }
}

interface Clock {
  dueAt: Date | null;
  breached: boolean;
  /** The due time in ms when it is at or after `now` and the milestone has not come. */
  pendingDueAt: number | undefined;
}

function clock(
  startedAt: Date | null,
  hours: number | null,
  metAt: Date | null,
  now: number,
): Clock {
  if (startedAt === null || hours === null) {
    return { dueAt: null, breached: false, pendingDueAt: undefined };
  }
  const dueAt = addHours(startedAt, hours);
  const due = dueAt.getTime();
  if (metAt !== null) return { dueAt, breached: metAt.getTime() > due, pendingDueAt: undefined };
  return { dueAt, breached: now > due, pendingDueAt: now > due ? undefined : due };
}

function evaluate(
  draft: Draft,
  policy: SlaPolicy,
  now: number,
): { serviceCase: ServiceCase; breaches: SlaBreach[]; pendingDueTimes: number[] } {
  const opening = draft.opening;
  const rawKind = opening?.data['kind'];
  const rawPriority = opening?.data['priority'];
  const rawCategory = opening?.data['category'];
  const kind = isCaseKind(rawKind) ? rawKind : null;
  const priority = opening
    ? isCasePriority(rawPriority)
      ? rawPriority
      : policy.defaultPriority
    : null;
  const targets = kind && priority ? policy.targets[kind][priority] : null;
  const openedAt = opening?.occurredAt ?? null;
  const breaches: SlaBreach[] = [];
  const pendingDueTimes: number[] = [];
  const label = `case ${draft.caseId}${kind ? ` (${kind}, ${priority ?? ''} priority)` : ''}`;

  const firstResponseAt = draft.firstResponse?.event.occurredAt ?? null;
  const response = clock(openedAt, targets?.firstResponseHours ?? null, firstResponseAt, now);
  if (response.pendingDueAt !== undefined) pendingDueTimes.push(response.pendingDueAt);
  if (response.breached && opening && openedAt && response.dueAt) {
    breaches.push(
      breach(draft.caseId, 'first_response', 0, opening, openedAt, response.dueAt, {
        hours: targets?.firstResponseHours ?? 0,
        met: draft.firstResponse?.event,
        what: `First response on ${label}`,
        after: 'opening',
      }),
    );
  }

  const cycles = draft.cycles.map((cycle, index): ResolutionCycle => {
    const startedAt = index === 0 ? openedAt : (cycle.start?.occurredAt ?? null);
    const resolvedAt = cycle.resolution?.occurredAt ?? null;
    const c = clock(startedAt, targets?.resolutionHours ?? null, resolvedAt, now);
    if (c.pendingDueAt !== undefined) pendingDueTimes.push(c.pendingDueAt);
    if (c.breached && cycle.start && startedAt && c.dueAt) {
      breaches.push(
        breach(draft.caseId, 'resolution', index, cycle.start, startedAt, c.dueAt, {
          hours: targets?.resolutionHours ?? 0,
          met: cycle.resolution,
          what: `Resolution of ${label}${index === 0 ? '' : ` after reopening ${index}`}`,
          after: index === 0 ? 'opening' : 'reopening',
        }),
      );
    }
    return {
      cycle: index,
      startedAt,
      dueAt: c.dueAt,
      resolvedAt,
      resolutionSeconds: startedAt && resolvedAt ? seconds(startedAt, resolvedAt) : null,
      breached: c.breached,
    };
  });

  const current = cycles.at(-1);
  const firstResolvedAt = cycles[0]?.resolvedAt ?? null;
  const resolvedAt = current?.resolvedAt ?? null;
  const reopenCount = cycles.length - 1;
  let firstContactResolution: boolean | null = null;
  if (firstResolvedAt !== null) {
    if (reopenCount > 0 || draft.escalationCount > 0) firstContactResolution = false;
    else if (draft.contactCount !== null) firstContactResolution = draft.contactCount === 1;
  }

  const serviceCase: ServiceCase = {
    caseId: draft.caseId,
    kind,
    priority,
    category: typeof rawCategory === 'string' ? rawCategory : null,
    channel: opening?.channel ?? null,
    openedAt,
    firstResponseAt,
    firstResponseBy: draft.firstResponse?.by ?? null,
    firstResolvedAt,
    resolvedAt,
    status: resolvedAt === null ? 'open' : 'resolved',
    reopenCount,
    escalationCount: draft.escalationCount,
    contactCount: draft.contactCount,
    firstResponseDueAt: response.dueAt,
    resolutionDueAt: current?.dueAt ?? null,
    firstResponseSeconds: openedAt && firstResponseAt ? seconds(openedAt, firstResponseAt) : null,
    firstResolutionSeconds: openedAt && firstResolvedAt ? seconds(openedAt, firstResolvedAt) : null,
    fullResolutionSeconds: openedAt && resolvedAt ? seconds(openedAt, resolvedAt) : null,
    firstResponseBreached: response.breached,
    resolutionBreached: cycles.some((c) => c.breached),
    cycles,
    firstContactResolution,
    complaintIds: draft.complaintIds,
    feedback: draft.feedback,
    evidenceEventIds: draft.evidence,
    lastPosition: draft.lastPosition,
  };
  return { serviceCase, breaches, pendingDueTimes };
}

/** A duration for explanations: hours, or minutes or seconds when shorter. */
function duration(ms: number): string {
  if (ms >= HOUR_MS) return `${formatNumber(ms / HOUR_MS)} hours`;
  if (ms >= 60_000) return `${formatNumber(ms / 60_000)} minutes`;
  return `${formatNumber(ms / 1000)} seconds`;
}

function breach(
  caseId: string,
  kind: SlaMilestone,
  cycle: number,
  start: JourneyEvent,
  startedAt: Date,
  dueAt: Date,
  about: { hours: number; met: JourneyEvent | undefined; what: string; after: string },
): SlaBreach {
  const metAt = about.met?.occurredAt ?? null;
  const outcome =
    metAt === null
      ? 'it had not come by then'
      : `it came at ${metAt.toISOString()}, ${duration(metAt.getTime() - dueAt.getTime())} late`;
  return {
    caseId,
    kind,
    cycle,
    startedAt,
    dueAt,
    targetHours: about.hours,
    metAt,
    evidenceEventIds: about.met ? [start.id, about.met.id] : [start.id],
    explanation:
      `${about.what} was due ${formatNumber(about.hours)} hours after the ${about.after}, ` +
      `at ${dueAt.toISOString()}; ${outcome}.`,
  };
}
