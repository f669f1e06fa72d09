import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventStore, type OpenedEventStore } from '@touchline/event-store';
import {
  CHURN_MODEL_FITTED,
  ChurnFitError,
  fitChurnModel,
  seededRandom,
  type TimelineRow,
  type Transaction,
} from '@touchline/journey';
import { tempDir } from '@touchline/testing';
import {
  insertIdentityMap,
  insertTimelineRows,
  migrateWarehouse,
  openWarehouse,
  type Warehouse,
} from '@touchline/warehouse';
import {
  calibrationWindow,
  churnModels,
  churnModelStreamId,
  refitProjectsWithOrders,
} from './churnModels.ts';

const dir = tempDir('tl-churn-models-');
let store: OpenedEventStore;
let warehouse: Warehouse;
let position = 0;

beforeAll(async () => {
  store = await openEventStore({ kind: 'pglite' });
  warehouse = await openWarehouse({ kind: 'chdb', dataDir: `${dir.path}/warehouse` });
  await migrateWarehouse(warehouse);
});
afterAll(async () => {
  await warehouse.close();
  await store.store.close();
  dir.remove();
});

const DAY = 86_400_000;
const newProject = () => `p_${randomUUID().replaceAll('-', '').slice(0, 12)}`;

/** Customers buying by the BG/NBD story, born in the first 60 days of 2024. */
function orders(n: number, seed: number, prefix = 'c'): Transaction[] {
  const random = seededRandom(seed);
  const end = Date.parse('2024-07-01');
  const out: Transaction[] = [];
  for (let i = 0; i < n; i++) {
    const lambda = random.gamma(0.5, 4);
    const p = random.beta(0.8, 2.5);
    let at = Date.UTC(2024, 0, 1) + Math.floor(random.uniform() * 60) * DAY + 3_600_000;
    for (let k = 0; at < end; k++) {
      out.push({ customerId: `${prefix}${i}`, at: new Date(at), amount: 10 + (i % 30) + k });
      if (k > 0 && random.uniform() < p) break;
      at += random.exponential(lambda) * 7 * DAY;
    }
  }
  return out;
}

const project = (projectId: string, transactions: readonly Transaction[]) =>
  insertTimelineRows(
    warehouse,
    transactions.map((t): TimelineRow => ({
      project_id: projectId,
      customer_key: t.customerId,
      occurred_at: (t.at as Date).toISOString().replace('T', ' ').replace('Z', ''),
      event_id: randomUUID(),
      type: 'order.placed',
      event_name: '',
      channel: 'web',
      user_id: t.customerId,
      anonymous_id: '',
      received_at: '2024-07-01 00:00:00.000',
      store_position: ++position,
      data: JSON.stringify({ orderId: randomUUID(), amount: t.amount, currency: 'EUR' }),
      context: '{}',
    })),
  );

/** Equal to 9 decimals: the warehouse orders customers by key, the sums add up in another order. */
const expectClose = (actual: object | undefined, expected: object | undefined) => {
  expect(Object.keys(actual ?? {}).sort()).toEqual(Object.keys(expected ?? {}).sort());
  for (const [key, value] of Object.entries(expected ?? {}))
    expect((actual as Record<string, number>)[key]).toBeCloseTo(value as number, 9);
};

const facts = (projectId: string) => store.store.readStream(churnModelStreamId(projectId));
const window = { from: '2024-01-01', to: '2024-06-30' };
const options = () => ({ store: store.store, warehouse, source: 'test' });

describe('churnModels', () => {
  it('refits into a churn.model_fitted fact equal to fitting the same orders directly', async () => {
    const projectId = newProject();
    const transactions = orders(500, 1);
    await project(projectId, transactions);
    const models = churnModels(options());
    expect(await models.current(projectId)).toBeUndefined();

    const { model, appended } = await models.refit(projectId, window);
    const direct = fitChurnModel(transactions, { start: window.from, end: window.to });
    expect(appended).toBe(true);
    expect(model).toMatchObject({
      projectId,
      version: 1,
      calibration: window,
      timeUnitDays: 7,
      customers: 500,
    });
    expectClose(model.bgnbd, direct.bgnbd);
    expect(direct.gammaGamma).toBeDefined();
    expectClose(model.gammaGamma, direct.gammaGamma);
    const stored = await facts(projectId);
    expect(stored.map((e) => [e.type, e.data])).toEqual([[CHURN_MODEL_FITTED, model]]);
    expect(stored[0]!.metadata).toMatchObject({ source: 'test', derived: true });
    expect(await models.current(projectId)).toEqual(model);
    // A fresh reader (no cache) finds it in the store.
    expect(await churnModels(options()).current(projectId)).toEqual(model);
  });

  it('is idempotent for the same window and data; new data or another window is version + 1', async () => {
    const projectId = newProject();
    await project(projectId, orders(300, 2));
    const models = churnModels(options());
    const first = await models.refit(projectId, window);
    const again = await churnModels(options()).refit(projectId, window);
    expect(again).toEqual({ model: first.model, appended: false });
    expect(await facts(projectId)).toHaveLength(1);

    await project(projectId, orders(20, 3, 'late'));
    const second = await models.refit(projectId, window);
    expect(second.appended).toBe(true);
    expect(second.model.version).toBe(2);
    expect(second.model.customers).toBe(320);

    const third = await models.refit(projectId, { from: '2024-01-01', to: '2024-05-31' });
    expect(third.model).toMatchObject({ version: 3, calibration: { to: '2024-05-31' } });
    // Back to the second window: the data are those of version 2, but the model changed since.
    expect((await models.refit(projectId, window)).model.version).toBe(4);
    expect((await facts(projectId)).map((e) => (e.data as { version: number }).version)).toEqual([
      1, 2, 3, 4,
    ]);
  });

  it('two concurrent refits of the same data append one fact', async () => {
    const projectId = newProject();
    await project(projectId, orders(300, 4));
    const [a, b] = await Promise.all([
      churnModels(options()).refit(projectId, window),
      churnModels(options()).refit(projectId, window),
    ]);
    expect(await facts(projectId)).toHaveLength(1);
    expect(a.model.version).toBe(1);
    expect(b.model.version).toBe(1);
    expect([a.appended, b.appended].sort()).toEqual([false, true]);
  });

  it('fits identity-unified customers: an anonymous key’s orders count for its user', async () => {
    const projectId = newProject();
    const transactions = orders(300, 5);
    // Customer c0's later orders were placed before login, under an anonymous key.
    const [first, ...rest] = transactions.filter((t) => t.customerId === 'c1');
    expect(rest.length).toBeGreaterThan(0);
    await project(projectId, [
      ...transactions.filter((t) => t.customerId !== 'c1'),
      first!,
      ...rest.map((t) => ({ ...t, customerId: 'anon:v1' })),
    ]);
    await insertIdentityMap(warehouse, projectId, [
      { customerKey: 'anon:v1', canonicalKey: 'c1', version: 1, memberKeys: ['anon:v1', 'c1'] },
    ]);
    const { model } = await churnModels(options()).refit(projectId, window);
    expect(model.customers).toBe(300);
    expectClose(
      model.bgnbd,
      fitChurnModel(transactions, { start: window.from, end: window.to }).bgnbd,
    );
  });

  it('refuses a window with too few customers and appends nothing', async () => {
    const projectId = newProject();
    await project(projectId, orders(20, 6));
    await expect(churnModels(options()).refit(projectId, window)).rejects.toThrow(ChurnFitError);
    expect(await facts(projectId)).toEqual([]);
  });
});

describe('refitProjectsWithOrders (the schedule)', () => {
  it('refits every project with recent orders over the default window, errors kept per project', async () => {
    const [rich, thin, stale] = [newProject(), newProject(), newProject()];
    await project(rich, orders(500, 1));
    await project(thin, orders(10, 8));
    await project(stale, [{ customerId: 'x', at: new Date('2022-01-01T00:00:00Z'), amount: 5 }]);
    const now = new Date('2024-07-01T12:00:00Z');
    const models = churnModels({ ...options(), now: () => now });
    const outcomes = await refitProjectsWithOrders(models, warehouse, now);
    const byProject = new Map(outcomes.map((o) => [o.projectId, o]));
    expect(byProject.get(rich)).toMatchObject({
      result: {
        appended: true,
        model: {
          version: 1,
          customers: 500,
          calibration: { from: '2023-07-03', to: '2024-07-01' },
        },
      },
    });
    expect((byProject.get(thin) as { error: unknown }).error).toBeInstanceOf(ChurnFitError);
    expect(byProject.has(stale)).toBe(false);
    expect(await models.current(rich)).toEqual(await churnModels(options()).current(rich));
  });
});

describe('calibrationWindow', () => {
  it('defaults to the 365 days ending today (UTC) and refuses an empty window', () => {
    const now = new Date('2024-07-01T23:30:00Z');
    expect(calibrationWindow({}, now)).toEqual({ from: '2023-07-03', to: '2024-07-01' });
    expect(calibrationWindow({ to: '2024-01-10' }, now)).toEqual({
      from: '2023-01-11',
      to: '2024-01-10',
    });
    expect(() => calibrationWindow({ from: '2024-02-01', to: '2024-01-31' }, now)).toThrow(
      RangeError,
    );
  });
});
