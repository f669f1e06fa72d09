import { STREAM_ERASED } from '@touchline/event-store';
import { identityLinks, parseCustomerStreamId } from '@touchline/journey';
import type { SourcedEvent } from '@touchline/streams';

/** What a batch changed, per project: customer keys touched, and keys whose stream was erased. */
export interface AffectedCustomers {
  readonly touched: Map<string, Set<string>>;
  readonly erased: Map<string, Set<string>>;
}

const add = (map: Map<string, Set<string>>, projectId: string, key: string) => {
  const keys = map.get(projectId) ?? new Set<string>();
  keys.add(key);
  map.set(projectId, keys);
};

const touchpointOwner = (data: unknown): { projectId: string; customerKey: string } | undefined => {
  if (typeof data !== 'object' || data === null || !('channel' in data)) return undefined;
  const { projectId, customerKey } = data as Record<string, unknown>;
  return typeof projectId === 'string' && typeof customerKey === 'string'
    ? { projectId, customerKey }
    : undefined;
};

/**
 * The customers whose derived state a batch can change: owners of touchpoints, both ends of
 * identity links, and erased streams. Derived facts (stage changes, SLA breaches) change no
 * state, so the projector's own write-back does not feed itself. Pure.
 */
export function affectedCustomers(events: readonly SourcedEvent[]): AffectedCustomers {
  const touched = new Map<string, Set<string>>();
  const erased = new Map<string, Set<string>>();
  for (const event of events) {
    const owner = touchpointOwner(event.data);
    if (owner) {
      add(touched, owner.projectId, owner.customerKey);
      continue;
    }
    const stream = parseCustomerStreamId(event.streamId);
    if (!stream) continue;
    if (event.type === STREAM_ERASED) {
      add(erased, stream.projectId, stream.customerKey);
      add(touched, stream.projectId, stream.customerKey);
      continue;
    }
    for (const link of identityLinks(event)) {
      add(touched, stream.projectId, link.fromKey);
      add(touched, stream.projectId, link.toKey);
    }
  }
  return { touched, erased };
}
