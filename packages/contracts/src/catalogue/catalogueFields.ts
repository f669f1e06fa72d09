import { z } from 'zod';

/**
 * Field types shared by the catalogue's data schemas. They validate only (no transforms or
 * defaults), so a touchpoint's data is stored as sent and every schema has a JSON Schema.
 */

/** A reference to something the client's systems know: an order, a case, a campaign. */
export const idField = z
  .string()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters');

/** A short label: a category, a reason code, a purpose. */
export const labelField = z
  .string()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters');

/** Free text written by a person: a description, a comment. */
export const textField = z.string().max(2000, 'must be at most 2000 characters');

/** A money amount in `currency`; always paired with `currencyField`. */
export const amountField = z.number().nonnegative('must not be negative');

export const currencyField = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as "EUR"')
  .describe('ISO 4217 currency code');

export const timestampField = z.iso.datetime({ offset: true });

/** A positive whole number of loyalty points. */
export const pointsField = z.int().positive('must be at least 1');

/** Who did it (digest §1.3 envelope `actor.type`). */
export const actorTypeField = z.enum([
  'customer',
  'agent',
  'bot',
  'field_engineer',
  'system',
  'operator',
]);

/** Anything else the client wants to keep with the touchpoint; not interpreted. */
export const attributesField = z
  .record(z.string(), z.unknown())
  .describe('Free-form extra fields, stored as sent');

/**
 * A touchpoint's `data` object: the given fields plus an optional `attributes` bag; any other
 * key is refused, so a typo is a 400 rather than a silently lost field.
 */
export function touchpointData<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.strictObject({ ...shape, attributes: attributesField.optional() });
}
