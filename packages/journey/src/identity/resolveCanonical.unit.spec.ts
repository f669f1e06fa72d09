import { describe, expect, it } from 'vitest';
import { seededRandom } from '../churn/seededRandom.ts';
import type { IdentityLink } from './identityLink.ts';
import { identityMapEntries } from './identityMapEntries.ts';
import { resolveCanonical } from './resolveCanonical.ts';

const link = (fromKey: string, toKey: string, position: number): IdentityLink => ({
  fromKey,
  toKey,
  position,
  eventId: `e-${position}`,
});

const sorted = (map: Map<string, string>) =>
  Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : 1)));

describe('resolveCanonical', () => {
  it('follows chains: anon → user, then alias user → user2', () => {
    const map = resolveCanonical([link('anon:a', 'u1', 1), link('u1', 'u2', 2)]);
    expect(sorted(map)).toEqual({ 'anon:a': 'u2', u1: 'u2', u2: 'u2' });
  });

  it('two anonymous devices of one user resolve to that user', () => {
    const map = resolveCanonical([link('anon:phone', 'u', 3), link('anon:laptop', 'u', 9)]);
    expect(sorted(map)).toEqual({ 'anon:laptop': 'u', 'anon:phone': 'u', u: 'u' });
  });

  it('a re-identify moves the anonymous id to the user seen last, whatever the arrival order', () => {
    const links = [link('anon:a', 'u1', 5), link('anon:a', 'u2', 8)];
    for (const order of [links, [...links].reverse()]) {
      expect(sorted(resolveCanonical(order))).toEqual({ 'anon:a': 'u2', u1: 'u1', u2: 'u2' });
    }
  });

  it('a cycle resolves to the target of its newest link', () => {
    expect(sorted(resolveCanonical([link('u1', 'u2', 1), link('u2', 'u1', 2)]))).toEqual({
      u1: 'u1',
      u2: 'u1',
    });
    const longer = [
      link('a', 'b', 4),
      link('b', 'c', 9),
      link('c', 'a', 6),
      link('anon:x', 'a', 1),
    ];
    expect(sorted(resolveCanonical(longer))).toEqual({ a: 'c', 'anon:x': 'c', b: 'c', c: 'c' });
  });

  it('ignores duplicates and self-links', () => {
    const map = resolveCanonical([
      link('anon:a', 'u', 1),
      link('anon:a', 'u', 1),
      link('u', 'u', 2),
    ]);
    expect(sorted(map)).toEqual({ 'anon:a': 'u', u: 'u' });
  });

  it('many seeded permutations of a random link set give the same map and rows', () => {
    const random = seededRandom(20260601);
    const pick = (n: number) => Math.floor(random.uniform() * n);
    const keys = [
      ...Array.from({ length: 12 }, (_, i) => `u${i}`),
      ...Array.from({ length: 18 }, (_, i) => `anon:d${i}`),
    ];
    const links: IdentityLink[] = [];
    for (let position = 1; position <= 60; position++) {
      const from = keys[pick(keys.length)]!;
      const to = keys[pick(12)]!; // links point at user ids, so cycles among users happen
      if (from !== to) links.push(link(from, to, position));
    }
    links.push(links[3]!, links[10]!); // re-delivered
    const expectedMap = sorted(resolveCanonical(links));
    const expectedRows = identityMapEntries(links);
    expect(Object.keys(expectedMap).length).toBeGreaterThan(15);
    for (let round = 0; round < 200; round++) {
      const shuffled = [...links];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = pick(i + 1);
        [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      }
      expect(sorted(resolveCanonical(shuffled))).toEqual(expectedMap);
      expect(identityMapEntries(shuffled)).toEqual(expectedRows);
    }
  });
});

describe('identityMapEntries', () => {
  it('one row per key, versioned by the highest link position of its component', () => {
    const u1 = ['anon:a', 'anon:b', 'u1'];
    const u9 = ['anon:c', 'u9'];
    const rows = identityMapEntries([
      link('anon:a', 'u1', 3),
      link('anon:b', 'u1', 11),
      link('anon:c', 'u9', 5),
    ]);
    expect(rows).toEqual([
      { customerKey: 'anon:a', canonicalKey: 'u1', version: 11, memberKeys: u1 },
      { customerKey: 'anon:b', canonicalKey: 'u1', version: 11, memberKeys: u1 },
      { customerKey: 'anon:c', canonicalKey: 'u9', version: 5, memberKeys: u9 },
      { customerKey: 'u1', canonicalKey: 'u1', version: 11, memberKeys: u1 },
      { customerKey: 'u9', canonicalKey: 'u9', version: 5, memberKeys: u9 },
    ]);
  });

  it('a re-identify keeps the old user in the component: its row is rewritten too, without the anonymous key', () => {
    const rows = identityMapEntries([link('anon:a', 'u1', 5), link('anon:a', 'u2', 8)]);
    expect(rows).toEqual([
      { customerKey: 'anon:a', canonicalKey: 'u2', version: 8, memberKeys: ['anon:a', 'u2'] },
      { customerKey: 'u1', canonicalKey: 'u1', version: 8, memberKeys: ['u1'] },
      { customerKey: 'u2', canonicalKey: 'u2', version: 8, memberKeys: ['anon:a', 'u2'] },
    ]);
  });
});
