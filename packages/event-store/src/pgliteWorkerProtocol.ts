import { GroupRetryAlone, type AppendRequest } from './appendGroup.ts';
import { ConcurrencyError, DuplicateEventConflictError } from './errors.ts';

/** Messages from the main thread to the PGlite thread; `id` pairs each with its reply. */
export type WorkerRequest =
  | { id: number; op: 'query'; sql: string; params: unknown[] }
  | { id: number; op: 'begin'; txId: number }
  | { id: number; op: 'txQuery'; txId: number; sql: string; params: unknown[] }
  | { id: number; op: 'commit' | 'rollback'; txId: number }
  | { id: number; op: 'appendGroup'; requests: readonly AppendRequest[] }
  | { id: number; op: 'close' };

export type WorkerReply = { id: number; result: unknown } | { id: number; error: WireError };

/** An error across threads: its class name, message and own fields (a PostgreSQL error's code…). */
export interface WireError {
  readonly name: string;
  readonly message: string;
  readonly fields: Record<string, unknown>;
}

export function toWireError(error: unknown): WireError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error))
    if (typeof value !== 'function' && typeof value !== 'object') fields[key] = value;
  if (error instanceof ConcurrencyError) fields.expected = error.expected;
  return { name: error.name, message: error.message, fields };
}

/** The error the main thread throws: the store's own classes rebuilt, others as Error + fields. */
export function fromWireError(wire: WireError): Error {
  const f = wire.fields;
  if (wire.name === 'ConcurrencyError')
    return new ConcurrencyError(f.streamId as string, f.expected as never, f.actual as bigint);
  if (wire.name === 'DuplicateEventConflictError')
    return new DuplicateEventConflictError(f.eventId as string);
  if (wire.name === 'GroupRetryAlone') return new GroupRetryAlone(wire.message);
  return Object.assign(new Error(wire.message), f, { name: wire.name });
}
