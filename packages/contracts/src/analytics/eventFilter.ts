import { z } from 'zod';
import { channelSchema } from '../channel.ts';
import { touchpointTypeSchema } from '../touchpoint.ts';

/** Most `data.<path>` conditions one event filter holds. */
export const MAX_PROPERTY_CONDITIONS = 5;

/** `data` paths are dotted object keys, at most 5 deep: `amount`, `items.sku`, `utm.source`. */
const dataPathSchema = z
  .string()
  .regex(
    /^[A-Za-z_$][\w$-]*(\.[A-Za-z_$][\w$-]*){0,4}$/,
    'must be a dotted path of at most 5 keys, e.g. "utm.source"',
  );

/**
 * Which events a step (or a start / return / anchor event) means: every given condition must hold.
 * `type` is the touchpoint type, `event` the client's own event name (Segment track event, page or
 * screen name), `channel` where it happened, `properties` equality on `data.<path>` (a string,
 * number or boolean compared with the stored JSON value, so `"20"` does not equal `20`).
 */
export const eventFilterSchema = z
  .strictObject({
    type: touchpointTypeSchema.optional(),
    event: z.string().min(1).max(200).optional(),
    channel: channelSchema.optional(),
    properties: z
      .record(dataPathSchema, z.union([z.string().max(500), z.number(), z.boolean()]))
      .refine((value) => Object.keys(value).length <= MAX_PROPERTY_CONDITIONS, {
        message: `must hold at most ${MAX_PROPERTY_CONDITIONS} conditions`,
      })
      .optional(),
  })
  .refine((value) => value.type !== undefined || value.event !== undefined, {
    message: 'type or event is required',
    path: ['type'],
  });

export type EventFilter = z.output<typeof eventFilterSchema>;

const DAY_MS = 86_400_000;
/** The longest `from`..`to` range a query may span. */
export const MAX_RANGE_DAYS = 732;

const isValidTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** An IANA time zone name (`Europe/Berlin`, `UTC`). */
export const timeZoneSchema = z
  .string()
  .max(64)
  .refine(isValidTimeZone, 'must be an IANA time zone, e.g. "Europe/Berlin"');

/** The `from` (inclusive) .. `to` (exclusive) range every analytics query takes. */
export const timeRangeShape = {
  from: z.iso.datetime({ offset: true }).describe('Start of the range, inclusive (ISO 8601)'),
  to: z.iso.datetime({ offset: true }).describe('End of the range, exclusive (ISO 8601)'),
};

/** Checks `from` < `to` and the range's length; issues name `to`. */
export const checkTimeRange = (value: { from: string; to: string }, ctx: z.RefinementCtx): void => {
  const span = Date.parse(value.to) - Date.parse(value.from);
  if (span <= 0) ctx.addIssue({ code: 'custom', message: 'must be after from', path: ['to'] });
  else if (span > MAX_RANGE_DAYS * DAY_MS)
    ctx.addIssue({
      code: 'custom',
      message: `must be at most ${MAX_RANGE_DAYS} days after from`,
      path: ['to'],
    });
};
