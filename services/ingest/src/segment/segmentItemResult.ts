import type { ItemResult } from '../appendTouchpoints.ts';

/**
 * Segment semantics for a stored item's answer: a `messageId` seen before in the project is a
 * duplicate, whatever the retry changed (a new `sentAt`, hence a new clock-skew correction): the
 * first message wins and nothing new is written. The store reports such a retry as an id reused
 * for different data; here it is a duplicate. Pure.
 */
export function segmentItemResult(result: ItemResult): ItemResult {
  if (result.status !== 'rejected' || result.code !== 'TL_EVENT_ID_REUSED') return result;
  return {
    index: result.index,
    status: 'duplicate',
    ...(result.id !== undefined ? { id: result.id } : {}),
  };
}
