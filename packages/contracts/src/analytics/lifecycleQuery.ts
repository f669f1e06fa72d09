import { z } from 'zod';
import { checkTimeRange } from './eventFilter.ts';
import { periodQueryShape } from './periodQueryShape.ts';

/** `POST /v1/analytics/lifecycle`: stage distribution per period and the transition matrix. */
export const lifecycleQuerySchema = z
  .strictObject(
    periodQueryShape('Distribution points: the end of each day, week (from Monday) or month'),
  )
  .superRefine(checkTimeRange);

export type LifecycleQuery = z.output<typeof lifecycleQuerySchema>;
export type LifecycleQueryInput = z.input<typeof lifecycleQuerySchema>;
