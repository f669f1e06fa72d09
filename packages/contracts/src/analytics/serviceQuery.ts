import { z } from 'zod';
import { checkTimeRange } from './eventFilter.ts';
import { periodQueryShape } from './periodQueryShape.ts';

/** `POST /v1/analytics/service`: service KPIs per period and channel. */
export const serviceQuerySchema = z
  .strictObject(
    periodQueryShape('Cases by the period they were opened in, surveys by the period answered'),
  )
  .superRefine(checkTimeRange);

export type ServiceQuery = z.output<typeof serviceQuerySchema>;
export type ServiceQueryInput = z.input<typeof serviceQuerySchema>;
