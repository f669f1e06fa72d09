import type { AppendManyRequest, NewEvent } from './eventStore.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Refuses malformed appends before any I/O; every adapter applies the same rules. */
export function validateAppend(streamId: string, events: readonly NewEvent[]): void {
  if (!streamId || streamId.length > 512)
    throw new TypeError('append: streamId must be 1-512 characters');
  if (events.length === 0) throw new TypeError('append needs at least one event');
  const ids = new Set<string>();
  for (const event of events) {
    if (!UUID.test(event.id)) throw new TypeError(`append: event id "${event.id}" is not a UUID`);
    if (!event.type) throw new TypeError('append: event type is required');
    ids.add(event.id.toLowerCase());
  }
  if (ids.size !== events.length)
    throw new TypeError('append: event ids must be unique within a batch');
}

/** Every entry checked as by `append`, and ids unique across the whole batch. */
export function validateAppendMany(requests: readonly AppendManyRequest[]): void {
  for (const request of requests) validateAppend(request.streamId, request.events);
  const ids = new Set(requests.flatMap((r) => r.events.map((e) => e.id.toLowerCase())));
  if (ids.size !== requests.reduce((n, r) => n + r.events.length, 0)) {
    throw new TypeError('appendMany: event ids must be unique within a batch');
  }
}
