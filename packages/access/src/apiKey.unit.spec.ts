import { describe, expect, it } from 'vitest';
import { generateApiKey, hashSecret, parseApiKey } from './apiKey.ts';

describe('API keys', () => {
  it('round-trip: kind and id readable, secret 256 bits', () => {
    const key = generateApiKey('admin');
    expect(parseApiKey(key.token)).toEqual({ kind: 'admin', keyId: key.keyId, secret: key.secret });
    expect(Buffer.from(key.secret, 'base64url')).toHaveLength(32);
  });

  it('refuses anything else', () => {
    for (const token of [
      '',
      'tl_x_000000000000_' + 'a'.repeat(43),
      'tl_w_00000000000_' + 'a'.repeat(43),
      'Bearer x',
    ]) {
      expect(parseApiKey(token)).toBeUndefined();
    }
  });

  it('hashes deterministically and never to the secret', () => {
    const { secret } = generateApiKey('write');
    expect(hashSecret(secret)).toBe(hashSecret(secret));
    expect(hashSecret(secret)).not.toContain(secret);
  });
});
