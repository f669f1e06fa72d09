import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { touchpointInputSchema } from '@touchline/contracts';
import { openEventStore, START, type OpenedEventStore } from '@touchline/event-store';
import {
  customerStreamId,
  DEFAULT_PROJECT_SETTINGS,
  mergeChurnRules,
  touchpointEvent,
  type ChurnModel,
  type ChurnSignalId,
} from '@touchline/journey';
import { fromStoredEvent, type SourcedEvent } from '@touchline/streams';
import { tempDir } from '@touchline/testing';
import {
  migrateWarehouse,
  openWarehouse,
  readCustomerView,
  readWorklist,
  type Warehouse,
} from '@touchline/warehouse';
import { journeyProjections, type JourneyProjections } from './journeyProjections.ts';
import { storeFactWriter } from './storeFactWriter.ts';

// Churn warnings from a real PGlite log into the real chdb worklist, one customer per rule signal.
const dir = tempDir('tl-churn-warning-');
let store: OpenedEventStore;
let warehouse: Warehouse;
let projections: JourneyProjections;

const T0 = Date.parse('2025-01-01T00:00:00Z');
const DAY = 86_400_000;
const now = new Date(T0 + 400 * DAY);
const project = 'warn';
const modelled = 'warn_model';
// Any one signal raises a warning here (the lowest weight is 0.1).
const settings = {
  ...DEFAULT_PROJECT_SETTINGS,
  churn: mergeChurnRules({ warning: { raiseAt: 0.05, clearBelow: 0.05 } }),
};
const model: ChurnModel = {
  projectId: modelled,
  version: 7,
  fittedAt: '2025-12-31T00:00:00.000Z',
  calibration: { from: '2025-01-01', to: '2025-12-31' },
  timeUnitDays: 7,
  customers: 500,
  bgnbd: { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259, logLikelihood: -9582.43 },
  gammaGamma: { p: 6.2496, q: 3.7442, gamma: 15.4435 },
};

beforeAll(async () => {
  store = await openEventStore({ kind: 'pglite' });
  warehouse = await openWarehouse({ kind: 'chdb', dataDir: `${dir.path}/warehouse` });
  await migrateWarehouse(warehouse);
  projections = journeyProjections({
    warehouse,
    settings: () => Promise.resolve(settings),
    churnModels: { current: (id) => Promise.resolve(id === modelled ? model : undefined) },
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
  userId: string,
  type: string,
  day: number,
  data: Record<string, unknown> = {},
  projectId = project,
) => {
  const { streamId, event } = touchpointEvent({
    touchpoint: touchpointInputSchema.parse({
      type,
      channel: 'web',
      userId,
      occurredAt: new Date(T0 + day * DAY).toISOString(),
      data,
    }),
    projectId,
    eventId: randomUUID(),
    receivedAt: new Date(T0 + day * DAY),
    source: 'test',
  });
  await store.store.append(streamId, [event]);
  return event.id;
};
let orderNo = 0;
const order = (userId: string, day: number, projectId = project) =>
  touch(
    userId,
    'order.placed',
    day,
    { orderId: `o-${++orderNo}`, amount: 40, currency: 'EUR' },
    projectId,
  );

const log = async (): Promise<SourcedEvent[]> =>
  (await store.store.readAll({ after: START, limit: 100_000 })).events.map(fromStoredEvent);
const applyAll = async (events: readonly SourcedEvent[], batch = 1_000) => {
  for (let i = 0; i < events.length; i += batch)
    for (const projection of projections.all) await projection.handle(events.slice(i, i + batch));
  await projections.customerState.drainAll();
};
const worklistRows = async () =>
  (
    await warehouse.query<Record<string, unknown>>(
      `SELECT * FROM ${warehouse.database}.churn_worklist FINAL`,
    )
  )
    .map((row) => JSON.stringify(row))
    .sort();
const factsOf = async (userId: string, type: string, projectId = project) =>
  (await store.store.readStream(customerStreamId(projectId, userId))).filter(
    (e) => e.type === type,
  );

/** Each signal: its customer's facts (besides a recent order) and its explanation's wording. */
const cases: Record<ChurnSignalId, { build: (u: string) => Promise<unknown>; says: RegExp }> = {
  silence: {
    build: async (u) => {
      for (const day of [100, 110, 120]) await order(u, day);
    },
    says: /^No purchase for 280 days, more than 2× the customer's typical 10 days/,
  },
  frequencyDrop: {
    build: async (u) => {
      for (let day = 30; day <= 300; day += 7) await order(u, day);
      await order(u, 395);
    },
    says: /^1 purchases in the last 90 days against .* expected from the customer's own rate/,
  },
  npsDetractor: {
    build: async (u) => {
      await order(u, 390);
      await touch(u, 'survey.answered', 395, { kind: 'nps', score: 3 });
    },
    says: /NPS/,
  },
  lowCsat: {
    build: async (u) => {
      await order(u, 390);
      await touch(u, 'survey.answered', 395, { kind: 'csat', score: 1 });
    },
    says: /^Latest CSAT answer is 1 of 5/,
  },
  complaintPastSla: {
    build: async (u) => {
      await order(u, 390);
      await touch(u, 'case.opened', 395, { caseId: `k-${u}`, kind: 'complaint' });
    },
    says: /complaint/i,
  },
  repeatedContacts: {
    build: async (u) => {
      await order(u, 390);
      for (const day of [396, 397, 398]) {
        await touch(u, 'case.opened', day, { caseId: `k-${u}-${day}`, kind: 'inquiry' });
        await touch(u, 'case.resolved', day + 0.1, { caseId: `k-${u}-${day}` });
      }
    },
    says: /^In the last 30 days: 3 service cases/,
  },
  planDowngrade: {
    build: async (u) => {
      await order(u, 390);
      await touch(u, 'custom.plan_changed', 395, {
        direction: 'downgrade',
        fromPlan: 'pro',
        toPlan: 'basic',
      });
    },
    says: /downgrade/i,
  },
};
const signals = Object.keys(cases) as ChurnSignalId[];

describe('churn warnings in the worklist (PGlite log → chdb)', () => {
  beforeAll(async () => {
    for (const signal of signals) await cases[signal].build(`u-${signal}`);
    await order('calm', 380); // recent, no signal: never on the worklist
    await order('calm', 395);
    for (const day of [10, 20, 30, 40, 50]) await order('m-1', day, modelled);
    await applyAll(await log());
  });

  for (const signal of signals) {
    it(`${signal}: raised with its explanation and evidence in the worklist, and a fact`, async () => {
      const user = `u-${signal}`;
      const items = await readWorklist(warehouse, {
        projectId: project,
        reason: signal,
        limit: 50,
      });
      expect(items.map((i) => i.customerId)).toEqual([user]);
      const reason = items[0]!.reasons.find((r) => r.signal === signal)!;
      expect(reason.explanation).toMatch(cases[signal].says);
      expect(reason.evidenceEventIds.length).toBeGreaterThan(0);
      // The raise fact: its data are the assessment at the instant it was raised. (frequencyDrop's
      // customer was first raised by the silence before the last order, and stays raised.)
      const raises = await factsOf(user, 'churn.risk_raised');
      expect(raises).toHaveLength(1);
      const data = raises[0]!.data as { customerKey: string; reasons: { signal: string }[] };
      expect(data.customerKey).toBe(user);
      expect(data.reasons.map((r) => r.signal)).toContain(
        signal === 'frequencyDrop' ? 'silence' : signal,
      );
    });
  }

  it('a customer without a signal is not on the worklist; the list is sorted by value at risk', async () => {
    const items = await readWorklist(warehouse, { projectId: project, limit: 50 });
    expect(items.map((i) => i.customerId).sort()).toEqual(signals.map((s) => `u-${s}`).sort());
    const values = items.map((i) => i.valueAtRisk);
    expect(values).toEqual([...values].sort((x, y) => y - x));
    // No model: value at risk = score × the last year's spend (frequencyDrop: days 37…296 and
    // 395, 39 orders of 40).
    const drop = items.find((i) => i.customerId === 'u-frequencyDrop')!;
    expect(drop.valueAtRisk).toBeCloseTo(0.25 * 39 * 40, 2);
  });

  it('the lifecycle stage becomes at_risk through the churn rule', async () => {
    const view = await readCustomerView(warehouse, project, 'u-npsDetractor');
    expect(view!.stage.current).toBe('at_risk');
    expect(view!.stage.history.at(-1)).toMatchObject({ to: 'at_risk', rule: 'churn_risk_raised' });
    expect(view!.churn).toMatchObject({
      open: true,
      reasons: [expect.objectContaining({ signal: 'npsDetractor' })],
    });
    const items = await readWorklist(warehouse, {
      projectId: project,
      stage: 'at_risk',
      limit: 50,
    });
    expect(items.map((i) => i.customerId)).toContain('u-npsDetractor');
  });

  it('with a model: P(alive), expected purchases and the model version in the worklist', async () => {
    const [item] = await readWorklist(warehouse, { projectId: modelled, limit: 50 });
    expect(item).toMatchObject({ customerId: 'm-1', modelVersion: 7 });
    expect(item!.pAlive).toBeGreaterThan(0);
    expect(item!.pAlive).toBeLessThan(0.5);
    expect(item!.reasons.map((r) => r.signal)).toContain('lowPAlive');
    expect(item!.valueAtRisk).toBeGreaterThan(0);
    const [raised] = await factsOf('m-1', 'churn.risk_raised', modelled);
    expect(raised!.data).toMatchObject({ modelVersion: 7 });
  });

  it('the same events applied again change nothing and append no fact', async () => {
    const before = await worklistRows();
    const facts = (await log()).length;
    await applyAll(await log());
    expect(await worklistRows()).toEqual(before);
    expect((await log()).length).toBe(facts);
  });

  it('any delivery order reaches the same worklist', async () => {
    const before = await worklistRows();
    const events = await log();
    for (const seed of [3, 5]) {
      for (const p of projections.all)
        for (const table of p.tables)
          await warehouse.command(`TRUNCATE TABLE ${warehouse.database}.${table}`);
      let state = seed * 7919;
      const random = () => (state = (state * 48271) % 2147483647) / 2147483647;
      await applyAll(
        [...events].sort(() => random() - 0.5),
        1 + Math.floor(random() * 5),
      );
      expect(await worklistRows()).toEqual(before);
    }
  });

  it('a purchase after the silence clears the warning with a churn.risk_cleared fact', async () => {
    const purchase = await order('u-silence', 399);
    await applyAll(await log());
    const items = await readWorklist(warehouse, {
      projectId: project,
      reason: 'silence',
      limit: 50,
    });
    expect(items).toEqual([]);
    const [cleared] = await factsOf('u-silence', 'churn.risk_cleared');
    expect(cleared!.data).toMatchObject({
      at: new Date(T0 + 399 * DAY).toISOString(),
      raisedAt: new Date(T0 + 140 * DAY + 1).toISOString(),
      evidenceEventIds: [purchase],
    });
  });
});
