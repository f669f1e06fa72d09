import type { IdentityLink } from './identityLink.ts';

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Total order on links, newest last: store position, then event id and target key for the only
 * ties there can be (the same fact delivered twice, or a hand-made set).
 */
export function compareLinks(a: IdentityLink, b: IdentityLink): number {
  return (
    a.position - b.position ||
    compareText(a.eventId, b.eventId) ||
    compareText(a.toKey, b.toKey) ||
    compareText(a.fromKey, b.fromKey)
  );
}

/**
 * Every key named by `links` → the key of its canonical customer. Pure, and a function of the
 * *set* of links only (order and duplicates do not matter):
 *
 * - each key follows its newest outgoing link (highest store position: a re-identify moves an
 *   anonymous id to the user seen last), and so on, until a key with no outgoing link: that key is
 *   the canonical one;
 * - if the walk comes back to a key it passed (alias u1 → u2, later u2 → u1), the cycle's newest
 *   link decides: its target is canonical for every key that reaches the cycle.
 *
 * Keys absent from `links` are their own canonical key; callers look them up with `?? key`.
 */
export function resolveCanonical(links: Iterable<IdentityLink>): Map<string, string> {
  const next = new Map<string, IdentityLink>();
  const keys = new Set<string>();
  for (const link of links) {
    keys.add(link.fromKey);
    keys.add(link.toKey);
    if (link.fromKey === link.toKey) continue;
    const current = next.get(link.fromKey);
    if (current === undefined || compareLinks(link, current) > 0) next.set(link.fromKey, link);
  }

  const canonical = new Map<string, string>();
  for (const start of keys) {
    if (canonical.has(start)) continue;
    const path: string[] = [];
    const indexOnPath = new Map<string, number>();
    let key = start;
    let result: string;
    for (;;) {
      const known = canonical.get(key);
      if (known !== undefined) {
        result = known;
        break;
      }
      const seenAt = indexOnPath.get(key);
      if (seenAt !== undefined) {
        const cycleLinks = path.slice(seenAt).map((member) => next.get(member)!);
        result = cycleLinks.reduce((a, b) => (compareLinks(a, b) >= 0 ? a : b)).toKey;
        break;
      }
      indexOnPath.set(key, path.length);
      path.push(key);
      const link = next.get(key);
      if (link === undefined) {
        result = key;
        break;
      }
      key = link.toKey;
    }
    for (const member of path) canonical.set(member, result);
  }
  return canonical;
}
