import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseOrThrow, touchpointInputSchema } from '@touchline/contracts';
import type { EventStore } from '@touchline/event-store';
import { touchpointEvent } from '@touchline/journey';

export interface IngestOptions {
  readonly store: EventStore;
  /** Which project a request writes to (keys and tenants come with the auth layer). */
  readonly resolveProject: (request: FastifyRequest) => string;
  readonly source: string;
  /** Largest accepted body in bytes (default 32 KB, Segment's per-event limit). */
  readonly bodyLimit?: number;
}

export interface TouchpointAccepted {
  readonly id: string;
  readonly streamId: string;
  readonly duplicate: boolean;
}

/**
 * `POST /v1/touchpoints`: validates one touchpoint and appends it to the customer's stream.
 * Answers only after the append is durable; a retry with the same `id` answers 200 duplicate.
 */
export function ingestRoutes(
  app: FastifyInstance,
  options: IngestOptions,
  done: (error?: Error) => void,
): void {
  app.post(
    '/v1/touchpoints',
    { bodyLimit: options.bodyLimit ?? 32 * 1024 },
    async (request, reply) => {
      const projectId = options.resolveProject(request);
      const touchpoint = parseOrThrow(touchpointInputSchema, request.body);
      const { streamId, event } = touchpointEvent({
        touchpoint,
        projectId,
        eventId: touchpoint.id ?? randomUUID(),
        receivedAt: new Date(),
        source: options.source,
      });
      const result = await options.store.append(streamId, [event]);
      const duplicate = result.duplicates.length > 0;
      request.log.info(
        { projectId, eventId: event.id, streamId, duplicate },
        'touchpoint appended',
      );
      const body: TouchpointAccepted = { id: event.id, streamId, duplicate };
      return reply.code(duplicate ? 200 : 201).send(body);
    },
  );
  done();
}
