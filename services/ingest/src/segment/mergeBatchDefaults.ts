/** What a batch request carries for all of its messages. */
export interface BatchDefaults {
  readonly context?: Record<string, unknown> | undefined;
  readonly integrations?: Record<string, unknown> | undefined;
  readonly sentAt?: string | undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Batch keys under the message's own: the message wins key by key (one level deep). */
const merged = (outer: Record<string, unknown> | undefined, inner: unknown): unknown => {
  if (outer === undefined) return inner;
  if (inner === undefined || inner === null) return { ...outer };
  return isObject(inner) ? { ...outer, ...inner } : inner;
};

/**
 * A batch message with the batch's `context` and `integrations` merged in (the message's own keys
 * win) and the batch's `sentAt` when the message has none, as Segment does. A message field of the
 * wrong type is left as sent, for validation to name it. Pure.
 */
export function mergeBatchDefaults(
  message: Record<string, unknown>,
  defaults: BatchDefaults,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...message };
  const context = merged(defaults.context, message.context);
  if (context !== undefined) out.context = context;
  const integrations = merged(defaults.integrations, message.integrations);
  if (integrations !== undefined) out.integrations = integrations;
  if ((message.sentAt === undefined || message.sentAt === null) && defaults.sentAt !== undefined)
    out.sentAt = defaults.sentAt;
  return out;
}
