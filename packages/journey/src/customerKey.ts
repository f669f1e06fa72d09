/** The key of a customer's stream: the known user id, else the anonymous id with an `anon:` prefix. */
export function customerKey(ids: {
  userId?: string | undefined;
  anonymousId?: string | undefined;
}): string {
  if (ids.userId !== undefined) return ids.userId;
  if (ids.anonymousId !== undefined) return `anon:${ids.anonymousId}`;
  throw new TypeError('customerKey needs a userId or an anonymousId');
}

/** Project ids are lower-case slugs, so `customer-<project>-<key>` parses back unambiguously. */
export const PROJECT_ID_PATTERN = /^[a-z0-9_]{1,64}$/;

export function customerStreamId(projectId: string, key: string): string {
  if (!PROJECT_ID_PATTERN.test(projectId)) throw new TypeError(`Invalid project id "${projectId}"`);
  return `customer-${projectId}-${key}`;
}

/** Splits `customer-<project>-<key>` back into its parts (undefined for other streams). */
export function parseCustomerStreamId(
  streamId: string,
): { projectId: string; customerKey: string } | undefined {
  const match = /^customer-([a-z0-9_]{1,64})-(.+)$/s.exec(streamId);
  return match ? { projectId: match[1]!, customerKey: match[2]! } : undefined;
}
