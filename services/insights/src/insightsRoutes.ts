import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ApiError, customerIdSchema, parseOrThrow } from '@touchline/contracts';
import type { Authenticate } from '@touchline/runtime';
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
const timelineQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export interface TimelineResponse {
  readonly projectId: string;
  readonly customerId: string;
  readonly events: readonly TimelineEntry[];
}

/**
 * `GET /v1/customers/:customerId/timeline` with a read key: a customer's touchpoints, newest first,
 * in the key's project only.
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
    const { limit } = parseOrThrow(timelineQuery, request.query);
    const events = await readTimeline(options.warehouse, {
      projectId,
      customerKey: customerId,
      limit,
    });
    return { projectId, customerId, events };
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
