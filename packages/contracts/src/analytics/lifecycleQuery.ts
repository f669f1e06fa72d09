import { z } from 'zod';
import { checkTimeRange, timeRangeShape, timeZoneSchema } from './eventFilter.ts';

export const LIFECYCLE_PERIODS = ['day', 'week', 'month'] as const;

/** `POST /v1/analytics/lifecycle`: stage distribution per period and the transition matrix. */
export const lifecycleQuerySchema = z
  .strictObject({
    ...timeRangeShape,
    period: z
      .enum(LIFECYCLE_PERIODS)
      .default('week')
      .describe('Distribution points: the end of each day, week (from Monday) or month'),
    timezone: timeZoneSchema
      .default('UTC')
      .describe('Days, weeks and months are bucketed in this IANA time zone'),
  })
  .superRefine(checkTimeRange);

export type LifecycleQuery = z.output<typeof lifecycleQuerySchema>;
export type LifecycleQueryInput = z.input<typeof lifecycleQuerySchema>;
