import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseOrThrow } from '@touchline/contracts';
import type { Authenticate } from '@touchline/runtime';
import { pageCursor } from './pageCursor.ts';
import { readWorklist, type WorklistItem, type Warehouse } from '@touchline/warehouse';

export interface WorklistOptions {
  readonly warehouse: Warehouse;
  readonly authenticate: Authenticate;
}

/** Lifecycle stages (`@touchline/journey` LIFECYCLE_STAGES). */
const STAGES = [
  'prospect',
  'new',
  'growing',
  'loyal',
  'at_risk',
  'churned',
  'reactivated',
] as const;
/** Churn rule signals and the model's `lowPAlive`. */
const REASONS = [
  'silence',
  'frequencyDrop',
  'npsDetractor',
  'lowCsat',
  'complaintPastSla',
  'repeatedContacts',
  'planDowngrade',
  'lowPAlive',
] as const;
/** Value tiers of the RFM monetary score (`worklistSegment`). */
const SEGMENTS = ['high_value', 'mid_value', 'low_value', 'no_orders'] as const;

const worklistQuery = z.strictObject({
  stage: z.enum(STAGES).optional(),
  reason: z.enum(REASONS).optional(),
  segment: z.enum(SEGMENTS).optional(),
  minScore: z.coerce.number().min(0).max(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().min(1).max(400).optional(),
});

/** A worklist page ends at its last item: (valueAtRisk, customerId). */
const cursor = pageCursor(
  z.object({ valueAtRisk: z.number().finite(), customerId: z.string().min(1).max(200) }),
  'list',
);

export interface WorklistResponse {
  readonly projectId: string;
  readonly items: readonly WorklistItem[];
  /** Pass as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

/**
 * `GET /v1/worklist` with a read key: the key's project's customers with an open churn warning,
 * highest value at risk first (ties by customer id), each with score, stage, segment and reasons
 * (signal, explanation, evidence ids). Filters `stage`, `reason`, `segment`, `minScore`; `limit`
 * 1–500 (default 50); `cursor` from the previous page's `nextCursor`. Any other parameter or an
 * invalid value is `400 TL_INVALID_FIELD` naming the field.
 */
export function worklistRoutes(
  app: FastifyInstance,
  options: WorklistOptions,
  done: (error?: Error) => void,
): void {
  app.get('/v1/worklist', async (request): Promise<WorklistResponse> => {
    const { projectId } = await options.authenticate(request, 'read');
    const query = parseOrThrow(worklistQuery, request.query);
    const items = await readWorklist(options.warehouse, {
      projectId,
      limit: query.limit + 1,
      ...(query.stage === undefined ? {} : { stage: query.stage }),
      ...(query.reason === undefined ? {} : { reason: query.reason }),
      ...(query.segment === undefined ? {} : { segment: query.segment }),
      ...(query.minScore === undefined ? {} : { minScore: query.minScore }),
      ...(query.cursor === undefined ? {} : { after: cursor.decode(query.cursor) }),
    });
    const page = items.slice(0, query.limit);
    const more = items.length > query.limit;
    return {
      projectId,
      items: page,
      nextCursor: more
        ? cursor.encode({
            valueAtRisk: page.at(-1)!.valueAtRisk,
            customerId: page.at(-1)!.customerId,
          })
        : null,
    };
  });
  done();
}
