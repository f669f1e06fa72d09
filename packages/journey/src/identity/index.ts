export type { IdentityLink } from './identityLink.ts';
export {
  identityLinks,
  IDENTITY_ALIASED,
  IDENTITY_LINKED,
  type IdentityFactEvent,
} from './identityLinks.ts';
export { compareLinks, resolveCanonical } from './resolveCanonical.ts';
export { identityMapEntries, type IdentityMapEntry } from './identityMapEntries.ts';
