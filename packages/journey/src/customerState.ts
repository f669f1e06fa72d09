import type { JourneyEvent } from './journeyEvent.ts';
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

/**
 * Folds one customer's whole history (a set: any delivery order gives the same state) into their
 * profile, lifecycle stage, service cases and feedback, under the project's settings. Pure.
 */
export function customerState(
  projectId: string,
  customerKey: string,
  history: readonly JourneyEvent[],
  settings: ProjectSettings,
  asOf: Date,
): CustomerState {
  const lifecycle = lifecycleHistory(history, settings.lifecycle, asOf);
  const service = serviceCases(history, settings.sla, asOf);
  return {
    projectId,
    customerKey,
    profile: customerProfile(history, asOf, settings.profile),
    lifecycle,
    service,
    feedback: feedbackSummary(history),
    nextReviewAt: earliest(lifecycle.nextReviewAt, service.nextReviewAt),
    version: history.reduce((max, event) => Math.max(max, event.position), 0),
    settingsVersions: settings.versions,
  };
}
