import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { touchpointInputSchema } from '@touchline/contracts';
import { openEventStore, START, type OpenedEventStore } from '@touchline/event-store';
import { customerStreamId, DEFAULT_PROJECT_SETTINGS, touchpointEvent } from '@touchline/journey';
import { fromStoredEvent, type SourcedEvent } from '@touchline/streams';
import { tempDir } from '@touchline/testing';
import { migrateWarehouse, openWarehouse, type Warehouse } from '@touchline/warehouse';
import { journeyProjections, type JourneyProjections } from './journeyProjections.ts';
import { rebuildProjections } from './rebuildProjections.ts';
import { storeFactWriter } from './storeFactWriter.ts';

// Profiles, lifecycle and service cases from a real PGlite log into real chdb, with the
// timeline and identity projections in front, as the platform runs them.
const dir = tempDir('tl-customer-state-');
let store: OpenedEventStore;
let warehouse: Warehouse;
let projections: JourneyProjections;

const T0 = Date.parse('2025-01-01T00:00:00Z');
const DAY = 86_400_000;
const HOUR = 3_600_000;
let now = new Date(T0 + 200 * DAY);
const project = 'state';

beforeAll(async () => {
  store = await openEventStore({ kind: 'pglite' });
  warehouse = await openWarehouse({ kind: 'chdb', dataDir: `${dir.path}/warehouse` });
  await migrateWarehouse(warehouse);
  projections = journeyProjections({
    warehouse,
    settings: () => Promise.resolve(DEFAULT_PROJECT_SETTINGS),
    facts: storeFactWriter(store.store, { source: 'test' }),
    clock: () => now,
  });
});
afterAll(async () => {
  await warehouse.close();
  await store.store.close();
  dir.remove();
});

const touch = async (
  ids: { userId?: string; anonymousId?: string },
  type: string,
  at: number,
  data: Record<string, unknown>,
  channel = 'web',
) => {
  const { streamId, event } = touchpointEvent({
    touchpoint: touchpointInputSchema.parse({
      type,
      channel,
      ...ids,
      occurredAt: new Date(at).toISOString(),
      data,
    }),
    projectId: project,
    eventId: randomUUID(),
    receivedAt: new Date(at),
    source: 'test',
  });
  await store.store.append(streamId, [event]);
  return event.id;
};

const identify = (userId: string, anonymousId: string) =>
  store.store.append(customerStreamId(project, userId), [
    {
      id: randomUUID(),
      type: 'identity.linked',
      data: { userId, anonymousId, source: 'identify' },
    },
  ]);

const log = async (): Promise<SourcedEvent[]> =>
  (await store.store.readAll({ after: START, limit: 100_000 })).events.map(fromStoredEvent);

const applyAll = async (events: readonly SourcedEvent[], batch = 1_000) => {
  for (let i = 0; i < events.length; i += batch) {
    const slice = events.slice(i, i + batch);
    for (const projection of projections.all) await projection.handle(slice);
  }
  await projections.customerState.drainAll();
};

const emptyAll = async () => {
  for (const p of projections.all)
    for (const table of p.tables)
      await warehouse.command(`TRUNCATE TABLE ${warehouse.database}.${table}`);
};

/** Every read model as sorted text rows: what "identical tables" means here. */
const dump = async () => {
  const out: Record<string, string[]> = {};
  for (const p of projections.all) {
    for (const table of p.tables) {
      if (table === 'customer_state_queue') continue; // work queue, not a read model
      const rows = await warehouse.query<Record<string, unknown>>(
        `SELECT * FROM ${warehouse.database}.${table} FINAL`,
      );
      out[table] = rows.map((row) => JSON.stringify(row)).sort();
    }
  }
  return out;
};

interface ProfileRow {
  customer_key: string;
  merged_into: string;
  orders: number;
  stage: string;
  open_cases: number;
  total_cases: number;
  latest_csat: number | null;
  member_keys: string[];
  first_channel: string;
  next_review_at: string | null;
}
const profile = async (key: string) =>
  (
    await warehouse.query<ProfileRow>(
      `SELECT * FROM ${warehouse.database}.customer_profiles FINAL
       WHERE project_id = {project:String} AND customer_key = {key:String}`,
      { project, key },
    )
  )[0];

const readAll = (key: string) => store.store.readStream(customerStreamId(project, key));
const factsOf = async (key: string) =>
  (await readAll(key)).filter(
    (e) => e.type === 'lifecycle.stage_changed' || e.type === 'sla.breached',
  );

let evidence: Record<string, string>;

describe('customer state projection (PGlite log → chdb)', () => {
  it('folds a unified journey into a profile, a stage, cases and derived facts with evidence', async () => {
    const ids = { userId: 'u-1' };
    evidence = {
      page: await touch({ anonymousId: 'a-1' }, 'page.viewed', T0, { path: '/' }),
      anonOrder: await touch({ anonymousId: 'a-1' }, 'order.placed', T0 + DAY, {
        orderId: 'o-0',
        amount: 20,
        currency: 'EUR',
      }),
      order1: await touch(ids, 'order.placed', T0 + 10 * DAY, {
        orderId: 'o-1',
        amount: 50,
        currency: 'EUR',
      }),
      order2: await touch(ids, 'order.placed', T0 + 30 * DAY, {
        orderId: 'o-2',
        amount: 70,
        currency: 'EUR',
      }),
      opened: await touch(
        ids,
        'case.opened',
        T0 + 40 * DAY,
        { caseId: 'k-1', kind: 'complaint' },
        'phone',
      ),
      response: await touch(
        ids,
        'case.first_response',
        T0 + 40 * DAY + 6 * HOUR,
        {
          caseId: 'k-1',
          responderType: 'agent',
        },
        'phone',
      ),
      resolved: await touch(ids, 'case.resolved', T0 + 41 * DAY, { caseId: 'k-1' }, 'phone'),
      csat: await touch(
        ids,
        'survey.answered',
        T0 + 41 * DAY,
        { kind: 'csat', score: 2, caseId: 'k-1' },
        'email',
      ),
    };
    await identify('u-1', 'a-1');
    await applyAll(await log());

    const user = await profile('u-1');
    expect(user).toMatchObject({
      merged_into: '',
      orders: 3, // the anonymous order joined after identify
      stage: 'at_risk', // 170 days of silence since the last order at the clock's day 200
      open_cases: 0,
      total_cases: 1,
      latest_csat: 2,
      first_channel: 'web',
      member_keys: ['u-1', 'anon:a-1'],
    });
    expect(user!.next_review_at).toBe('2026-01-31 00:00:00.000'); // churned after 365 silent days
    expect((await profile('anon:a-1'))!.merged_into).toBe('u-1');

    const [kase] = await warehouse.query<Record<string, unknown>>(
      `SELECT * FROM ${warehouse.database}.service_cases FINAL WHERE case_id = 'k-1'`,
    );
    expect(kase).toMatchObject({
      customer_key: 'u-1',
      status: 'resolved',
      first_response_breached: 1, // 6 h against the 4 h target of a normal complaint
      resolution_breached: 0,
      first_response_seconds: 6 * 3600,
      csat: 2,
    });

    const facts = await factsOf('u-1');
    const stages = facts
      .filter((f) => f.type === 'lifecycle.stage_changed')
      .map((f) => f.data as Record<string, unknown>);
    expect(stages.map((s) => s.to)).toContain('growing');
    // At risk through the churn warning: silence past 2 × the 14.5-day rhythm, raised on day 59.
    const [raised] = (await readAll('u-1')).filter((f) => f.type === 'churn.risk_raised');
    expect(raised!.data).toMatchObject({
      at: new Date(T0 + 59 * DAY + 1).toISOString(),
      reasons: expect.arrayContaining([
        expect.objectContaining({ signal: 'silence', evidenceEventIds: [evidence.order2] }),
      ]) as unknown,
    });
    expect(stages.at(-1)).toMatchObject({
      to: 'at_risk',
      rule: 'churn_risk_raised',
      evidenceEventIds: [raised!.id],
    });
    const breaches = facts
      .filter((f) => f.type === 'sla.breached')
      .map((f) => f.data as Record<string, unknown>);
    expect(breaches).toEqual([
      expect.objectContaining({
        caseId: 'k-1',
        milestone: 'first_response',
        evidenceEventIds: [evidence.opened],
      }),
    ]);
  });

  it('the same events applied again change no table and append no fact', async () => {
    const before = await dump();
    const factCount = (await factsOf('u-1')).length;
    await applyAll(await log());
    expect(await dump()).toEqual(before);
    expect(await factsOf('u-1')).toHaveLength(factCount);
  });

  it('any delivery order and batching reaches the same tables', async () => {
    const inOrder = await dump();
    const events = await log();
    for (const seed of [1, 2, 3]) {
      await emptyAll();
      let state = seed * 7919;
      const random = () => (state = (state * 48271) % 2147483647) / 2147483647;
      const shuffled = [...events].sort(() => random() - 0.5);
      await applyAll(shuffled, 1 + Math.floor(random() * 4));
      expect(await dump()).toEqual(inOrder);
    }
  });

  it('a rebuild from the store equals the incrementally built tables', async () => {
    const incremental = await dump();
    const phases = new Set<string>();
    const result = await rebuildProjections({
      store: store.store,
      warehouse,
      projections: projections.all,
      pageSize: 3,
      onProgress: (p) => phases.add(p.phase),
    });
    expect(result.events).toBe((await log()).length);
    expect([...phases]).toEqual(['empty', 'replay', 'recompute', 'done']);
    expect(await dump()).toEqual(incremental);
  });

  it('a sweep at next_review_at applies the time-based change and writes its fact', async () => {
    now = new Date(T0 + 400 * DAY);
    expect(await projections.customerState.sweep()).toBe(1);
    expect((await profile('u-1'))!.stage).toBe('churned');
    const last = (await factsOf('u-1')).filter((f) => f.type === 'lifecycle.stage_changed').at(-1);
    expect(last!.data).toMatchObject({
      from: 'at_risk',
      to: 'churned',
      at: '2026-01-31T00:00:00.000Z',
    });
    expect(await projections.customerState.sweep()).toBe(0);
  });

  it('an erased customer’s state rows are deleted', async () => {
    await touch({ userId: 'u-gone' }, 'order.placed', T0, {
      orderId: 'o-x',
      amount: 5,
      currency: 'EUR',
    });
    await touch({ userId: 'u-gone' }, 'case.opened', T0, { caseId: 'k-gone', kind: 'inquiry' });
    await applyAll(await log());
    expect(await profile('u-gone')).toBeDefined();
    await store.store.erase(customerStreamId(project, 'u-gone'), 'gdpr');
    await applyAll(await log());
    expect(await profile('u-gone')).toBeUndefined();
    const cases = await warehouse.query(
      `SELECT * FROM ${warehouse.database}.service_cases FINAL WHERE case_id = 'k-gone'`,
    );
    expect(cases).toEqual([]);
  });
});
