export {
  getKurrentEventStore,
  kurrentEventStoreOn,
  IDEMPOTENCY_WINDOW,
  CREATED_AT_KEY,
  ERASED_AT_KEY,
} from './kurrentEventStore.ts';
export {
  kurrentAllSubscription,
  type AllSubscription,
  type AllSubscriptionOptions,
  type KurrentAllSubscriber,
} from './kurrentAllSubscription.ts';
export { ERASURE_INDEX_STREAM, ERASURE_RECORDED } from './erasureIndex.ts';
export { checkpointOf, positionOf } from './kurrentCheckpoint.ts';
export { toStreamState } from './toStreamState.ts';
export { toConcurrencyError } from './toConcurrencyError.ts';
export { TOUCHLINE_EVENT_TYPES, isTouchlineEventType } from './touchlineEventFilter.ts';
