import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { tokenBuckets, type AccessStore, type KeyKind } from '@touchline/access';
import { ApiError } from '@touchline/contracts';

export interface AuthContext {
  /** The key's project; `*` for the root token. */
  readonly projectId: string;
  readonly keyId: string;
  readonly kind: KeyKind;
  readonly root: boolean;
}

export type Authenticate = (
  request: FastifyRequest,
  need: KeyKind,
  bodyKey?: unknown,
) => Promise<AuthContext>;

export interface AuthenticatorOptions {
  /** Operator token with admin rights over every project (TL_ROOT_TOKEN). */
  readonly rootToken?: string;
  /** Default requests per second per key, by kind; a key's own limit overrides it. Burst: 2 s worth. */
  readonly rateLimits: Readonly<Record<KeyKind, number>>;
  readonly now?: () => number;
}

/** The key from `Authorization: Bearer …`, Basic auth's user (Segment), or a `writeKey` body field. */
export function presentedKey(request: FastifyRequest, bodyKey?: unknown): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  if (header?.startsWith('Basic ')) {
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    return decoded.split(':')[0] || undefined;
  }
  if (typeof bodyKey === 'string' && bodyKey) return bodyKey;
  return undefined;
}

const sameToken = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Checks the presented key: 401 when missing or unknown, 403 when of the wrong kind, 429 when over
 * the key's rate. A key only ever acts in its own project (tenant isolation); the root token only
 * administers.
 */
export function createAuthenticator(
  access: AccessStore,
  options: AuthenticatorOptions,
): Authenticate {
  const buckets = tokenBuckets();
  const now = options.now ?? Date.now;
  return async (request, need, bodyKey) => {
    const token = presentedKey(request, bodyKey);
    if (!token)
      throw new ApiError('TL_UNAUTHORIZED', 'An API key is required (Authorization: Bearer <key>)');
    if (options.rootToken && sameToken(token, options.rootToken)) {
      if (need !== 'admin')
        throw new ApiError(
          'TL_FORBIDDEN',
          'The root token administers projects; use a project key',
        );
      return { projectId: '*', keyId: 'root', kind: 'admin', root: true };
    }
    const key = await access.verify(token);
    if (!key) throw new ApiError('TL_UNAUTHORIZED', 'Unknown, expired or revoked API key');
    if (key.kind !== need) {
      throw new ApiError(
        'TL_FORBIDDEN',
        `A ${key.kind} key cannot do this; it needs a ${need} key`,
      );
    }
    const perSecond = key.rateLimit ?? options.rateLimits[key.kind];
    const decision = buckets.take(key.keyId, perSecond, perSecond * 2, now());
    if (!decision.allowed) {
      throw new ApiError(
        'TL_RATE_LIMITED',
        `Rate limit of ${perSecond} requests/s exceeded for key ${key.keyId}`,
        {
          retryAfterSeconds: decision.retryAfterSeconds,
        },
      );
    }
    return { projectId: key.projectId, keyId: key.keyId, kind: key.kind, root: false };
  };
}

/** The project a request may touch: its key's own; `projectId` from the path must match it. */
export function scopeToProject(auth: AuthContext, projectId: string): string {
  if (auth.root || auth.projectId === projectId) return projectId;
  throw new ApiError('TL_FORBIDDEN', 'This key belongs to another project', { field: 'projectId' });
}
