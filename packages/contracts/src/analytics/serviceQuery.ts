import { z } from 'zod';
import { checkTimeRange, timeRangeShape, timeZoneSchema } from './eventFilter.ts';

export const SERVICE_PERIODS = ['day', 'week', 'month'] as const;

/** `POST /v1/analytics/service`: service KPIs per period and channel. */
export const serviceQuerySchema = z
  .strictObject({
    ...timeRangeShape,
    period: z
      .enum(SERVICE_PERIODS)
      .default('week')
      .describe('Cases by the period they were opened in, surveys by the period answered'),
    timezone: timeZoneSchema
      .default('UTC')
      .describe('Days, weeks (from Monday) and months are bucketed in this IANA time zone'),
  })
  .superRefine(checkTimeRange);

export type ServiceQuery = z.output<typeof serviceQuerySchema>;
export type ServiceQueryInput = z.input<typeof serviceQuerySchema>;
