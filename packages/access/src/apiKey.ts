import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** w: write (ingest only), r: read (queries only), a: admin (projects, keys, campaigns). */
export type KeyKind = 'write' | 'read' | 'admin';

const PREFIX: Record<KeyKind, string> = { write: 'w', read: 'r', admin: 'a' };
const KIND_OF: Record<string, KeyKind> = { w: 'write', r: 'read', a: 'admin' };

export interface ParsedKey {
  readonly kind: KeyKind;
  readonly keyId: string;
  readonly secret: string;
}

/** Keys look like `tl_w_<12 hex id>_<43 base64url secret>`: the kind and id are readable in logs, the secret never is. */
const FORMAT = /^tl_([wra])_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export function generateApiKey(kind: KeyKind): ParsedKey & { readonly token: string } {
  const keyId = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { kind, keyId, secret, token: `tl_${PREFIX[kind]}_${keyId}_${secret}` };
}

export function parseApiKey(token: string): ParsedKey | undefined {
  const match = FORMAT.exec(token);
  if (!match) return undefined;
  return { kind: KIND_OF[match[1]!]!, keyId: match[2]!, secret: match[3]! };
}

/** Secrets are 256 random bits, so a plain SHA-256 is enough; no slow password hash needed. */
export const hashSecret = (secret: string): string =>
  createHash('sha256').update(secret).digest('hex');

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
