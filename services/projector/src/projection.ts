import type { BatchHandler } from '@touchline/streams';

/** Progress of a long recompute: customers (or events) done of a known total. */
export type ProgressListener = (done: number, total: number) => void;

/**
 * A read model and how it is kept: `handle` applies a batch of the log (idempotently), `tables`
 * are the warehouse tables it owns (a rebuild empties them). A projection that derives its rows
 * from other read models rather than from the log offers `recomputeAll`, which a rebuild calls
 * after the log-driven projections have been replayed, instead of replaying the log through it.
 */
export interface Projection {
  readonly name: string;
  readonly tables: readonly string[];
  readonly handle: BatchHandler;
  readonly recomputeAll?: (onProgress?: ProgressListener) => Promise<number>;
}
