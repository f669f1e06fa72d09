import type { Checkpoint } from './checkpoint.ts';

/** `any`: no check; `no_stream`: the stream must not exist; `stream_exists`: it must; a bigint: its exact last version. */
export type ExpectedVersion = 'any' | 'no_stream' | 'stream_exists' | bigint;

export interface NewEvent {
  /** UUID; appending an id seen before is a no-op reported in `duplicates`. */
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata?: Record<string, unknown>;
}

export interface StoredEvent {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Record<string, unknown>;
  readonly streamId: string;
  /** 0-based position of the event in its stream. */
  readonly streamVersion: bigint;
  readonly globalPosition: bigint;
  /** Position in the global log, comparable as a string. */
  readonly checkpoint: Checkpoint;
  readonly recordedAt: Date;
}

export interface AppendOptions {
  readonly expectedVersion?: ExpectedVersion;
}

export interface AppendManyRequest {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expectedVersion?: ExpectedVersion;
}

export interface AppendResult {
  readonly streamId: string;
  /** Version of the last event in the stream after this append (-1n: the stream does not exist). */
  readonly streamVersion: bigint;
  readonly appended: readonly string[];
  readonly duplicates: readonly string[];
}

export interface ReadAllOptions {
  /** Exclusive: events after this checkpoint. Omit to read from the start. */
  readonly after?: Checkpoint;
  readonly limit?: number;
}

export interface ReadAllResult {
  readonly events: readonly StoredEvent[];
  /** Checkpoint to pass as `after` next time (unchanged if nothing was read). */
  readonly checkpoint: Checkpoint;
}

export interface ReadStreamOptions {
  /** Inclusive; default: the first event (forward) or the last (backward). */
  readonly fromVersion?: bigint;
  readonly direction?: 'forward' | 'backward';
  readonly limit?: number;
}

export interface StreamInfo {
  readonly streamId: string;
  readonly exists: boolean;
  /** Version of the last event (-1n when the stream does not exist). */
  readonly version: bigint;
  readonly createdAt?: Date;
  readonly updatedAt?: Date;
  /** Set once the stream was erased; later appends continue after the tombstone. */
  readonly erasedAt?: Date;
}

export interface EraseResult {
  readonly streamId: string;
  readonly eventsErased: number;
  /** Id of the `$stream.erased` tombstone event (undefined if the stream did not exist). */
  readonly tombstoneId: string | undefined;
}

/** The event store port. Every adapter passes the shared contract suite (eventStoreContract.ts). */
export interface EventStore {
  append(
    streamId: string,
    events: readonly NewEvent[],
    options?: AppendOptions,
  ): Promise<AppendResult>;
  /**
   * Appends to many streams in one transaction (a batch request). Each entry is judged on its own:
   * it gets its result, or its ConcurrencyError / DuplicateEventConflictError, in order.
   */
  appendMany(requests: readonly AppendManyRequest[]): Promise<(AppendResult | Error)[]>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  readAll(options?: ReadAllOptions): Promise<ReadAllResult>;
  streamInfo(streamId: string): Promise<StreamInfo>;
  /** GDPR erasure: deletes the stream's events and appends a `$stream.erased` tombstone. */
  erase(streamId: string, reason: string): Promise<EraseResult>;
  /** Subscribe to "something was appended" hints from this process, to wake log tailers early. */
  onAppended(listener: () => void): () => void;
  close(): Promise<void>;
}
