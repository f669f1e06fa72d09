import { z } from 'zod';

/** A comma-separated list of names (channels, types): 1-20 of them, each 1-100 characters. */
const nameList = z
  .string()
  .transform((text) => text.split(',').map((name) => name.trim()))
  .pipe(z.array(z.string().min(1).max(100)).min(1).max(20));

/**
 * The query string of `GET /v1/customers/:customerId/timeline`: a page of `limit` entries (newest
 * first), `cursor` from the previous page's `nextCursor`, filters by channel and type (any of the
 * listed) and by time, `occurredAt` in [from, to).
 */
export const timelineQuerySchema = z
  .strictObject({
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(100)
      .describe('Entries per page (1-1000)'),
    channel: nameList.optional().describe('Channels, comma-separated: any of them'),
    type: nameList.optional().describe('Touchpoint types, comma-separated: any of them'),
    from: z.iso.datetime({ offset: true }).optional().describe('occurredAt ≥ from (ISO 8601)'),
    to: z.iso.datetime({ offset: true }).optional().describe('occurredAt < to (ISO 8601)'),
    cursor: z
      .string()
      .min(1)
      .max(400)
      .optional()
      .describe('The previous page’s nextCursor, with the same filters'),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    message: 'must be after from',
    path: ['to'],
  });

export type TimelineQuery = z.output<typeof timelineQuerySchema>;
