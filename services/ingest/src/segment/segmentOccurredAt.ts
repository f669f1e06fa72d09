/** What the server knows about when a Segment message happened. */
export interface SegmentClock {
  /** The client's `timestamp` (ISO), when it sent one. */
  readonly timestamp?: string | undefined;
  /** The client's `sentAt` (ISO): the message's own, else the batch's. */
  readonly sentAt?: string | undefined;
  readonly receivedAt: Date;
}

const parsed = (iso: string | undefined): number | undefined => {
  if (iso === undefined) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
};

/**
 * When the message happened, corrected for the client's clock skew as Segment does:
 * `receivedAt − (sentAt − timestamp)` when both client times are valid, else the `timestamp` as
 * sent, else `receivedAt`. Pure; UTC ISO with milliseconds.
 */
export function segmentOccurredAt(clock: SegmentClock): string {
  const timestamp = parsed(clock.timestamp);
  const sentAt = parsed(clock.sentAt);
  const received = clock.receivedAt.getTime();
  if (timestamp === undefined) return new Date(received).toISOString();
  if (sentAt === undefined) return new Date(timestamp).toISOString();
  return new Date(received - (sentAt - timestamp)).toISOString();
}
