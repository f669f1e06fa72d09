import cors, { type FastifyCorsOptions } from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  ApiError,
  assertJsonSafe,
  MAX_SEGMENT_MESSAGE_BYTES,
  MAX_SEGMENT_REQUEST_BYTES,
  parseOrThrow,
  SEGMENT_MESSAGE_SCHEMAS,
  segmentBatchSchema,
  segmentMessageSchema,
  type SegmentCallType,
} from '@touchline/contracts';
import type { EventStore } from '@touchline/event-store';
import type { Authenticate } from '@touchline/runtime';
import {
  appendTouchpoints,
  batchOutcome,
  throwIfRejected,
  type ItemResult,
  type PreparedItem,
} from '../appendTouchpoints.ts';
import { mergeBatchDefaults, type BatchDefaults } from './mergeBatchDefaults.ts';
import { segmentItemResult } from './segmentItemResult.ts';
import { segmentPreparedItem } from './segmentPreparedItem.ts';

export interface SegmentRoutesOptions {
  readonly store: EventStore;
  readonly authenticate: Authenticate;
  readonly source: string;
}

/** The single-call paths: Segment's names and the short ones analytics.js posts to. */
export const SEGMENT_CALL_PATHS: Readonly<Record<string, SegmentCallType>> = Object.freeze({
  '/v1/track': 'track',
  '/v1/t': 'track',
  '/v1/identify': 'identify',
  '/v1/i': 'identify',
  '/v1/page': 'page',
  '/v1/p': 'page',
  '/v1/screen': 'screen',
  '/v1/s': 'screen',
  '/v1/group': 'group',
  '/v1/g': 'group',
  '/v1/alias': 'alias',
  '/v1/a': 'alias',
});

export const SEGMENT_BATCH_PATHS: readonly string[] = Object.freeze(['/v1/batch', '/v1/b']);

/** `{ success: true }` as Segment answers; `duplicate` when the messageId was stored before. */
export interface SegmentCallAnswer {
  readonly success: true;
  readonly duplicate?: true;
}

/** A batch's answer: 200 when nothing was rejected, 207 when some were, 400 when all were. */
export interface SegmentBatchAnswer {
  readonly success: boolean;
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: number;
  readonly results: readonly ItemResult[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const byteSize = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

const isSegmentPath = (url: string) => {
  const path = url.split('?')[0]!;
  return Object.hasOwn(SEGMENT_CALL_PATHS, path) || SEGMENT_BATCH_PATHS.includes(path);
};

/**
 * CORS for the browser (analytics.js), any origin. The plugin adds a catch-all `OPTIONS *` route
 * to the app's router, so preflights of paths other than Segment's get no CORS and a 404.
 */
const corsFor = (request: FastifyRequest): FastifyCorsOptions => ({
  origin: isSegmentPath(request.url) ? '*' : false,
  methods: ['POST', 'OPTIONS'],
  allowedHeaders: ['content-type', 'authorization'],
  maxAge: 24 * 60 * 60,
});

/** The write key as Segment clients send it: Basic-auth user (header), or `writeKey` in the body. */
const bodyWriteKey = (body: unknown): unknown => {
  if (!isObject(body)) return undefined;
  if (body.writeKey !== undefined) return body.writeKey;
  // A batch from analytics.js carries the key on its messages.
  const [first] = Array.isArray(body.batch) ? (body.batch as unknown[]) : [];
  return isObject(first) ? first.writeKey : undefined;
};

const rejection = (index: number, error: ApiError): ItemResult => ({
  index,
  status: 'rejected',
  code: error.code,
  message: error.message,
  ...(error.field ? { field: error.field } : {}),
});

/**
 * Segment's HTTP Tracking API: `POST /v1/{track,identify,page,screen,group,alias}` (and analytics.js'
 * `/v1/{t,i,p,s,g,a}`) take one message, `POST /v1/batch` (`/v1/b`) many. JSON or `text/plain`
 * bodies holding JSON, CORS for browsers, 32 KB per message and 500 KB per request (413 beyond).
 * Every answer comes after the durable append; a batch is one transaction answered per message.
 */
export function segmentRoutes(
  app: FastifyInstance,
  options: SegmentRoutesOptions,
  done: (error?: Error) => void,
): void {
  // analytics.js posts JSON as text/plain to avoid a CORS preflight. Only in this scope.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_request, body, parsed) => {
    try {
      parsed(null, JSON.parse(body as string) as unknown);
    } catch {
      parsed(new ApiError('TL_INVALID_JSON', 'The body is not valid JSON', { field: '(body)' }));
    }
  });
  void app.register(cors, { delegator: (request, callback) => callback(null, corsFor(request)) });

  /** Validates one message; 413 or 400 naming the field (under `prefix`) when it is not valid. */
  const prepare = (
    projectId: string,
    index: number,
    message: unknown,
    prefix: string,
    receivedAt: Date,
    call: SegmentCallType | undefined,
    defaults: BatchDefaults = {},
  ): PreparedItem => {
    assertJsonSafe(message, prefix);
    if (byteSize(message) > MAX_SEGMENT_MESSAGE_BYTES) {
      throw new ApiError(
        'TL_PAYLOAD_TOO_LARGE',
        `A message may be at most ${MAX_SEGMENT_MESSAGE_BYTES} bytes`,
        prefix ? { field: prefix } : {},
      );
    }
    const input = isObject(message) ? mergeBatchDefaults(message, defaults) : message;
    const valid =
      call === undefined
        ? parseOrThrow(segmentMessageSchema, input, prefix)
        : parseOrThrow(
            SEGMENT_MESSAGE_SCHEMAS[call],
            isObject(input) ? { ...input, type: call } : input,
            prefix,
          );
    return segmentPreparedItem({
      message: valid,
      projectId,
      index,
      receivedAt,
      source: options.source,
    });
  };

  const append = async (items: readonly PreparedItem[]) =>
    (await appendTouchpoints(options.store, items)).map(segmentItemResult);

  const route = { bodyLimit: MAX_SEGMENT_REQUEST_BYTES };

  void app.register((scope, _options, registered) => {
    for (const [path, call] of Object.entries(SEGMENT_CALL_PATHS)) {
      scope.post(path, route, async (request, reply) => {
        const { projectId } = await options.authenticate(
          request,
          'write',
          bodyWriteKey(request.body),
        );
        const item = prepare(projectId, 0, request.body, '', new Date(), call);
        const [result] = await append([item]);
        throwIfRejected(result!);
        const duplicate = result!.status === 'duplicate';
        request.log.info(
          { projectId, call, eventId: result!.id, streamId: item.streamId, duplicate },
          'segment call appended',
        );
        const answer: SegmentCallAnswer = duplicate
          ? { success: true, duplicate: true }
          : { success: true };
        return reply.code(200).send(answer);
      });
    }

    for (const path of SEGMENT_BATCH_PATHS) {
      scope.post(path, route, async (request, reply) => {
        const { projectId } = await options.authenticate(
          request,
          'write',
          bodyWriteKey(request.body),
        );
        const { batch, ...defaults } = parseOrThrow(segmentBatchSchema, request.body);
        const receivedAt = new Date();
        const rejected: ItemResult[] = [];
        const prepared: PreparedItem[] = [];
        batch.forEach((message, index) => {
          try {
            prepared.push(
              prepare(
                projectId,
                index,
                message,
                `batch[${index}]`,
                receivedAt,
                undefined,
                defaults,
              ),
            );
          } catch (error) {
            if (!(error instanceof ApiError)) throw error;
            rejected.push(rejection(index, error));
          }
        });
        const stored = await append(prepared);
        const { status, results, ...counts } = batchOutcome(rejected, stored);
        const answer: SegmentBatchAnswer = {
          success: counts.rejected < results.length,
          ...counts,
          results,
        };
        request.log.info(
          { projectId, accepted: answer.accepted, rejected: answer.rejected },
          'segment batch appended',
        );
        return reply.code(status).send(answer);
      });
    }
    registered();
  });
  done();
}
