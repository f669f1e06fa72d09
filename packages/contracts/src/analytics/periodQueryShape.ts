import { z } from 'zod';
import { timeRangeShape, timeZoneSchema } from './eventFilter.ts';

/** The calendar periods analytics answers are bucketed by. */
export const CALENDAR_PERIODS = ['day', 'week', 'month'] as const;

/**
 * The fields of a query over [from, to) bucketed by calendar period in a time zone;
 * `periodMeaning` says what the periods are of (it documents the field in the OpenAPI document).
 */
export const periodQueryShape = (periodMeaning: string) => ({
  ...timeRangeShape,
  period: z.enum(CALENDAR_PERIODS).default('week').describe(periodMeaning),
  timezone: timeZoneSchema
    .default('UTC')
    .describe('Days, weeks (from Monday) and months are bucketed in this IANA time zone'),
});
