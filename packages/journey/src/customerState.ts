import type { ChurnModel } from './churn/churnModel.ts';
import { churnWarning, type ChurnWarning } from './churn/warning/churnWarning.ts';
import { churnWarningKey } from './churn/warning/churnWarningKey.ts';
import type { JourneyEvent } from './journeyEvent.ts';
import { CHURN_RISK_CLEARED, CHURN_RISK_RAISED } from './lifecycle/lifecycleFacts.ts';
import { lifecycleHistory, type LifecycleHistory } from './lifecycle/lifecycleHistory.ts';
import { customerProfile, type CustomerProfile } from './profile/customerProfile.ts';
import type { ProjectSettings } from './projectSettings.ts';
import { feedbackSummary, type FeedbackSummary } from './service/feedbackSummary.ts';
import { serviceCases, type ServiceCasesResult } from './service/serviceCases.ts';

/** Everything the platform derives about one (canonical) customer from their history, at `asOf`. */
export interface CustomerState {
  readonly projectId: string;
  /** The canonical customer key (identity-resolved). */
  readonly customerKey: string;
  readonly profile: CustomerProfile;
  readonly lifecycle: LifecycleHistory;
  readonly service: ServiceCasesResult;
  readonly feedback: FeedbackSummary;
  /** Churn warnings (rules + the project's model) and the risk at `asOf`. */
  readonly churn: ChurnWarning;
  /** The churn model version the warning used; null when none was fitted. */
  readonly churnModelVersion: number | null;
  /** The earliest instant the state can change without a new event (re-evaluate then). */
  readonly nextReviewAt: Date | undefined;
  /** Highest store position in the history: the version of every row derived from it. */
  readonly version: number;
  /** Settings versions the state was computed with. */
  readonly settingsVersions: ProjectSettings['versions'];
}

const earliest = (...dates: (Date | null | undefined)[]): Date | undefined =>
  dates
    .filter((d): d is Date => d instanceof Date)
    .reduce<Date | undefined>((min, d) => (min === undefined || d < min ? d : min), undefined);

export interface CustomerStateOptions {
  /** The project's fitted churn model; none: warnings run on the rules alone. */
  readonly model?: ChurnModel;
  /**
   * The store id of a derived fact from its key (the fact writer's hash), so the warning events
   * the lifecycle reads carry the ids of the `churn.risk_*` facts; default the key itself.
   */
  readonly factId?: (key: string) => string;
}

/**
 * Folds one customer's whole history (a set: any delivery order gives the same state) into their
 * profile, lifecycle stage, service cases, feedback and churn warning, under the project's
 * settings and churn model. The warning is computed first; its raises and clears enter the
 * lifecycle fold as `churn.risk_raised` / `churn.risk_cleared` events (ids = the derived facts'
 * ids, placed just after the facts of their instant), so the stage `at_risk` follows the warning
 * while the state stays a function of (history, settings, model, asOf). Pure.
 */
export function customerState(
  projectId: string,
  customerKey: string,
  history: readonly JourneyEvent[],
  settings: ProjectSettings,
  asOf: Date,
  options: CustomerStateOptions = {},
): CustomerState {
  const churn = churnWarning(history, settings.churn, options.model, asOf);
  const warnings = warningEvents(projectId, customerKey, history, churn, options.factId);
  const lifecycle = lifecycleHistory([...history, ...warnings], settings.lifecycle, asOf);
  const service = serviceCases(history, settings.sla, asOf);
  return {
    projectId,
    customerKey,
    profile: customerProfile(history, asOf, settings.profile),
    lifecycle,
    service,
    feedback: feedbackSummary(history),
    churn,
    churnModelVersion: options.model?.version ?? null,
    nextReviewAt: earliest(lifecycle.nextReviewAt, service.nextReviewAt, churn.nextReviewAt),
    version: history.reduce((max, event) => Math.max(max, event.position), 0),
    settingsVersions: settings.versions,
  };
}

/** The warning's raises and clears as journey events, for the lifecycle fold. */
function warningEvents(
  projectId: string,
  customerKey: string,
  history: readonly JourneyEvent[],
  churn: ChurnWarning,
  factId: (key: string) => string = (key) => key,
): JourneyEvent[] {
  // Just after every fact of the same instant: the highest position up to then, plus ½.
  const after = (at: Date) =>
    history.reduce(
      (max, e) => (e.occurredAt.getTime() <= at.getTime() ? Math.max(max, e.position) : max),
      0,
    ) + 0.5;
  const event = (
    type: string,
    what: 'raised' | 'cleared',
    at: Date,
    data: Record<string, unknown>,
  ) => ({
    id: factId(churnWarningKey(projectId, customerKey, what, at)),
    type,
    occurredAt: at,
    data,
    channel: '',
    customerKey,
    position: after(at),
  });
  return churn.episodes.flatMap(({ raised, cleared }) => [
    event(CHURN_RISK_RAISED, 'raised', raised.at, { score: raised.score, reasons: raised.reasons }),
    ...(cleared
      ? [event(CHURN_RISK_CLEARED, 'cleared', cleared.at, { score: cleared.score })]
      : []),
  ]);
}
