import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  funnelQuerySchema,
  lifecycleQuerySchema,
  parseOrThrow,
  pathsQuerySchema,
  retentionQuerySchema,
  serviceQuerySchema,
  timelineQuerySchema,
} from '@touchline/contracts';
import type { Authenticate } from '@touchline/runtime';
import {
  funnelAnalysis,
  lifecycleAnalysis,
  pathsAnalysis,
  retentionAnalysis,
  serviceKpis,
  type Warehouse,
} from '@touchline/warehouse';

export interface AnalyticsOptions {
  readonly warehouse: Warehouse;
  readonly authenticate: Authenticate;
}

const ROUTES = [
  {
    path: '/v1/analytics/funnel',
    schema: funnelQuerySchema,
    summary: 'Conversion funnel: customers per step, by breakdown, with time to convert',
  },
  {
    path: '/v1/analytics/retention',
    schema: retentionQuerySchema,
    summary: 'Cohort retention: customers per start period and how many came back each period',
  },
  {
    path: '/v1/analytics/paths',
    schema: pathsQuerySchema,
    summary: 'Paths: the most frequent sequences of events after or before an event',
  },
  {
    path: '/v1/analytics/lifecycle',
    schema: lifecycleQuerySchema,
    summary: 'Lifecycle: customers per stage at the end of each period, and the transition matrix',
  },
  {
    path: '/v1/analytics/service',
    schema: serviceQuerySchema,
    summary:
      'Service KPIs per period and channel: response and resolution times, first-contact resolution, SLA breaches, CSAT, NPS',
  },
] as const;

/** The OpenAPI 3.1 document of the analytics routes, built from their zod request schemas. */
export function analyticsOpenApi(): Record<string, unknown> {
  const error = {
    description: 'Error: `{ error: { code, message, field? } }`',
    content: { 'application/json': { schema: { type: 'object' } } },
  };
  return {
    openapi: '3.1.0',
    info: { title: 'Touchline journey analytics', version: '1' },
    components: {
      securitySchemes: { readKey: { type: 'http', scheme: 'bearer', description: 'Read key' } },
    },
    security: [{ readKey: [] }],
    paths: {
      ...Object.fromEntries(
        ROUTES.map(({ path, schema, summary }) => [
          path,
          {
            post: {
              summary,
              requestBody: {
                required: true,
                content: {
                  'application/json': { schema: z.toJSONSchema(schema, { io: 'input' }) },
                },
              },
              responses: {
                '200': { description: 'The answer, for the key’s project only' },
                '400': error,
                '401': error,
                '403': error,
              },
            },
          },
        ]),
      ),
      '/v1/customers/{customerId}/timeline': {
        get: {
          summary: 'A customer’s identity-unified touchpoints, newest first, a page at a time',
          parameters: [
            {
              name: 'customerId',
              in: 'path',
              required: true,
              description: 'The user id, or anon:<anonymousId>; any of a customer’s ids',
              schema: { type: 'string' },
            },
            ...queryParameters(timelineQuerySchema),
          ],
          responses: {
            '200': { description: '{ projectId, customerId, events, nextCursor }' },
            '400': error,
            '401': error,
            '403': error,
          },
        },
      },
    },
  };
}

/** OpenAPI query parameters from a zod object schema of a query string (its JSON Schema). */
function queryParameters(schema: z.ZodType): Record<string, unknown>[] {
  const json = z.toJSONSchema(schema, { io: 'input' }) as {
    properties?: Record<string, { description?: string }>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    ...(property.description ? { description: property.description } : {}),
    schema: property,
  }));
}

/**
 * `POST /v1/analytics/funnel`, `/retention`, `/paths`, `/lifecycle` and `/service` with a read key: journey analytics over the
 * key's project only (the project comes from the key, never from the request). `GET /docs` and
 * `GET /docs/openapi.json` describe them (OpenAPI 3.1 from the same zod schemas).
 */
export function analyticsRoutes(
  app: FastifyInstance,
  options: AnalyticsOptions,
  done: (error?: Error) => void,
): void {
  const document = analyticsOpenApi();
  app.get('/docs/openapi.json', () => document);
  app.get('/docs', (_request, reply) =>
    reply
      .type('text/html')
      .send(
        '<!doctype html><title>Touchline analytics API</title>' +
          '<p>OpenAPI 3.1 document: <a href="/docs/openapi.json">/docs/openapi.json</a></p>' +
          `<pre>${JSON.stringify(document, null, 2).replace(/</g, '&lt;')}</pre>`,
      ),
  );
  app.post('/v1/analytics/funnel', async (request) => {
    const { projectId } = await options.authenticate(request, 'read');
    const query = parseOrThrow(funnelQuerySchema, request.body);
    return { projectId, ...(await funnelAnalysis(options.warehouse, projectId, query)) };
  });
  app.post('/v1/analytics/retention', async (request) => {
    const { projectId } = await options.authenticate(request, 'read');
    const query = parseOrThrow(retentionQuerySchema, request.body);
    return { projectId, cohorts: await retentionAnalysis(options.warehouse, projectId, query) };
  });
  app.post('/v1/analytics/lifecycle', async (request) => {
    const { projectId } = await options.authenticate(request, 'read');
    const query = parseOrThrow(lifecycleQuerySchema, request.body);
    return { projectId, ...(await lifecycleAnalysis(options.warehouse, projectId, query)) };
  });
  app.post('/v1/analytics/service', async (request) => {
    const { projectId } = await options.authenticate(request, 'read');
    const query = parseOrThrow(serviceQuerySchema, request.body);
    return { projectId, rows: await serviceKpis(options.warehouse, projectId, query) };
  });
  app.post('/v1/analytics/paths', async (request) => {
    const { projectId } = await options.authenticate(request, 'read');
    const query = parseOrThrow(pathsQuerySchema, request.body);
    return { projectId, ...(await pathsAnalysis(options.warehouse, projectId, query)) };
  });
  done();
}
