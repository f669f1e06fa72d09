import type { SegmentMessage } from '@touchline/contracts';
import { deterministicUuid, type NewEvent } from '@touchline/event-store';

/** An identify call tied an anonymous visitor to a known user. */
export const IDENTITY_LINKED = 'identity.linked';
/** An alias call said the user was known by another id before. */
export const IDENTITY_ALIASED = 'identity.aliased';

export interface IdentityLinked {
  readonly userId: string;
  readonly anonymousId: string;
  readonly source: 'identify';
}

export interface IdentityAliased {
  readonly userId: string;
  readonly previousId: string;
}

/**
 * The identity fact a Segment call asserts, appended after its touchpoint on the user's stream:
 * `identity.linked` for an identify carrying both ids, `identity.aliased` for an alias; undefined
 * for other calls. Its id derives from the touchpoint's, so a retry is a duplicate too. Its data
 * has no `customerKey` or `channel`, so the timeline does not show it as a touchpoint. Pure.
 */
export function identityFact(
  message: SegmentMessage,
  touchpointId: string,
  metadata: Record<string, unknown>,
): NewEvent | undefined {
  const id = deterministicUuid(`identity:${touchpointId}`);
  if (
    message.type === 'identify' &&
    message.userId !== undefined &&
    message.anonymousId !== undefined
  ) {
    const data: IdentityLinked = {
      userId: message.userId,
      anonymousId: message.anonymousId,
      source: 'identify',
    };
    return { id, type: IDENTITY_LINKED, data, metadata };
  }
  if (message.type === 'alias') {
    const data: IdentityAliased = { userId: message.userId, previousId: message.previousId };
    return { id, type: IDENTITY_ALIASED, data, metadata };
  }
  return undefined;
}
