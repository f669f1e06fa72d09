/** An event as it travels on a stream: what projectors consume, whichever transport carried it. */
export interface SourcedEvent {
  readonly id: string;
  readonly type: string;
  readonly streamId: string;
  readonly streamVersion: bigint;
  readonly globalPosition: bigint;
  /** Store global-log checkpoint, comparable as a string; consumers may dedupe on it. */
  readonly checkpoint: string;
  readonly recordedAt: string;
  readonly data: unknown;
  readonly metadata: Record<string, unknown>;
}

export type BatchHandler = (events: readonly SourcedEvent[]) => Promise<void>;

/**
 * A source of ordered event batches (Kafka consumer group, or the store's own log in embedded
 * mode). Delivery is at-least-once: the position is committed only after the handler resolves,
 * so a crash re-delivers the last batch, and handlers must be idempotent.
 */
export interface EventSource {
  start(handler: BatchHandler): Promise<void>;
  stop(): Promise<void>;
}

export interface OutboundMessage {
  readonly key: string;
  readonly value: string;
  readonly headers: Record<string, string>;
}

/** Publishes messages; resolves only once the broker has acknowledged all of them. */
export interface StreamPublisher {
  publish(topic: string, messages: readonly OutboundMessage[]): Promise<void>;
  close(): Promise<void>;
}
