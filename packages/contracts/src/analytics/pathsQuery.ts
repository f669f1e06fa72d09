import { z } from 'zod';
import { checkTimeRange, eventFilterSchema, timeRangeShape } from './eventFilter.ts';

export const PATH_DIRECTIONS = ['next', 'previous'] as const;

/** `POST /v1/analytics/paths`. */
export const pathsQuerySchema = z
  .strictObject({
    ...timeRangeShape,
    anchor: eventFilterSchema.describe("The event paths start from (each customer's first one)"),
    direction: z.enum(PATH_DIRECTIONS).default('next'),
    depth: z.number().int().min(1).max(5, 'must be at most 5').default(3),
    limit: z
      .number()
      .int()
      .min(1)
      .max(100, 'must be at most 100')
      .default(20)
      .describe('How many of the most frequent sequences to return'),
  })
  .superRefine(checkTimeRange);

export type PathsQuery = z.output<typeof pathsQuerySchema>;
export type PathsQueryInput = z.input<typeof pathsQuerySchema>;
