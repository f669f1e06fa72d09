import type { JourneyEvent } from '../journeyEvent.ts';
import { npsCategory, surveyAnswer, type NpsCategory, type SurveyAnswer } from './surveyAnswer.ts';
import { uniqueInJourneyOrder } from './uniqueInJourneyOrder.ts';

/** A customer's survey answers and what they add up to. */
export interface FeedbackSummary {
  /** Every valid `survey.answered`, oldest first (journey order). */
  readonly answers: readonly SurveyAnswer[];
  readonly latestCsat: SurveyAnswer | null;
  readonly latestNps: (SurveyAnswer & { readonly category: NpsCategory }) | null;
  /** Mean CSAT score (1–5) over all answers, or null without any. */
  readonly averageCsat: number | null;
  /** Mean NPS score (0–10) over all answers, or null without any. */
  readonly averageNps: number | null;
  readonly csatCount: number;
  readonly npsCount: number;
}

const mean = (scores: readonly number[]): number | null =>
  scores.length === 0 ? null : scores.reduce((sum, s) => sum + s, 0) / scores.length;

/**
 * Sums up the CSAT and NPS answers of one customer's history. Pure; depends only on the set of
 * events (sorted with `byJourneyOrder`, one per id). Answers with an unknown kind or a score off
 * the kind's scale (`SURVEY_SCALES`) are left out.
 */
export function feedbackSummary(history: readonly JourneyEvent[]): FeedbackSummary {
  const answers = uniqueInJourneyOrder(history).flatMap((event) => surveyAnswer(event) ?? []);
  const csat = answers.filter((a) => a.kind === 'csat');
  const nps = answers.filter((a) => a.kind === 'nps');
  const latestNps = nps.at(-1);
  return {
    answers,
    latestCsat: csat.at(-1) ?? null,
    latestNps: latestNps ? { ...latestNps, category: npsCategory(latestNps.score) } : null,
    averageCsat: mean(csat.map((a) => a.score)),
    averageNps: mean(nps.map((a) => a.score)),
    csatCount: csat.length,
    npsCount: nps.length,
  };
}
