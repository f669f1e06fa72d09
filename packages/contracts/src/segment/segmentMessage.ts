import { z } from 'zod';
import { absentWhenNull } from './absentWhenNull.ts';
import { isCatalogueType, TOUCHPOINT_CATALOGUE } from '../catalogue/touchpointCatalogue.ts';
import { customerIdSchema } from '../touchpoint.ts';

/** The calls of Segment's HTTP Tracking API, as the `type` of a message. */
export const SEGMENT_CALL_TYPES = [
  'track',
  'identify',
  'page',
  'screen',
  'group',
  'alias',
] as const;

export type SegmentCallType = (typeof SEGMENT_CALL_TYPES)[number];

const requiredString = z.string({
  error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string'),
});

/** Ids may come as numbers (`userId: 42`); stored as strings. Placeholders are refused. */
const idSchema = z.preprocess(
  (value) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value),
  requiredString.pipe(customerIdSchema),
);

const jsonObject = z.record(z.string(), z.unknown());

const timestampSchema = z.iso.datetime({
  offset: true,
  error: 'must be an ISO 8601 date-time with a time zone, e.g. "2026-01-31T12:00:00.000Z"',
});

const nameSchema = requiredString
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters');

/**
 * Fields every call may carry. Unknown top-level keys (`_metadata`, `writeKey`, `version`, …) are
 * dropped, as Segment ignores them; `context`, `integrations`, `properties` and `traits` are kept
 * whole.
 */
const common = {
  userId: absentWhenNull(idSchema),
  anonymousId: absentWhenNull(idSchema),
  messageId: absentWhenNull(
    z.string().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  ),
  timestamp: absentWhenNull(timestampSchema),
  sentAt: absentWhenNull(timestampSchema),
  context: absentWhenNull(jsonObject),
  integrations: absentWhenNull(jsonObject),
  traits: absentWhenNull(jsonObject),
};

type Identified = { userId?: string | undefined; anonymousId?: string | undefined };

const needsCustomer = (value: Identified) =>
  value.userId !== undefined || value.anonymousId !== undefined;
const customerRequired = {
  message: 'userId or anonymousId is required',
  path: ['userId'],
};

export const segmentTrackSchema = z
  .object({
    ...common,
    type: z.literal('track'),
    event: nameSchema,
    properties: absentWhenNull(jsonObject),
  })
  .refine(needsCustomer, customerRequired)
  .superRefine((value, ctx) => {
    // A track named exactly like a catalogue type is that typed touchpoint: strict properties.
    if (!isCatalogueType(value.event)) return;
    const result = TOUCHPOINT_CATALOGUE[value.event].data.safeParse(value.properties ?? {});
    if (result.success) return;
    for (const issue of result.error.issues) {
      ctx.addIssue({ ...issue, path: ['properties', ...issue.path] });
    }
  });

export const segmentIdentifySchema = z
  .object({ ...common, type: z.literal('identify') })
  .refine(needsCustomer, customerRequired);

const pageLike = <T extends 'page' | 'screen'>(type: T) =>
  z
    .object({
      ...common,
      type: z.literal(type),
      name: absentWhenNull(nameSchema),
      category: absentWhenNull(nameSchema),
      properties: absentWhenNull(jsonObject),
    })
    .refine(needsCustomer, customerRequired);

export const segmentPageSchema = pageLike('page');
export const segmentScreenSchema = pageLike('screen');

export const segmentGroupSchema = z
  .object({ ...common, type: z.literal('group'), groupId: idSchema })
  .refine(needsCustomer, customerRequired);

export const segmentAliasSchema = z.object({
  ...common,
  type: z.literal('alias'),
  userId: idSchema,
  previousId: idSchema,
});

/** One schema per call, for the single-call endpoints (`/v1/track`, `/v1/t`, …). */
export const SEGMENT_MESSAGE_SCHEMAS = {
  track: segmentTrackSchema,
  identify: segmentIdentifySchema,
  page: segmentPageSchema,
  screen: segmentScreenSchema,
  group: segmentGroupSchema,
  alias: segmentAliasSchema,
} as const satisfies Record<SegmentCallType, z.ZodType>;

/**
 * Any Segment message, told apart by `type` (a batch item). An issue names the field, e.g.
 * `properties.amount`; an unknown or missing `type` names `type`.
 */
export const segmentMessageSchema = z.discriminatedUnion(
  'type',
  [
    segmentTrackSchema,
    segmentIdentifySchema,
    segmentPageSchema,
    segmentScreenSchema,
    segmentGroupSchema,
    segmentAliasSchema,
  ],
  { error: `must be one of ${SEGMENT_CALL_TYPES.join(', ')}` },
);

export type SegmentMessage = z.output<typeof segmentMessageSchema>;
export type SegmentMessageInput = z.input<typeof segmentMessageSchema>;
export type SegmentTrack = z.output<typeof segmentTrackSchema>;
export type SegmentAlias = z.output<typeof segmentAliasSchema>;
