import type { Checkpoint } from './checkpoint.ts';
import type { SqlQueryable } from './sqlExecutor.ts';

/** Named, durable, monotonic checkpoints (relay positions, log-tailing projectors). */
export interface CheckpointStore {
  load(name: string): Promise<Checkpoint | undefined>;
  /** Moves the checkpoint forward; an older value than the stored one is ignored. */
  save(name: string, checkpoint: Checkpoint): Promise<void>;
}

export function getPostgresCheckpointStore(db: SqlQueryable): CheckpointStore {
  return {
    async load(name) {
      const rows = await db.query<{ checkpoint: string }>(
        'SELECT checkpoint FROM tl_checkpoints WHERE name = $1',
        [name],
      );
      return rows[0]?.checkpoint as Checkpoint | undefined;
    },
    async save(name, checkpoint) {
      await db.query(
        `INSERT INTO tl_checkpoints AS c (name, checkpoint) VALUES ($1, $2)
         ON CONFLICT (name) DO UPDATE SET checkpoint = excluded.checkpoint, updated_at = now()
         WHERE c.checkpoint COLLATE "C" < excluded.checkpoint COLLATE "C"`,
        [name, checkpoint],
      );
    },
  };
}
