import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import {
  ApiError,
  assertJsonSafe,
  parseOrThrow,
  touchpointBatchSchema,
  touchpointInputSchema,
} from '@touchline/contracts';
import type { EventStore } from '@touchline/event-store';
import { touchpointEvent } from '@touchline/journey';
import type { Authenticate } from '@touchline/runtime';
import {
  appendTouchpoints,
  batchOutcome,
  throwIfRejected,
  type ItemResult,
  type PreparedItem,
} from './appendTouchpoints.ts';

export interface IngestOptions {
  readonly store: EventStore;
  readonly authenticate: Authenticate;
  readonly source: string;
}

/** Per touchpoint and per request, as Segment's HTTP API. */
export const MAX_TOUCHPOINT_BYTES = 32 * 1024;
export const MAX_BATCH_BYTES = 500 * 1024;

export interface TouchpointAccepted {
  readonly id: string;
  readonly streamId: string;
  readonly duplicate: boolean;
}

export interface BatchAnswer {
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: number;
  readonly results: readonly ItemResult[];
}

const byteSize = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

/**
 * `POST /v1/touchpoints` with a write key: one touchpoint, or `{ "batch": [...] }` of up to 500.
 * Answers only after the append is durable. A single touchpoint answers 201 (200 when its `id`
 * was stored before). A batch is one transaction and answers per item: 200 when every item was
 * accepted or a duplicate, 207 when some were rejected (the others are stored), 400 when all were.
 */
export function ingestRoutes(
  app: FastifyInstance,
  options: IngestOptions,
  done: (error?: Error) => void,
): void {
  const prepare = (
    projectId: string,
    index: number,
    input: unknown,
    prefix: string,
  ): PreparedItem => {
    assertJsonSafe(input, prefix);
    if (byteSize(input) > MAX_TOUCHPOINT_BYTES) {
      throw new ApiError(
        'TL_PAYLOAD_TOO_LARGE',
        `A touchpoint may be at most ${MAX_TOUCHPOINT_BYTES} bytes`,
        {
          ...(prefix ? { field: prefix } : {}),
        },
      );
    }
    const touchpoint = parseOrThrow(touchpointInputSchema, input, prefix);
    const { streamId, event } = touchpointEvent({
      touchpoint,
      projectId,
      eventId: touchpoint.id ?? randomUUID(),
      receivedAt: new Date(),
      source: options.source,
    });
    return { index, streamId, events: [event] };
  };

  app.post('/v1/touchpoints', { bodyLimit: MAX_BATCH_BYTES }, async (request, reply) => {
    const { projectId } = await options.authenticate(request, 'write');
    const body = request.body;
    if (typeof body === 'object' && body !== null && 'batch' in body) {
      const { batch } = parseOrThrow(touchpointBatchSchema, body);
      const rejected: ItemResult[] = [];
      const prepared: PreparedItem[] = [];
      batch.forEach((item, index) => {
        try {
          prepared.push(prepare(projectId, index, item, `batch[${index}]`));
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          rejected.push({
            index,
            status: 'rejected',
            code: error.code,
            message: error.message,
            ...(error.field ? { field: error.field } : {}),
          });
        }
      });
      const stored = await appendTouchpoints(options.store, prepared);
      const { status, ...answer } = batchOutcome(rejected, stored);
      request.log.info(
        { projectId, accepted: answer.accepted, rejected: answer.rejected },
        'batch appended',
      );
      return reply.code(status).send(answer satisfies BatchAnswer);
    }
    assertJsonSafe(body);
    if (byteSize(body) > MAX_TOUCHPOINT_BYTES) {
      throw new ApiError(
        'TL_PAYLOAD_TOO_LARGE',
        `A touchpoint may be at most ${MAX_TOUCHPOINT_BYTES} bytes`,
      );
    }
    const item = prepare(projectId, 0, body, '');
    const [result] = await appendTouchpoints(options.store, [item]);
    throwIfRejected(result!);
    const duplicate = result!.status === 'duplicate';
    request.log.info(
      { projectId, eventId: result!.id, streamId: item.streamId, duplicate },
      'touchpoint appended',
    );
    const answer: TouchpointAccepted = { id: result!.id!, streamId: item.streamId, duplicate };
    return reply.code(duplicate ? 200 : 201).send(answer);
  });
  done();
}
