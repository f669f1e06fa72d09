import type { Warehouse } from '@touchline/warehouse';
import {
  customerStateProjection,
  type CustomerStateProjection,
  type CustomerStateProjectionOptions,
} from './customerStateProjection.ts';
import { identityProjection } from './identityProjection.ts';
import type { Projection } from './projection.ts';
import { timelineProjection } from './timelineProjection.ts';

/** Every read model the projector keeps, in pipeline order (later ones read earlier ones). */
export interface JourneyProjections {
  readonly timeline: Projection;
  readonly identity: Projection;
  readonly customerState: CustomerStateProjection;
  /** The three, in order. */
  readonly all: readonly Projection[];
}

export const PROJECTION_NAMES = ['timeline', 'identity', 'customer_state'] as const;

export function journeyProjections(
  options: CustomerStateProjectionOptions & { onTimelineRows?: (count: number) => void },
): JourneyProjections {
  const warehouse: Warehouse = options.warehouse;
  const timeline: Projection = {
    name: 'timeline',
    tables: ['timeline_events'],
    handle: timelineProjection(warehouse, options.onTimelineRows),
  };
  const identity: Projection = {
    name: 'identity',
    tables: ['identity_links', 'identity_map', 'identity_members'],
    handle: identityProjection(warehouse),
  };
  const customerState = customerStateProjection(options);
  return { timeline, identity, customerState, all: [timeline, identity, customerState] };
}

/**
 * The projections a rebuild of `names` must include: each named one and every one after it in
 * the pipeline, since later read models are computed from earlier ones.
 */
export function projectionsToRebuild(
  projections: JourneyProjections,
  names: readonly string[],
): Projection[] {
  const unknown = names.filter((n) => !(PROJECTION_NAMES as readonly string[]).includes(n));
  if (unknown.length > 0)
    throw new RangeError(
      `Unknown projection ${unknown.join(', ')}; known: ${PROJECTION_NAMES.join(', ')}`,
    );
  const first = Math.min(...names.map((n) => (PROJECTION_NAMES as readonly string[]).indexOf(n)));
  return projections.all.slice(names.length === 0 ? 0 : first);
}
