import type {
  ChurnRulesPatch,
  FunnelQueryInput,
  PathsQueryInput,
  RetentionQueryInput,
  LifecycleQueryInput,
  ServiceQueryInput,
  SegmentMessageInput,
  SlaPolicyPatchInput,
  TouchpointInput,
} from '@touchline/contracts';
import { request, type Call, type RequestOptions } from './request.ts';
import type {
  BatchAnswer,
  ChurnModelAnswer,
  Customer360,
  FunnelAnswer,
  PathsAnswer,
  RetentionAnswer,
  LifecycleAnswer,
  ServiceAnswer,
  WorklistFilter,
  WorklistPage,
  IssuedKey,
  KeyInfo,
  KeyKind,
  Project,
  SegmentBatchAnswer,
  SettingsKind,
  SettingsOfKind,
  SettingsSaved,
  Timeline,
  TimelineFilter,
  TouchpointAccepted,
} from './types.ts';

/** Options of `touchline()`: the server, a key (write, read, admin or the root token), retries. */
export type TouchlineOptions = RequestOptions;

/** The body of `PUT /v1/projects/:id/settings/:kind`, per kind (typed where contracts have it). */
export interface SettingsPatches {
  readonly sla: SlaPolicyPatchInput;
  readonly churn: ChurnRulesPatch;
  readonly lifecycle: Record<string, unknown>;
  readonly profile: Record<string, unknown>;
}

const isBatchAnswer = (status: number, body: unknown) =>
  status === 400 &&
  typeof body === 'object' &&
  body !== null &&
  Array.isArray((body as { results?: unknown }).results);

const seg = (id: string) => encodeURIComponent(id);

/**
 * A typed client of the Touchline HTTP API. Each call throws a `TouchlineError` (status, code,
 * field, retryAfterSeconds) on an error answer; 429 and 503 are retried after `Retry-After`.
 *
 * ```ts
 * const tl = touchline({ baseUrl: 'http://127.0.0.1:8080', key: process.env.TL_WRITE_KEY });
 * await tl.touchpoints.send({ type: 'order.placed', channel: 'web', userId: 'c-42',
 *   data: { orderId: 'o-1', amount: 42, currency: 'EUR' } });
 * ```
 */
export function touchline(options: TouchlineOptions) {
  const call = <T>(c: Call, accept?: (status: number, body: unknown) => boolean) =>
    request<T>(options, c, accept);

  function send(touchpoint: TouchpointInput): Promise<TouchpointAccepted>;
  function send(batch: readonly TouchpointInput[]): Promise<BatchAnswer>;
  function send(
    input: TouchpointInput | readonly TouchpointInput[],
  ): Promise<TouchpointAccepted | BatchAnswer> {
    if (Array.isArray(input))
      return call<BatchAnswer>(
        { method: 'POST', path: '/v1/touchpoints', body: { batch: input } },
        isBatchAnswer,
      );
    return call<TouchpointAccepted>({ method: 'POST', path: '/v1/touchpoints', body: input });
  }

  return {
    touchpoints: {
      /**
       * One touchpoint (answers its id and whether it was a duplicate), or an array of up to 500
       * as one batch (answers per item; a batch whose every item was rejected answers too,
       * with `accepted: 0`, rather than throwing).
       */
      send,
    },
    segment: {
      /** Segment's `POST /v1/batch`: track, identify, page, screen, group and alias messages. */
      batch: (messages: readonly SegmentMessageInput[]) =>
        call<SegmentBatchAnswer>(
          { method: 'POST', path: '/v1/batch', body: { batch: messages } },
          isBatchAnswer,
        ),
    },
    customers: {
      /**
       * A customer's touchpoints, newest first (read key): `limit` 1..1000 (default 100) a page,
       * the next page with `cursor: page.nextCursor`; filters by channel, type and time.
       */
      timeline: (customerId: string, filter: TimelineFilter = {}) => {
        const query = new URLSearchParams(
          Object.entries(filter)
            .filter(([, value]) => value !== undefined)
            .map(([key, value]): [string, string] => [
              key,
              Array.isArray(value) ? value.join(',') : String(value),
            ]),
        ).toString();
        return call<Timeline>({
          method: 'GET',
          path: `/v1/customers/${seg(customerId)}/timeline${query ? `?${query}` : ''}`,
        });
      },
      /** The customer 360: profile, lifecycle stage and service cases (read key). */
      get: (customerId: string) =>
        call<Customer360>({ method: 'GET', path: `/v1/customers/${seg(customerId)}` }),
    },
    analytics: {
      /** Ordered steps within a conversion window, with breakdowns and time to convert (read key). */
      funnel: (query: FunnelQueryInput) =>
        call<FunnelAnswer>({ method: 'POST', path: '/v1/analytics/funnel', body: query }),
      /** Cohorts by first (or a chosen start) event, returning by day, week or month (read key). */
      retention: (query: RetentionQueryInput) =>
        call<RetentionAnswer>({ method: 'POST', path: '/v1/analytics/retention', body: query }),
      /** The most frequent sequences after or before an event (read key). */
      paths: (query: PathsQueryInput) =>
        call<PathsAnswer>({ method: 'POST', path: '/v1/analytics/paths', body: query }),
      /** Customers per lifecycle stage at each period's end, and the transition matrix (read key). */
      lifecycle: (query: LifecycleQueryInput) =>
        call<LifecycleAnswer>({ method: 'POST', path: '/v1/analytics/lifecycle', body: query }),
      /** Service KPIs per period and channel (null channel: all of them) (read key). */
      service: (query: ServiceQueryInput) =>
        call<ServiceAnswer>({ method: 'POST', path: '/v1/analytics/service', body: query }),
    },
    churn: {
      /** Customers with an open churn warning, highest value at risk first (read key). */
      worklist: (filter: WorklistFilter = {}) => {
        const query = new URLSearchParams(
          Object.entries(filter)
            .filter(([, value]) => value !== undefined)
            .map(([key, value]): [string, string] => [key, String(value)]),
        ).toString();
        return call<WorklistPage>({
          method: 'GET',
          path: `/v1/worklist${query ? `?${query}` : ''}`,
        });
      },
      /** The project's current fitted churn model (read or admin key). */
      model: (projectId: string) =>
        call<ChurnModelAnswer>({
          method: 'GET',
          path: `/v1/projects/${seg(projectId)}/churn/model`,
        }),
      /** Refits the model over a calibration window (admin key); ISO dates, both optional. */
      refit: (
        projectId: string,
        window: { calibrationFrom?: string; calibrationTo?: string } = {},
      ) =>
        call<ChurnModelAnswer & { refitted: boolean }>({
          method: 'POST',
          path: `/v1/projects/${seg(projectId)}/churn/refit`,
          body: window,
        }),
    },
    projects: {
      /** Creates a project and its first write, read and admin keys (root token). */
      create: (project: { projectId: string; name?: string }) =>
        call<{ project: Project; keys: IssuedKey[] }>({
          method: 'POST',
          path: '/v1/projects',
          body: project,
        }),
      /** All projects (root token) or the admin key's own. */
      list: () => call<{ projects: Project[] }>({ method: 'GET', path: '/v1/projects' }),
    },
    keys: {
      list: (projectId: string) =>
        call<{ keys: KeyInfo[] }>({ method: 'GET', path: `/v1/projects/${seg(projectId)}/keys` }),
      /** A new key; its token is in the answer only. `rateLimit` in requests per second. */
      create: (projectId: string, key: { kind: KeyKind; label?: string; rateLimit?: number }) =>
        call<IssuedKey>({ method: 'POST', path: `/v1/projects/${seg(projectId)}/keys`, body: key }),
      /** A replacement key; the old one keeps working for `graceSeconds` (default 1 day). */
      rotate: (projectId: string, keyId: string, rotation: { graceSeconds?: number } = {}) =>
        call<IssuedKey>({
          method: 'POST',
          path: `/v1/projects/${seg(projectId)}/keys/${seg(keyId)}/rotate`,
          body: rotation,
        }),
      revoke: (projectId: string, keyId: string) =>
        call<undefined>({
          method: 'DELETE',
          path: `/v1/projects/${seg(projectId)}/keys/${seg(keyId)}`,
        }),
    },
    settings: {
      /** Every kind's effective rules, overrides and version (admin key). */
      get: (projectId: string) =>
        call<{ projectId: string; settings: Record<SettingsKind, SettingsOfKind> }>({
          method: 'GET',
          path: `/v1/projects/${seg(projectId)}/settings`,
        }),
      /** One kind with its version history. */
      getKind: (projectId: string, kind: SettingsKind) =>
        call<
          SettingsOfKind & {
            projectId: string;
            kind: SettingsKind;
            history: Record<string, unknown>[];
          }
        >({ method: 'GET', path: `/v1/projects/${seg(projectId)}/settings/${kind}` }),
      /**
       * Replaces a kind's overrides (`{}` returns to the defaults). With `ifMatch` (the current
       * version) a concurrent change is refused as `TL_CONFLICT`.
       */
      put: <K extends SettingsKind>(
        projectId: string,
        kind: K,
        overrides: SettingsPatches[K],
        guard: { ifMatch?: number } = {},
      ) =>
        call<SettingsSaved>({
          method: 'PUT',
          path: `/v1/projects/${seg(projectId)}/settings/${kind}`,
          body: overrides,
          ...(guard.ifMatch === undefined ? {} : { headers: { 'if-match': `"${guard.ifMatch}"` } }),
        }),
    },
  };
}

/** The client `touchline()` returns. */
export type TouchlineClient = ReturnType<typeof touchline>;
