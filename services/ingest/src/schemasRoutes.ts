import type { FastifyInstance } from 'fastify';
import { ApiError, catalogueJsonSchemas, type CatalogueJsonSchema } from '@touchline/contracts';

export interface SchemasAnswer {
  readonly types: readonly CatalogueJsonSchema[];
}

/**
 * `GET /v1/schemas`: the touchpoint catalogue, one JSON Schema per type for its `data` object;
 * `GET /v1/schemas/:type`: one of them, or 404. Public: the schemas hold no customer data.
 */
export function schemasRoutes(
  app: FastifyInstance,
  _options: Record<string, never>,
  done: (error?: Error) => void,
): void {
  const types = catalogueJsonSchemas();
  const byType = new Map(types.map((entry) => [entry.type as string, entry]));
  const answer: SchemasAnswer = { types };

  app.get('/v1/schemas', (_request, reply) => reply.send(answer));

  app.get<{ Params: { type: string } }>('/v1/schemas/:type', (request, reply) => {
    const entry = byType.get(request.params.type);
    if (!entry) {
      throw new ApiError(
        'TL_NOT_FOUND',
        `No catalogue type "${request.params.type}"; GET /v1/schemas lists them (custom.* types have no schema)`,
        { field: 'type' },
      );
    }
    return reply.send(entry);
  });
  done();
}
