import { identityLinks, identityMapEntries, parseCustomerStreamId } from '@touchline/journey';
import type { IdentityLink } from '@touchline/journey';
import type { BatchHandler, SourcedEvent } from '@touchline/streams';
import {
  insertIdentityLinks,
  insertIdentityMap,
  readIdentityComponents,
  type Warehouse,
} from '@touchline/warehouse';

/** The identity links a batch asserts, grouped by the project of the stream they were on. */
function linksByProject(events: readonly SourcedEvent[]): Map<string, IdentityLink[]> {
  const byProject = new Map<string, IdentityLink[]>();
  for (const event of events) {
    const links = identityLinks(event);
    if (links.length === 0) continue;
    const customer = parseCustomerStreamId(event.streamId);
    if (!customer) continue;
    byProject.set(customer.projectId, [...(byProject.get(customer.projectId) ?? []), ...links]);
  }
  return byProject;
}

/**
 * Projects identity facts (`identity.linked`, `identity.aliased`) into `identity_links` and the
 * versioned `identity_map`. For each project of a batch: store the new links, load every stored
 * link of the connected components they touch, resolve the canonical keys of the whole components
 * and write a map row for every member, versioned by the component's highest link position.
 * The rows are a function of the set of links, so re-delivery and any arrival order end in the
 * same map. Assumes one writer per project at a time (a single projector, as sources deliver).
 */
export function identityProjection(
  warehouse: Warehouse,
  onProjected?: (links: number) => void,
): BatchHandler {
  return async (events: readonly SourcedEvent[]) => {
    let count = 0;
    for (const [projectId, links] of linksByProject(events)) {
      // Links first: if the map write fails, the retry finds them and recomputes the same rows.
      await insertIdentityLinks(warehouse, projectId, links);
      const keys = links.flatMap((link) => [link.fromKey, link.toKey]);
      const component = await readIdentityComponents(warehouse, projectId, keys);
      await insertIdentityMap(warehouse, projectId, identityMapEntries([...links, ...component]));
      count += links.length;
    }
    onProjected?.(count);
  };
}
