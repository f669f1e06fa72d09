import { z } from 'zod';
import { isCatalogueType, TOUCHPOINT_CATALOGUE } from './catalogue/touchpointCatalogue.ts';
import { channelSchema } from './channel.ts';

/** Ids a client library emits when it has none; accepting them would merge strangers into one customer. */
const PLACEHOLDER_IDS = new Set([
  'null',
  'undefined',
  'nil',
  'none',
  '0',
  '-1',
  'nan',
  '[object object]',
]);

export const customerIdSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .refine((value) => !PLACEHOLDER_IDS.has(value.toLowerCase()), 'is a placeholder, not an id');

/** Touchpoint types are dotted lower-case names: `order.placed`, `page.viewed`, `case.opened`. */
export const touchpointTypeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*){1,3}$/, 'must look like "order.placed"')
  .max(100);

/** Types outside the catalogue live here, with free-form data: `custom.webinar_attended`. */
export const CUSTOM_TYPE_PREFIX = 'custom.';

/** What a client may send: a catalogue type (its data is typed) or a `custom.*` one. */
const acceptedTypeSchema = touchpointTypeSchema.refine(
  (type) => isCatalogueType(type) || type.startsWith(CUSTOM_TYPE_PREFIX),
  'must be a catalogue type (GET /v1/schemas lists them) or start with "custom.", e.g. "custom.webinar_attended"',
);

const jsonObject = z.record(z.string(), z.unknown());

/**
 * A touchpoint as a client sends it to `POST /v1/touchpoints`. For a catalogue type `data` must
 * match the type's schema; an issue there names the field inside it, e.g. `data.score`.
 */
export const touchpointInputSchema = z
  .strictObject({
    id: z.uuid().optional().describe('Client-chosen event id (UUID) for idempotent retries'),
    type: acceptedTypeSchema,
    channel: channelSchema,
    userId: customerIdSchema.optional(),
    anonymousId: customerIdSchema.optional(),
    occurredAt: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('When it happened (client clock); default: now'),
    data: jsonObject.default({}),
    context: jsonObject.optional(),
  })
  .refine((value) => value.userId !== undefined || value.anonymousId !== undefined, {
    message: 'userId or anonymousId is required',
    path: ['userId'],
  })
  .superRefine((value, ctx) => {
    if (!isCatalogueType(value.type)) return;
    const result = TOUCHPOINT_CATALOGUE[value.type].data.safeParse(value.data);
    if (result.success) return;
    for (const issue of result.error.issues) {
      ctx.addIssue({ ...issue, path: ['data', ...issue.path] });
    }
  });

export type TouchpointInput = z.input<typeof touchpointInputSchema>;
export type ValidTouchpoint = z.output<typeof touchpointInputSchema>;

/** Most touchpoints `POST /v1/touchpoints` takes in one request as `{ batch: [...] }`. */
export const MAX_BATCH_SIZE = 500;

/**
 * The envelope of a batch: `batch` is an array of 1..500 objects. Only the envelope: the route
 * validates each item with `touchpointInputSchema` (prefix `batch[i]`), so one bad item does not
 * fail the others.
 */
export const touchpointBatchSchema = z.strictObject({
  batch: z
    .array(jsonObject)
    .min(1, 'must hold at least one touchpoint')
    .max(MAX_BATCH_SIZE, `must hold at most ${MAX_BATCH_SIZE} touchpoints`),
});

export type TouchpointBatch = z.output<typeof touchpointBatchSchema>;

/**
 * What the store holds as the event's data: what the client asserted, normalised. What the server
 * observed (receivedAt, source) is event metadata, so a retried request carries identical data
 * and is recognised as a duplicate rather than a conflicting reuse of its id.
 */
export interface TouchpointRecord {
  readonly specversion: '1.0';
  readonly schemaVersion: 1;
  readonly projectId: string;
  readonly customerKey: string;
  readonly userId?: string;
  readonly anonymousId?: string;
  readonly channel: string;
  /** Client clock, UTC; absent when the client sent none (then metadata.receivedAt applies). */
  readonly occurredAt?: string;
  readonly data: Record<string, unknown>;
  readonly context?: Record<string, unknown>;
  /** Segment: the track call's event name, or the page / screen name. */
  readonly event?: string;
  /** Segment: traits sent with a call whose `data` holds properties (identify/group keep them in `data`). */
  readonly traits?: Record<string, unknown>;
  /** Segment group call: the account or organisation. */
  readonly groupId?: string;
  /** Segment alias call: the id the user was known by before `userId`. */
  readonly previousId?: string;
  /** Segment: which destinations the client meant the call for, kept as sent. */
  readonly integrations?: Record<string, unknown>;
  /** Segment: the client's message id (the event id derives from it). */
  readonly messageId?: string;
  /** Segment: when the client sent the call (client clock, UTC); used for clock-skew correction. */
  readonly sentAt?: string;
  /**
   * Segment: the `timestamp` as the client sent it (UTC); `occurredAt` holds it corrected for the
   * client's clock skew (`receivedAt − (sentAt − timestamp)`).
   */
  readonly originalTimestamp?: string;
}

/** Server-observed facts about a touchpoint, kept as event metadata. */
export interface TouchpointMetadata {
  readonly receivedAt: string;
  readonly source: string;
}
