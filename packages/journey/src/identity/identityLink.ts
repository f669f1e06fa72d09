/**
 * One identity assertion as an edge between customer keys: events recorded under `fromKey` belong
 * to the customer `toKey` resolves to. Links are only ever added; the map is recomputed from the
 * whole set, so neither delivery order nor re-delivery changes it.
 */
export interface IdentityLink {
  /** The key asserted to be another customer's: `anon:<anonymousId>`, or a previous id. */
  readonly fromKey: string;
  /** The key it now belongs to (a user id). */
  readonly toKey: string;
  /** Global store position of the fact that asserted it: unique per fact, the link's version. */
  readonly position: number;
  /** Id of that fact; one fact may assert several links (with different `fromKey`s). */
  readonly eventId: string;
}
