export type {
  SourcedEvent,
  BatchHandler,
  EventSource,
  OutboundMessage,
  StreamPublisher,
} from './stream.ts';
export { toEventMessage, fromEventMessage, fromStoredEvent } from './eventMessage.ts';
export {
  storeLogSource,
  type PositionStore,
  type StoreLogSourceOptions,
} from './storeLogSource.ts';
export { kafkaClient, ensureTopic, type KafkaSettings } from './kafka.ts';
export { kafkaPublisher } from './kafkaPublisher.ts';
export { kafkaSource, type KafkaSourceOptions } from './kafkaSource.ts';
export { keyPartitioner, murmur2 } from './keyPartitioner.ts';
