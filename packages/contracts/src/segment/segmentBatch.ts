import { z } from 'zod';
import { absentWhenNull } from './absentWhenNull.ts';

/** Segment's limits: 32 KB per message, 500 KB per request (a batch or a single call). */
export const MAX_SEGMENT_MESSAGE_BYTES = 32 * 1024;
export const MAX_SEGMENT_REQUEST_BYTES = 500 * 1024;

/**
 * Segment caps a batch by bytes only. 500 KB could hold about ten thousand tiny messages, all
 * appended in one transaction; we cap the count at 2500 (a 400 naming `batch` beyond).
 */
export const MAX_SEGMENT_BATCH_SIZE = 2500;

const jsonObject = z.record(z.string(), z.unknown());

/**
 * The envelope of `POST /v1/batch` (`/v1/b`): the messages, plus `context` and `integrations`
 * merged into each message and a `sentAt` for the messages that carry none. Only the envelope:
 * each item is validated on its own (prefix `batch[i]`), so one bad message does not fail the
 * others. Unknown keys (`writeKey`, `_metadata`, …) are ignored, as Segment does.
 */
export const segmentBatchSchema = z.object({
  batch: z
    .array(jsonObject)
    .min(1, 'must hold at least one message')
    .max(MAX_SEGMENT_BATCH_SIZE, `must hold at most ${MAX_SEGMENT_BATCH_SIZE} messages`),
  context: absentWhenNull(jsonObject),
  integrations: absentWhenNull(jsonObject),
  sentAt: absentWhenNull(
    z.iso.datetime({
      offset: true,
      error: 'must be an ISO 8601 date-time with a time zone',
    }),
  ),
});

export type SegmentBatch = z.output<typeof segmentBatchSchema>;
