import {
  customerState,
  customerStateRows,
  derivedFacts,
  type ChurnModelSource,
  type ProjectSettings,
} from '@touchline/journey';
import type { SourcedEvent } from '@touchline/streams';
import {
  CUSTOMER_STATE_TABLES,
  customersDueForReview,
  customersWithTouchpoints,
  enqueueCustomers,
  eraseCustomerState,
  insertCustomerState,
  loadQueueWatermark,
  nextQueueSeq,
  readQueue,
  saveQueueWatermark,
  readJourneyEvents,
  resolveCustomerKeys,
  type Warehouse,
} from '@touchline/warehouse';
import { affectedCustomers } from './affectedCustomers.ts';
import type { ProgressListener, Projection } from './projection.ts';
import { derivedFactId, type CustomerFacts, type FactWriter } from './storeFactWriter.ts';

export interface CustomerStateProjectionOptions {
  readonly warehouse: Warehouse;
  readonly settings: (projectId: string) => Promise<ProjectSettings>;
  /** Each project's fitted churn model; none (or none fitted): warnings on the rules alone. */
  readonly churnModels?: ChurnModelSource;
  /** Where stage changes, SLA breaches and churn warnings are written back; none: not written. */
  readonly facts?: FactWriter;
  /** The evaluation time of time-based rules (silence, SLA due times); default the wall clock. */
  readonly clock?: () => Date;
  /** Customers recomputed per warehouse round trip. */
  readonly chunkSize?: number;
  readonly onRecomputed?: (customers: number, factsAppended: number) => void;
}

export interface CustomerStateProjection extends Projection {
  /**
   * Recomputes the customers queued by `handle` (about `limit` queue entries per round) and
   * moves the queue's watermark; resolves with how many customers, 0 when nothing was queued.
   */
  drain(limit?: number): Promise<number>;
  /** Drains until the queue is empty; resolves with how many customers in all. */
  drainAll(): Promise<number>;
  /** Recomputes customers whose next_review_at has come; resolves with how many. */
  sweep(limit?: number): Promise<number>;
}

const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/**
 * Profiles, lifecycle stages, service cases and the churn worklist. `handle` (after the timeline and identity
 * projections of the same batch) only queues the customers a batch touched, so the log pass
 * stays as fast as the timeline; `drain` then reads each queued customer's whole identity-unified
 * history back from the timeline and folds it again (`customerState`). The rows are a function of
 * the set of events, whatever the delivery order, and a replay changes nothing; a customer
 * touched many times while the worker was busy is recomputed once. Churn warnings use the
 * project's current model (`churnModels`). Stage changes, SLA breaches and churn warning raises
 * and clears are written back to the store as derived facts with deterministic ids. Time-based
 * changes are picked up by `sweep` at `next_review_at`. Erasures, drains and sweeps are
 * serialised, so an erased customer's rows are never written back by a recompute in flight.
 */
export function customerStateProjection(
  options: CustomerStateProjectionOptions,
): CustomerStateProjection {
  const { warehouse } = options;
  const clock = options.clock ?? (() => new Date());
  const chunkSize = options.chunkSize ?? 500;
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const recompute = async (projectId: string, keys: readonly string[]): Promise<number> => {
    if (keys.length === 0) return 0;
    const settings = await options.settings(projectId);
    const model = await options.churnModels?.current(projectId);
    const stateOptions = { factId: derivedFactId, ...(model ? { model } : {}) };
    const canonical = [
      ...new Set((await resolveCustomerKeys(warehouse, projectId, keys)).values()),
    ];
    const asOf = clock();
    let appended = 0;
    for (const chunk of chunks(canonical.sort(), chunkSize)) {
      const histories = await readJourneyEvents(warehouse, projectId, chunk);
      const profiles = [];
      const cases = [];
      const worklist = [];
      const facts: CustomerFacts[] = [];
      for (const [customerKey, history] of histories) {
        if (history.length === 0) continue; // erased, or never had a touchpoint
        const state = customerState(projectId, customerKey, history, settings, asOf, stateOptions);
        const members = [...new Set(history.map((event) => event.customerKey))];
        const rows = customerStateRows(state, members, history[0]!.channel);
        profiles.push(...rows.profiles);
        cases.push(...rows.cases);
        worklist.push(...rows.worklist);
        facts.push({ projectId, customerKey, facts: derivedFacts(state) });
      }
      // Facts first: if the rows fail to land, the retry re-derives the same facts (no-ops).
      if (options.facts) appended += await options.facts.write(facts);
      await insertCustomerState(warehouse, { profiles, cases, worklist });
    }
    options.onRecomputed?.(canonical.length, appended);
    return canonical.length;
  };

  let seq: number | undefined;
  const drainOnce = async (limit: number): Promise<number> => {
    const after = await loadQueueWatermark(warehouse);
    const queued = await readQueue(warehouse, after, limit);
    if (!queued) return 0;
    let count = 0;
    for (const [projectId, keys] of queued.customers) count += await recompute(projectId, keys);
    await saveQueueWatermark(warehouse, queued.upTo);
    return Math.max(count, 1);
  };

  return {
    name: 'customer_state',
    tables: CUSTOMER_STATE_TABLES,
    handle: async (events: readonly SourcedEvent[]) => {
      const { touched, erased } = affectedCustomers(events);
      if (erased.size > 0) {
        await serially(async () => {
          for (const [projectId, keys] of erased) {
            for (const customerKey of keys)
              await eraseCustomerState(warehouse, { projectId, customerKey });
          }
        });
      }
      if (touched.size === 0) return;
      seq = seq === undefined ? await nextQueueSeq(warehouse) : seq + 1;
      await enqueueCustomers(warehouse, seq, touched);
    },
    drain: (limit = 20_000) => serially(drainOnce.bind(undefined, limit)),
    async drainAll() {
      let total = 0;
      for (let n = await this.drain(); n > 0; n = await this.drain()) total += n;
      return total;
    },
    sweep: (limit = 10_000) =>
      serially(async () => {
        let count = 0;
        for (const [projectId, keys] of await customersDueForReview(warehouse, clock(), limit))
          count += await recompute(projectId, keys);
        return count;
      }),
    recomputeAll: (onProgress?: ProgressListener) =>
      serially(async () => {
        const byProject = await customersWithTouchpoints(warehouse);
        const total = [...byProject.values()].reduce((sum, keys) => sum + keys.length, 0);
        let done = 0;
        for (const [projectId, keys] of byProject) {
          for (const chunk of chunks(keys, chunkSize * 10)) {
            await recompute(projectId, chunk);
            done += chunk.length;
            onProgress?.(done, total);
          }
        }
        return total;
      }),
  };
}
