import { START as FROM_START, type Position, type ReadPosition } from '@kurrent/kurrentdb-client';
import { START, parseCheckpoint, toCheckpoint, type Checkpoint } from '@touchline/event-store';

/** A `$all` position as a checkpoint: "<commit>:<prepare>", zero-padded, so string order is log order. */
export const checkpointOf = (position: Position): Checkpoint =>
  toCheckpoint(position.commit, position.prepare);

export function positionOf(checkpoint: Checkpoint): Position {
  const { tx, position } = parseCheckpoint(checkpoint);
  return { commit: tx, prepare: position };
}

/** Where a `$all` read starts for an exclusive checkpoint (the event at the position is dropped later). */
export const readPositionAfter = (after: Checkpoint | undefined): ReadPosition =>
  after === undefined || after === START ? FROM_START : positionOf(after);

/** KurrentDB reads `$all` inclusively from a position; the port is exclusive: keep what lies after. */
export function afterCheckpoint<T extends { readonly checkpoint: Checkpoint }>(
  events: readonly T[],
  after: Checkpoint | undefined,
): T[] {
  return after === undefined ? [...events] : events.filter((event) => event.checkpoint > after);
}
