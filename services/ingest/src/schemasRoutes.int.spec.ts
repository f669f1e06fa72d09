import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE_TYPES } from '@touchline/contracts';
import { createLogger, httpApp } from '@touchline/runtime';
import { schemasRoutes, type SchemasAnswer } from './schemasRoutes.ts';

let app: FastifyInstance;

beforeAll(async () => {
  app = httpApp(createLogger('silent'));
  await app.register(schemasRoutes, {});
  await app.ready();
});

afterAll(async () => {
  await app.close();
});

describe('GET /v1/schemas', () => {
  it('lists every catalogue type with a JSON Schema of its data', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/schemas' });
    expect(response.statusCode).toBe(200);
    const { types } = response.json<SchemasAnswer>();
    expect(types.map((t) => t.type)).toEqual([...CATALOGUE_TYPES]);
    for (const entry of types) {
      expect(entry.version).toBe(1);
      expect(entry.description).toEqual(expect.any(String));
      expect(entry.schema).toMatchObject({ type: 'object', title: entry.type });
      expect(entry.schema.properties).toEqual(expect.any(Object));
    }
  });

  it('serves one type by name', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/schemas/survey.answered' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      type: 'survey.answered',
      version: 1,
      schema: {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        required: ['kind', 'score'],
        additionalProperties: false,
        properties: { kind: { enum: ['csat', 'nps'] }, score: { type: 'integer' } },
      },
    });
  });

  it.each(['order.teleported', 'custom.webinar_attended', 'toString'])(
    'answers 404 TL_NOT_FOUND for %s',
    async (type) => {
      const response = await app.inject({ method: 'GET', url: `/v1/schemas/${type}` });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ error: { code: 'TL_NOT_FOUND', field: 'type' } });
    },
  );
});
