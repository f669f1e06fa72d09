import { SURVEY_SCALES } from '@touchline/contracts';
import type { JourneyEvent } from '../journeyEvent.ts';

/** One `survey.answered` touchpoint: a CSAT (1–5) or NPS (0–10) score. */
export interface SurveyAnswer {
  readonly kind: 'csat' | 'nps';
  readonly score: number;
  readonly at: Date;
  /** The case it rates (`data.caseId`), or null. */
  readonly caseId: string | null;
  readonly channel: string;
  readonly eventId: string;
}

/** NPS answer category: promoter 9–10, passive 7–8, detractor 0–6. */
export type NpsCategory = 'promoter' | 'passive' | 'detractor';

export function npsCategory(score: number): NpsCategory {
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}

/**
 * The answer a `survey.answered` event carries, or undefined for other events and for answers
 * whose kind is unknown or whose score is not a whole number on the kind's scale.
 */
export function surveyAnswer(event: JourneyEvent): SurveyAnswer | undefined {
  if (event.type !== 'survey.answered') return undefined;
  const { kind, score, caseId } = event.data;
  if (kind !== 'csat' && kind !== 'nps') return undefined;
  const scale = SURVEY_SCALES[kind];
  if (typeof score !== 'number' || !Number.isInteger(score)) return undefined;
  if (score < scale.min || score > scale.max) return undefined;
  return {
    kind,
    score,
    at: event.occurredAt,
    caseId: typeof caseId === 'string' ? caseId : null,
    channel: event.channel,
    eventId: event.id,
  };
}
