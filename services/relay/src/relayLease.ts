import type { SqlExecutor, SqlQueryable } from '@touchline/event-store';

/** Thrown by `Lease.whileHeld` when this owner does not hold the lease (any more). */
export class LeaseLostError extends Error {
  readonly code = 'TL_LEASE_LOST';
  constructor(name: string, owner: string) {
    super(`Lease "${name}" is not held by ${owner}`);
    this.name = 'LeaseLostError';
  }
}

/**
 * A named, expiring lease in the store's database: at most one owner holds it at a time. Expiry is
 * judged on the database clock, so owners on different machines need no synchronised clocks.
 */
export interface Lease {
  readonly name: string;
  readonly owner: string;
  readonly ttlMs: number;
  /**
   * Takes the lease when it is free or expired, or renews it when this owner already holds it.
   * Resolves true when this owner holds it afterwards, for `ttlMs` from the call.
   */
  tryAcquire(): Promise<boolean>;
  /** Gives the lease up (when held), so a standby can take over without waiting for expiry. */
  release(): Promise<void>;
  /**
   * Runs `work` in a transaction that holds the lease row locked: a takeover waits for it, and it
   * throws LeaseLostError without running `work` unless this owner holds an unexpired lease.
   */
  whileHeld<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T>;
}

/** A lease on the `tl_relay_leases` table (see migrateRelay). */
export function getLease(db: SqlExecutor, name: string, owner: string, ttlMs: number): Lease {
  if (!Number.isInteger(ttlMs) || ttlMs < 100) throw new RangeError(`Bad lease ttl ${ttlMs} ms`);
  return {
    name,
    owner,
    ttlMs,
    async tryAcquire() {
      // The row lock ON CONFLICT takes serialises competitors: the second one re-reads the winner.
      const rows = await db.query(
        `INSERT INTO tl_relay_leases AS l (name, owner, expires_at, acquired_at, epoch)
         VALUES ($1, $2, clock_timestamp() + make_interval(secs => $3::float8 / 1000), clock_timestamp(), 1)
         ON CONFLICT (name) DO UPDATE SET
           owner = excluded.owner,
           expires_at = excluded.expires_at,
           acquired_at = CASE WHEN l.owner = excluded.owner THEN l.acquired_at ELSE excluded.acquired_at END,
           epoch = CASE WHEN l.owner = excluded.owner THEN l.epoch ELSE l.epoch + 1 END
         WHERE l.owner = excluded.owner OR l.expires_at <= clock_timestamp()
         RETURNING epoch`,
        [name, owner, ttlMs],
      );
      return rows.length === 1;
    },
    async release() {
      await db.query('DELETE FROM tl_relay_leases WHERE name = $1 AND owner = $2', [name, owner]);
    },
    whileHeld(work) {
      return db.transaction(async (tx) => {
        const held = await tx.query(
          `SELECT 1 FROM tl_relay_leases
           WHERE name = $1 AND owner = $2 AND expires_at > clock_timestamp() FOR UPDATE`,
          [name, owner],
        );
        if (held.length === 0) throw new LeaseLostError(name, owner);
        return work(tx);
      });
    },
  };
}
