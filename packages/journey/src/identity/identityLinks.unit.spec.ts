import { describe, expect, it } from 'vitest';
import { IDENTITY_ALIASED, IDENTITY_LINKED, identityLinks } from './identityLinks.ts';

const fact = (type: string, data: unknown, position = 7n) => ({
  id: 'e-1',
  type,
  data,
  globalPosition: position,
});

describe('identityLinks', () => {
  it('an identify links the anonymous stream key to the user', () => {
    expect(
      identityLinks(
        fact(IDENTITY_LINKED, { userId: 'u1', anonymousId: 'a1', source: 'identify' }, 42n),
      ),
    ).toEqual([{ fromKey: 'anon:a1', toKey: 'u1', position: 42, eventId: 'e-1' }]);
  });

  it('an alias links previousId both as a user id and as an anonymous id', () => {
    expect(identityLinks(fact(IDENTITY_ALIASED, { userId: 'u2', previousId: 'p' }))).toEqual([
      { fromKey: 'p', toKey: 'u2', position: 7, eventId: 'e-1' },
      { fromKey: 'anon:p', toKey: 'u2', position: 7, eventId: 'e-1' },
    ]);
  });

  it('drops self-links, other events and malformed facts', () => {
    expect(identityLinks(fact(IDENTITY_ALIASED, { userId: 'u', previousId: 'u' }))).toEqual([
      { fromKey: 'anon:u', toKey: 'u', position: 7, eventId: 'e-1' },
    ]);
    expect(identityLinks(fact('page.viewed', { userId: 'u', anonymousId: 'a' }))).toEqual([]);
    expect(identityLinks(fact(IDENTITY_LINKED, { userId: 'u' }))).toEqual([]);
    expect(identityLinks(fact(IDENTITY_LINKED, { userId: '', anonymousId: 'a' }))).toEqual([]);
    expect(identityLinks(fact(IDENTITY_ALIASED, null))).toEqual([]);
  });
});
