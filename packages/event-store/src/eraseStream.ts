import { createHash } from 'node:crypto';
import { appendGroup } from './appendGroup.ts';
import type { EraseResult } from './eventStore.ts';
import type { SqlQueryable } from './sqlExecutor.ts';

export const STREAM_ERASED = '$stream.erased';

/** A UUID derived from a name (SHA-256, version nibble 8), so a replayed erasure has the same id. */
export function deterministicUuid(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * GDPR erasure by deletion: every event of the stream is deleted and a tombstone event
 * (`$stream.erased`, no personal data) is appended in its place, in the same transaction. The
 * stream keeps its version counter, so positions are never reused, and the tombstone travels the
 * log like any event: relays publish it and projectors delete their copies.
 */
export async function eraseStream(
  tx: SqlQueryable,
  streamId: string,
  reason: string,
): Promise<EraseResult> {
  const [stream] = await tx.query<{ version: string }>(
    'SELECT version::text AS version FROM tl_streams WHERE stream_id = $1 FOR UPDATE',
    [streamId],
  );
  if (!stream) return { streamId, eventsErased: 0, tombstoneId: undefined };
  const deleted = await tx.query('DELETE FROM tl_events WHERE stream_id = $1 RETURNING 1', [
    streamId,
  ]);
  const version = BigInt(stream.version);
  const tombstoneId = deterministicUuid(`erase:${streamId}:${version}`);
  const [result] = await appendGroup(tx, [
    {
      streamId,
      expectedVersion: version,
      events: [
        {
          id: tombstoneId,
          type: STREAM_ERASED,
          data: {
            streamId,
            reason,
            eventsErased: deleted.length,
            erasedThroughVersion: version.toString(),
          },
        },
      ],
    },
  ]);
  if (result instanceof Error) throw result;
  await tx.query('UPDATE tl_streams SET erased_at = now() WHERE stream_id = $1', [streamId]);
  return { streamId, eventsErased: deleted.length, tombstoneId };
}
