import { z } from 'zod';
import { catalogueEntry } from './catalogueEntry.ts';
import { idField, labelField, textField, touchpointData } from './catalogueFields.ts';

/** Score ranges per survey kind (the digest gives none; these are the usual scales). */
export const SURVEY_SCALES = { csat: { min: 1, max: 5 }, nps: { min: 0, max: 10 } } as const;

const surveyAnswer = touchpointData({
  kind: z.enum(['csat', 'nps']),
  score: z.int().min(0).max(10).describe('csat: 1 (very unsatisfied) to 5; nps: 0 to 10'),
  surveyId: idField.optional(),
  trigger: z.enum(['post_case', 'post_visit', 'post_purchase', 'periodic']).optional(),
  caseId: idField.optional(),
  orderId: idField.optional(),
  comment: textField.optional(),
}).superRefine((data, ctx) => {
  const { min, max } = SURVEY_SCALES[data.kind];
  if (data.score < min || data.score > max) {
    ctx.addIssue({
      code: 'custom',
      path: ['score'],
      message: `must be between ${min} and ${max} for a ${data.kind} survey`,
    });
  }
});

/** Digest §1.3 E: voice of the customer. */
export const feedback = {
  'survey.answered': catalogueEntry(
    'The customer answered a survey: CSAT (score 1-5) or NPS (score 0-10).',
    surveyAnswer,
  ),
  'feedback.submitted': catalogueEntry(
    'The customer gave an opinion or a suggestion outside a survey.',
    touchpointData({ topic: labelField, text: textField.optional() }),
  ),
} as const;
