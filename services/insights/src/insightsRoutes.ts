import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ApiError,
  customerIdSchema,
  parseOrThrow,
  timelineQuerySchema,
} from '@touchline/contracts';
import type { Authenticate } from '@touchline/runtime';
import { pageCursor } from './pageCursor.ts';
import {
  readCustomerView,
  readTimeline,
  type CustomerView,
  type TimelineEntry,
  type Warehouse,
} from '@touchline/warehouse';

export interface InsightsOptions {
  readonly warehouse: Warehouse;
  readonly authenticate: Authenticate;
}

const timelineParams = z.object({ customerId: customerIdSchema });
/** A timeline page ends at its last entry: (occurredAt, id). */
const cursor = pageCursor(z.object({ occurredAt: z.iso.datetime(), id: z.uuid() }), 'timeline');

export interface TimelineResponse {
  readonly projectId: string;
  readonly customerId: string;
  readonly events: readonly TimelineEntry[];
  /** Pass as `cursor` (with the same filters) for the next, older page; null on the last page. */
  readonly nextCursor: string | null;
}

/**
 * `GET /v1/customers/:customerId/timeline` with a read key: a customer's touchpoints, newest first,
 * in the key's project only, `limit` (1-1000, default 100) at a time with a `nextCursor` to the
 * next page; filters `channel` and `type` (comma-separated, any of them) and `from` / `to`
 * (ISO 8601, `occurredAt` in [from, to)). Any other parameter or a bad value is
 * `400 TL_INVALID_FIELD` naming the field.
 * `GET /v1/customers/:customerId` with a read key: the customer's profile, lifecycle stage with
 * its history, and service cases (customer 360).
 * `customerId` is the user id, or `anon:<anonymousId>` for a visitor not yet identified; any of a
 * customer's ids gives the same (identity-unified) answer.
 */
export function insightsRoutes(
  app: FastifyInstance,
  options: InsightsOptions,
  done: (error?: Error) => void,
): void {
  app.get('/v1/customers/:customerId/timeline', async (request): Promise<TimelineResponse> => {
    const { projectId } = await options.authenticate(request, 'read');
    const { customerId } = parseOrThrow(timelineParams, request.params);
    const query = parseOrThrow(timelineQuerySchema, request.query);
    const rows = await readTimeline(options.warehouse, {
      projectId,
      customerKey: customerId,
      limit: query.limit + 1,
      channels: query.channel,
      types: query.type,
      from: query.from,
      to: query.to,
      before: query.cursor === undefined ? undefined : cursor.decode(query.cursor),
    });
    const events = rows.slice(0, query.limit);
    const more = rows.length > query.limit;
    return {
      projectId,
      customerId,
      events,
      nextCursor: more
        ? cursor.encode({ occurredAt: events.at(-1)!.occurredAt, id: events.at(-1)!.id })
        : null,
    };
  });

  app.get(
    '/v1/customers/:customerId',
    async (request): Promise<{ projectId: string; customer: CustomerView }> => {
      const { projectId } = await options.authenticate(request, 'read');
      const { customerId } = parseOrThrow(timelineParams, request.params);
      const customer = await readCustomerView(options.warehouse, projectId, customerId);
      if (!customer)
        throw new ApiError('TL_NOT_FOUND', `No customer ${customerId} in ${projectId}`);
      return { projectId, customer };
    },
  );
  done();
}
