import { z } from 'zod';
import { checkTimeRange, eventFilterSchema, timeRangeShape } from './eventFilter.ts';

/** The longest conversion window, in seconds (90 days). */
export const MAX_CONVERSION_WINDOW_SECONDS = 90 * 86_400;

/** How a funnel's steps must follow each other (see the insights README for the exact rules). */
export const FUNNEL_ORDERS = ['sequential', 'strict', 'any'] as const;
/** What a funnel can be broken down by. */
export const FUNNEL_BREAKDOWNS = ['channel', 'stage', 'firstChannel'] as const;

/** `POST /v1/analytics/funnel`. */
export const funnelQuerySchema = z
  .strictObject({
    ...timeRangeShape,
    steps: z
      .array(eventFilterSchema)
      .min(2, 'must hold at least 2 steps')
      .max(10, 'must hold at most 10 steps'),
    windowSeconds: z
      .number()
      .int()
      .min(1)
      .max(MAX_CONVERSION_WINDOW_SECONDS, 'must be at most 90 days (7776000 seconds)')
      .default(86_400)
      .describe('Conversion window: the last step at most this long after the first, inclusive'),
    order: z
      .enum(FUNNEL_ORDERS)
      .default('sequential')
      .describe(
        'sequential: steps in order, other events may come between; strict: no other event between steps; any: steps after the first in any order',
      ),
    breakdown: z
      .enum(FUNNEL_BREAKDOWNS)
      .optional()
      .describe(
        "channel: the first step's channel; stage: the customer's current lifecycle stage; firstChannel: their first-touch channel",
      ),
    timeToConvertBucketsSeconds: z
      .array(z.number().int().min(1).max(MAX_CONVERSION_WINDOW_SECONDS))
      .min(1)
      .max(20)
      .refine((edges) => edges.every((edge, i) => i === 0 || edge > edges[i - 1]!), {
        message: 'must be increasing',
      })
      .optional()
      .describe('Upper edges (inclusive) of the time-to-convert buckets; default from 1 min'),
  })
  .superRefine(checkTimeRange);

export type FunnelQuery = z.output<typeof funnelQuerySchema>;
export type FunnelQueryInput = z.input<typeof funnelQuerySchema>;
