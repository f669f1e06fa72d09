import { z } from 'zod';

const weight = z.number().min(0).max(1);
const days = z.number().positive().max(3650);
const enabled = z.boolean();

/**
 * A project's overrides of the churn rule signals (`PUT /v1/projects/:id/settings/churn`): any
 * rule, any field; unknown fields are refused so a typo cannot silently keep a default.
 */
export const churnRulesPatchSchema = z.strictObject({
  purchaseTypes: z.array(z.string().min(1).max(128)).min(1).max(50).optional(),
  silence: z
    .strictObject({
      enabled,
      weight,
      factor: z.number().positive().max(100),
      minPurchasesForRhythm: z.int().min(2).max(1000),
      defaultSilenceDays: days,
    })
    .partial()
    .optional(),
  frequencyDrop: z
    .strictObject({
      enabled,
      weight,
      recentWindowDays: days,
      baselineWindowDays: days,
      ratio: z.number().min(0).max(1),
      minBaselineCount: z.int().min(1).max(10_000),
    })
    .partial()
    .optional(),
  npsDetractor: z
    .strictObject({ enabled, weight, maxScore: z.int().min(0).max(10), windowDays: days })
    .partial()
    .optional(),
  lowCsat: z
    .strictObject({ enabled, weight, maxScore: z.int().min(1).max(5), windowDays: days })
    .partial()
    .optional(),
  complaintPastSla: z
    .strictObject({ enabled, weight, slaHours: z.number().positive().max(87_600) })
    .partial()
    .optional(),
  repeatedContacts: z
    .strictObject({ enabled, weight, minCases: z.int().min(2).max(1000), windowDays: days })
    .partial()
    .optional(),
  planDowngrade: z
    .strictObject({
      enabled,
      weight,
      windowDays: days,
      types: z.array(z.string().min(1).max(128)).min(1).max(50),
    })
    .partial()
    .optional(),
  warning: z
    .strictObject({
      raiseAt: z.number().gt(0).max(1),
      clearBelow: z.number().min(0).max(1),
      modelWeight: weight,
      horizonDays: days,
    })
    .partial()
    .optional(),
});

export type ChurnRulesPatch = z.infer<typeof churnRulesPatchSchema>;
