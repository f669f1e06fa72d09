import type { IdentityLink } from './identityLink.ts';
import { resolveCanonical } from './resolveCanonical.ts';

/** One row of the identity map: a key, its canonical customer key, and the row's version. */
export interface IdentityMapEntry {
  readonly customerKey: string;
  readonly canonicalKey: string;
  /** Highest link position in the key's connected component: grows whenever that part changes. */
  readonly version: number;
  /**
   * Every key with the same canonical key (itself and the canonical key among them), sorted: a
   * reader gets a customer's keys from any one of them in one lookup. Rows of a component are all
   * rewritten whenever it changes, so these lists never go stale.
   */
  readonly memberKeys: readonly string[];
}

/**
 * The map rows for every key named by `links`, one per key, sorted by key. `links` must hold whole
 * connected components (every link touching any of their keys), since a key's canonical key
 * depends on links anywhere in its component. Each row's version is the highest link position of
 * its component (links joined through any shared key, either direction), so a newer state of a
 * component always carries a version at least as high as any older state of any part of it.
 * Pure; depends only on the set of links.
 */
export function identityMapEntries(links: readonly IdentityLink[]): IdentityMapEntry[] {
  const parent = new Map<string, string>();
  const find = (key: string): string => {
    let root = key;
    while (parent.get(root) !== root) root = parent.get(root)!;
    let walk = key;
    while (walk !== root) {
      const up = parent.get(walk)!;
      parent.set(walk, root);
      walk = up;
    }
    return root;
  };
  for (const { fromKey, toKey } of links) {
    if (!parent.has(fromKey)) parent.set(fromKey, fromKey);
    if (!parent.has(toKey)) parent.set(toKey, toKey);
    const a = find(fromKey);
    const b = find(toKey);
    if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
  }
  const version = new Map<string, number>();
  for (const link of links) {
    const root = find(link.fromKey);
    version.set(root, Math.max(version.get(root) ?? 0, link.position));
  }
  const canonical = resolveCanonical(links);
  const keys = [...parent.keys()].sort();
  const members = new Map<string, string[]>();
  for (const key of keys) {
    const to = canonical.get(key)!;
    members.set(to, [...(members.get(to) ?? []), key]);
  }
  return keys.map((customerKey) => ({
    customerKey,
    canonicalKey: canonical.get(customerKey)!,
    version: version.get(find(customerKey))!,
    memberKeys: members.get(canonical.get(customerKey)!)!,
  }));
}
