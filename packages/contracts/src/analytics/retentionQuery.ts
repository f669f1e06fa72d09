import { z } from 'zod';
import {
  checkTimeRange,
  eventFilterSchema,
  timeRangeShape,
  timeZoneSchema,
} from './eventFilter.ts';

export const RETENTION_PERIODS = ['day', 'week', 'month'] as const;

/** `POST /v1/analytics/retention`. */
export const retentionQuerySchema = z
  .strictObject({
    ...timeRangeShape,
    start: eventFilterSchema
      .optional()
      .describe("The cohort's start event; default: the customer's first event of any kind"),
    returnEvent: eventFilterSchema
      .optional()
      .describe('What counts as coming back; default: any event'),
    period: z.enum(RETENTION_PERIODS).default('week'),
    periods: z
      .number()
      .int()
      .min(1)
      .max(52, 'must be at most 52')
      .default(8)
      .describe('How many periods after the cohort period to report'),
    timezone: timeZoneSchema
      .default('UTC')
      .describe('Days, weeks (from Monday) and months are bucketed in this IANA time zone'),
  })
  .superRefine(checkTimeRange);

export type RetentionQuery = z.output<typeof retentionQuerySchema>;
export type RetentionQueryInput = z.input<typeof retentionQuerySchema>;
