import type { IdentityLink } from './identityLink.ts';

/** Fact type appended by an identify call carrying both ids: `{ userId, anonymousId }`. */
export const IDENTITY_LINKED = 'identity.linked';
/** Fact type appended by an alias call: `{ userId, previousId }`. */
export const IDENTITY_ALIASED = 'identity.aliased';

/** The part of a logged identity fact this needs. */
export interface IdentityFactEvent {
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly globalPosition: bigint | number;
}

const text = (data: unknown, field: string): string | undefined => {
  if (typeof data !== 'object' || data === null) return undefined;
  const value = (data as Record<string, unknown>)[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/**
 * The links an identity fact asserts; none for other events or malformed facts. Pure.
 *
 * - `identity.linked {userId, anonymousId}`: `anon:<anonymousId>` → `userId`.
 * - `identity.aliased {userId, previousId}`: `previousId` → `userId`, and also
 *   `anon:<previousId>` → `userId`. analytics.js sends the visitor's anonymous id as `previousId`
 *   when no user id was known yet, and those events sit under `anon:<previousId>`; the fact does not
 *   say which kind of id it is, so both readings are linked. A key with no events costs nothing.
 *
 * A link from a key to itself says nothing and is left out.
 */
export function identityLinks(event: IdentityFactEvent): IdentityLink[] {
  const position = Number(event.globalPosition);
  const userId = text(event.data, 'userId');
  if (userId === undefined) return [];
  let fromKeys: string[];
  if (event.type === IDENTITY_LINKED) {
    const anonymousId = text(event.data, 'anonymousId');
    fromKeys = anonymousId === undefined ? [] : [`anon:${anonymousId}`];
  } else if (event.type === IDENTITY_ALIASED) {
    const previousId = text(event.data, 'previousId');
    fromKeys = previousId === undefined ? [] : [previousId, `anon:${previousId}`];
  } else {
    return [];
  }
  return fromKeys
    .filter((fromKey) => fromKey !== userId)
    .map((fromKey) => ({ fromKey, toKey: userId, position, eventId: event.id }));
}
