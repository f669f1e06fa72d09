import {
  customerState,
  customerStateRows,
  derivedFacts,
  type ProjectSettings,
} from '@touchline/journey';
import type { SourcedEvent } from '@touchline/streams';
import {
  CUSTOMER_STATE_TABLES,
  customersDueForReview,
  customersWithTouchpoints,
  eraseCustomerState,
  insertCustomerState,
  readJourneyEvents,
  resolveCustomerKeys,
  type Warehouse,
} from '@touchline/warehouse';
import { affectedCustomers } from './affectedCustomers.ts';
import type { ProgressListener, Projection } from './projection.ts';
import type { CustomerFacts, FactWriter } from './storeFactWriter.ts';

export interface CustomerStateProjectionOptions {
  readonly warehouse: Warehouse;
  readonly settings: (projectId: string) => Promise<ProjectSettings>;
  /** Where stage changes and SLA breaches are written back; none: facts are not written. */
  readonly facts?: FactWriter;
  /** The evaluation time of time-based rules (silence, SLA due times); default the wall clock. */
  readonly clock?: () => Date;
  /** Customers recomputed per warehouse round trip. */
  readonly chunkSize?: number;
  readonly onRecomputed?: (customers: number, factsAppended: number) => void;
}

export interface CustomerStateProjection extends Projection {
  /** Recomputes customers whose next_review_at has come; resolves with how many. */
  sweep(limit?: number): Promise<number>;
}

const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/**
 * Profiles, lifecycle stages and service cases. For every customer a batch touches, the whole
 * identity-unified history is read back from the timeline and folded again (`customerState`),
 * so the rows are a function of the set of events, whatever the delivery order, and a replay
 * changes nothing. Stage changes and SLA breaches are written back to the store as derived facts
 * with deterministic ids. Time-based changes are picked up by `sweep` at `next_review_at`.
 * Runs after the timeline and identity projections of the same batch; recomputations are
 * serialised, so a sweep and a batch never interleave.
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
    const canonical = [
      ...new Set((await resolveCustomerKeys(warehouse, projectId, keys)).values()),
    ];
    const asOf = clock();
    let appended = 0;
    for (const chunk of chunks(canonical.sort(), chunkSize)) {
      const histories = await readJourneyEvents(warehouse, projectId, chunk);
      const profiles = [];
      const cases = [];
      const facts: CustomerFacts[] = [];
      for (const [customerKey, history] of histories) {
        if (history.length === 0) continue; // erased, or never had a touchpoint
        const state = customerState(projectId, customerKey, history, settings, asOf);
        const members = [...new Set(history.map((event) => event.customerKey))];
        const rows = customerStateRows(state, members, history[0]!.channel);
        profiles.push(...rows.profiles);
        cases.push(...rows.cases);
        facts.push({ projectId, customerKey, facts: derivedFacts(state) });
      }
      // Facts first: if the rows fail to land, the retry re-derives the same facts (no-ops).
      if (options.facts) appended += await options.facts.write(facts);
      await insertCustomerState(warehouse, { profiles, cases });
    }
    options.onRecomputed?.(canonical.length, appended);
    return canonical.length;
  };

  return {
    name: 'customer_state',
    tables: CUSTOMER_STATE_TABLES,
    handle: (events: readonly SourcedEvent[]) =>
      serially(async () => {
        const { touched, erased } = affectedCustomers(events);
        for (const [projectId, keys] of erased) {
          for (const customerKey of keys)
            await eraseCustomerState(warehouse, { projectId, customerKey });
        }
        for (const [projectId, keys] of touched) await recompute(projectId, [...keys]);
      }),
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
