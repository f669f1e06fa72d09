import { createHash } from 'node:crypto';
import {
  ConcurrencyError,
  deterministicUuid,
  DuplicateEventConflictError,
  type EventStore,
} from '@touchline/event-store';
import {
  CHURN_MODEL_FITTED,
  fitChurnModel,
  type ChurnModel,
  type ChurnModelSource,
  type FitChurnModelOptions,
  type RfmSummary,
  type Transaction,
} from '@touchline/journey';
import {
  projectsWithOrders,
  readOrderHistories,
  type CalibrationWindow,
  type CustomerOrders,
  type Warehouse,
} from '@touchline/warehouse';

/** The stream of a project's `churn.model_fitted` facts. */
export const churnModelStreamId = (projectId: string): string => `churn-model-${projectId}`;

/** Days in the default calibration window, which ends today (UTC). */
export const DEFAULT_CALIBRATION_DAYS = 365;

const DAY_MS = 86_400_000;
const UNIT_DAYS = 7;
const ATTEMPTS = 3;

export interface RefitResult {
  readonly model: ChurnModel;
  /** False when the current model was fitted on the same window and data (an idempotent retry). */
  readonly appended: boolean;
}

/** The current churn model of each project (cached) and its refit. */
export interface ChurnModels extends ChurnModelSource {
  /**
   * Fits BG/NBD (+ Gamma-Gamma) on the project's orders over the window (default: the
   * `DEFAULT_CALIBRATION_DAYS` days ending today) and appends a `churn.model_fitted` fact,
   * version = previous + 1, unless the current model was fitted on the same window and the same
   * summaries. Throws `ChurnFitError` when the window holds too few customers.
   */
  refit(projectId: string, window?: Partial<CalibrationWindow>): Promise<RefitResult>;
}

export interface ChurnModelsOptions {
  readonly store: EventStore;
  readonly warehouse: Warehouse;
  /** `metadata.source` of the facts. */
  readonly source: string;
  /** How long `current` trusts its cached answer (default 60 s); a refit here updates it. */
  readonly cacheMs?: number;
  readonly now?: () => Date;
  readonly fit?: Pick<
    FitChurnModelOptions,
    'minCustomers' | 'minRepeatCustomers' | 'minSpendCustomers'
  >;
}

/**
 * Churn models as facts in the event store. A refit reads the window's order histories from the
 * warehouse (identity-unified), fits them (`fitChurnModel`: same-day orders merged, time in
 * weeks), and appends the model to `churn-model-<projectId>` with an id hashed from the project,
 * the model version and a refit key (project, window, fingerprint of the summaries), expecting the
 * stream's current version: a retried or concurrent refit of the same data finds its fact
 * already current and appends nothing. The relay publishes the fact like any other.
 */
export function churnModels(options: ChurnModelsOptions): ChurnModels {
  const { store, warehouse } = options;
  const now = options.now ?? (() => new Date());
  const cacheMs = options.cacheMs ?? 60_000;
  const cache = new Map<string, { model: ChurnModel | undefined; at: number }>();

  const latest = async (projectId: string) => {
    const [event] = await store.readStream(churnModelStreamId(projectId), {
      direction: 'backward',
      limit: 1,
    });
    const model = event?.type === CHURN_MODEL_FITTED ? (event.data as ChurnModel) : undefined;
    cache.set(projectId, { model, at: Date.now() });
    return { event, model };
  };

  return {
    async current(projectId) {
      const cached = cache.get(projectId);
      if (cached && Date.now() - cached.at < cacheMs) return cached.model;
      return (await latest(projectId)).model;
    },

    async refit(projectId, requested = {}) {
      const window = calibrationWindow(requested, now());
      const histories = await readOrderHistories(warehouse, projectId, window);
      const fit = fitChurnModel(transactions(histories), {
        start: window.from,
        end: window.to,
        unitDays: UNIT_DAYS,
        ...options.fit,
      });
      const refitKey = hash(
        `${projectId}|${window.from}|${window.to}|${UNIT_DAYS}|${fingerprint(fit.summary)}`,
      );
      for (let attempt = 1; ; attempt++) {
        const { event, model: previous } = await latest(projectId);
        if (previous && event?.metadata.refitKey === refitKey)
          return { model: previous, appended: false };
        const model: ChurnModel = {
          projectId,
          version: (previous?.version ?? 0) + 1,
          fittedAt: now().toISOString(),
          calibration: window,
          timeUnitDays: UNIT_DAYS,
          customers: fit.customers,
          bgnbd: fit.bgnbd,
          ...(fit.gammaGamma ? { gammaGamma: fit.gammaGamma } : {}),
        };
        try {
          await store.append(
            churnModelStreamId(projectId),
            [
              {
                id: deterministicUuid(`churn-model:${projectId}:${model.version}:${refitKey}`),
                type: CHURN_MODEL_FITTED,
                data: model,
                metadata: { source: options.source, derived: true, refitKey },
              },
            ],
            { expectedVersion: event ? event.streamVersion : 'no_stream' },
          );
          cache.set(projectId, { model, at: Date.now() });
          return { model, appended: true };
        } catch (error) {
          // Another refit appended first: look again (it may be this very fit).
          const raced =
            error instanceof ConcurrencyError || error instanceof DuplicateEventConflictError;
          if (!raced || attempt >= ATTEMPTS) throw error;
        }
      }
    },
  };
}

export type RefitOutcome = { readonly projectId: string } & (
  { readonly result: RefitResult } | { readonly error: unknown }
);

/**
 * The scheduled refit: every project with an order in the default window, refitted over that
 * window one after the other. A project that cannot be fitted (too few customers) or fails gets
 * its error in the outcome; the others are refitted regardless.
 */
export async function refitProjectsWithOrders(
  models: ChurnModels,
  warehouse: Warehouse,
  now: Date,
): Promise<RefitOutcome[]> {
  const since = Date.parse(`${calibrationWindow({}, now).from}T00:00:00Z`);
  const outcomes: RefitOutcome[] = [];
  for (const projectId of await projectsWithOrders(warehouse, new Date(since))) {
    try {
      outcomes.push({ projectId, result: await models.refit(projectId) });
    } catch (error) {
      outcomes.push({ projectId, error });
    }
  }
  return outcomes;
}

/** The requested window with defaults filled in: `to` = today (UTC), `from` = 364 days earlier. */
export function calibrationWindow(
  requested: Partial<CalibrationWindow>,
  now: Date,
): CalibrationWindow {
  const to = requested.to ?? now.toISOString().slice(0, 10);
  const from =
    requested.from ??
    new Date(Date.parse(`${to}T00:00:00Z`) - (DEFAULT_CALIBRATION_DAYS - 1) * DAY_MS)
      .toISOString()
      .slice(0, 10);
  if (!(Date.parse(`${from}T00:00:00Z`) <= Date.parse(`${to}T00:00:00Z`)))
    throw new RangeError(`calibration window ${from}..${to} is empty or invalid`);
  return { from, to };
}

function* transactions(histories: readonly CustomerOrders[]): Iterable<Transaction> {
  for (const { customerKey, times, amounts } of histories) {
    for (let i = 0; i < times.length; i++)
      yield { customerId: customerKey, at: new Date(times[i]!), amount: amounts[i]! };
  }
}

/** A hash of every customer's (x, t_x, T, mean spend), in the summary's order. */
function fingerprint(summary: RfmSummary): string {
  const digest = createHash('sha256');
  for (const id of summary.customerIds) digest.update(`${id}\n`);
  for (const column of [summary.x, summary.tx, summary.T, summary.monetary])
    digest.update(new Uint8Array(column.buffer, column.byteOffset, column.byteLength));
  return digest.digest('base64url');
}

const hash = (text: string) => createHash('sha256').update(text).digest('base64url');
