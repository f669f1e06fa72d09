import {
  validateAppend as validateAppendShared,
  validateAppendMany as validateAppendManyShared,
  type AppendManyRequest,
  type NewEvent,
} from '@touchline/event-store';

const refuseSystemStream = (streamId: string) => {
  if (streamId.startsWith('$')) {
    throw new TypeError('append: streamId must not start with "$" (KurrentDB system streams)');
  }
};

/** The shared checks, plus KurrentDB's: `$` streams are the server's own. */
export function validateAppend(streamId: string, events: readonly NewEvent[]): void {
  refuseSystemStream(streamId);
  validateAppendShared(streamId, events);
}

export function validateAppendMany(requests: readonly AppendManyRequest[]): void {
  for (const request of requests) refuseSystemStream(request.streamId);
  validateAppendManyShared(requests);
}
