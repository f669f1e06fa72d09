import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rfmSummary, type TimelineRow } from '@touchline/journey';
import { tempDir } from '@touchline/testing';
import { insertIdentityMap } from './identityMapTable.ts';
import { migrateWarehouse } from './migrateWarehouse.ts';
import { openWarehouse } from './openWarehouse.ts';
import { projectsWithOrders, readOrderHistories } from './orderHistories.ts';
import { insertTimelineRows } from './timelineTable.ts';
import type { Warehouse } from './warehouse.ts';

const dir = tempDir('tl-orders-');
let warehouse: Warehouse;
let position = 0;

beforeAll(async () => {
  warehouse = await openWarehouse({ kind: 'chdb', dataDir: `${dir.path}/warehouse` });
  await migrateWarehouse(warehouse);
});
afterAll(async () => {
  await warehouse.close();
  dir.remove();
});

const row = (
  projectId: string,
  customerKey: string,
  at: string,
  amount: number,
  type = 'order.placed',
): TimelineRow => ({
  project_id: projectId,
  customer_key: customerKey,
  occurred_at: at.replace('T', ' ').replace(/Z$/, ''),
  event_id: randomUUID(),
  type,
  event_name: '',
  channel: 'web',
  user_id: customerKey,
  anonymous_id: '',
  received_at: '2024-06-01 00:00:00.000',
  store_position: ++position,
  data: JSON.stringify({ orderId: randomUUID(), amount, currency: 'EUR' }),
  context: '{}',
});

describe('readOrderHistories', () => {
  it('returns the window cohort’s orders, identity-unified, without earlier-born customers', async () => {
    await insertTimelineRows(warehouse, [
      row('shop', 'a', '2024-01-05T09:00:00Z', 10),
      row('shop', 'a', '2024-01-05T18:00:00Z', 5),
      row('shop', 'a', '2024-02-01T12:00:00Z', 20),
      row('shop', 'a', '2024-04-01T00:00:00Z', 99), // after the window
      row('shop', 'a', '2024-01-20T00:00:00Z', 0, 'page.viewed'),
      row('shop', 'old', '2023-12-31T23:59:59.999Z', 1), // born before the window
      row('shop', 'old', '2024-01-10T00:00:00Z', 7),
      row('shop', 'late', '2024-03-31T00:00:00Z', 3), // born after the window
      row('shop', 'u', '2024-03-02T00:00:00Z', 8),
      row('shop', 'anon:v', '2024-01-03T00:00:00Z', 4), // the same customer as u
      row('shop', 'anon:v', '2024-03-30T23:59:59.999Z', 6), // last instant of the window
      row('other', 'a', '2024-01-06T00:00:00Z', 1000),
    ]);
    await insertIdentityMap(warehouse, 'shop', [
      { customerKey: 'anon:v', canonicalKey: 'u', version: 1, memberKeys: ['anon:v', 'u'] },
      { customerKey: 'u', canonicalKey: 'u', version: 1, memberKeys: ['anon:v', 'u'] },
    ]);
    const orders = await readOrderHistories(warehouse, 'shop', {
      from: '2024-01-01',
      to: '2024-03-30',
    });
    const iso = (ms: number) => new Date(ms).toISOString();
    expect(
      orders.map((o) => ({ key: o.customerKey, times: o.times.map(iso), amounts: o.amounts })),
    ).toEqual([
      {
        key: 'a',
        times: ['2024-01-05T09:00:00.000Z', '2024-01-05T18:00:00.000Z', '2024-02-01T12:00:00.000Z'],
        amounts: [10, 5, 20],
      },
      {
        key: 'u',
        times: ['2024-01-03T00:00:00.000Z', '2024-03-02T00:00:00.000Z', '2024-03-30T23:59:59.999Z'],
        amounts: [4, 8, 6],
      },
    ]);
    expect(await projectsWithOrders(warehouse, new Date('2024-01-01T00:00:00Z'))).toEqual([
      'other',
      'shop',
    ]);
    expect(await projectsWithOrders(warehouse, new Date('2024-03-31T00:00:01Z'))).toEqual(['shop']);
    await expect(
      readOrderHistories(warehouse, 'shop', { from: '2024-02-01', to: '2024-01-01' }),
    ).rejects.toThrow(RangeError);
  });

  it('reads 100k customers’ orders in seconds (timing printed)', async () => {
    // 100k customers, 1-5 orders each in 2023, some on the same day.
    const rows: TimelineRow[] = [];
    for (let c = 0; c < 100_000; c++) {
      const first = c % 300;
      for (let k = 0; k < 1 + (c % 5); k++) {
        const day = Math.min(364, first + k * ((c % 7) + 1) * 3 - (k === 2 ? 1 : 0));
        const at = new Date(Date.UTC(2023, 0, 1) + day * 86_400_000 + k * 3_600_000);
        rows.push(row('big', `c${c}`, at.toISOString(), 10 + k));
      }
    }
    for (let i = 0; i < rows.length; i += 100_000)
      await insertTimelineRows(warehouse, rows.slice(i, i + 100_000));
    const started = performance.now();
    const orders = await readOrderHistories(warehouse, 'big', {
      from: '2023-01-01',
      to: '2023-12-31',
    });
    const read = performance.now() - started;
    const summary = rfmSummary(
      (function* () {
        for (const o of orders)
          for (let i = 0; i < o.times.length; i++)
            yield { customerId: o.customerKey, at: new Date(o.times[i]!), amount: o.amounts[i]! };
      })(),
      { start: '2023-01-01', end: '2023-12-31' },
    );
    const total = performance.now() - started;
    console.log(
      `100k customers, ${rows.length} orders: query ${read.toFixed(0)} ms, ` +
        `+ rfmSummary ${(total - read).toFixed(0)} ms`,
    );
    expect(orders).toHaveLength(100_000);
    expect(summary.customerIds).toHaveLength(100_000);
    expect(orders.reduce((n, o) => n + o.times.length, 0)).toBe(rows.length);
    expect(total).toBeLessThan(30_000);
  }, 120_000);
});
