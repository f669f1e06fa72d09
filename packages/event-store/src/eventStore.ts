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
  readonly fromVersion?: bigint;
  readonly limit?: number;
}

/** The event store port. Every adapter passes the shared contract suite (eventStoreContract.ts). */
export interface EventStore {
  append(
    streamId: string,
    events: readonly NewEvent[],
    options?: AppendOptions,
  ): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  readAll(options?: ReadAllOptions): Promise<ReadAllResult>;
  /** Subscribe to "something was appended" hints from this process, to wake log tailers early. */
  onAppended(listener: () => void): () => void;
  close(): Promise<void>;
}
