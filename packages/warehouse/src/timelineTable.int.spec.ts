import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimelineRow } from '@touchline/journey';
import { tempDir } from '@touchline/testing';
import { insertIdentityMap } from './identityMapTable.ts';
import { migrateWarehouse } from './migrateWarehouse.ts';
import { openWarehouse } from './openWarehouse.ts';
import { insertTimelineRows, readTimeline } from './timelineTable.ts';
import type { Warehouse } from './warehouse.ts';

const dir = tempDir('tl-timeline-');
let warehouse: Warehouse;

beforeAll(async () => {
  warehouse = await openWarehouse({ kind: 'chdb', dataDir: `${dir.path}/warehouse` });
  await migrateWarehouse(warehouse);
});
afterAll(async () => {
  await warehouse.close();
  dir.remove();
});

const row = (customerKey: string, at: string, position: number, path: string): TimelineRow => ({
  project_id: 'shop',
  customer_key: customerKey,
  occurred_at: at,
  event_id: randomUUID(),
  type: 'page.viewed',
  event_name: '',
  channel: 'web',
  user_id: customerKey.startsWith('anon:') ? '' : customerKey,
  anonymous_id: customerKey.startsWith('anon:') ? customerKey.slice(5) : '',
  received_at: at,
  store_position: position,
  data: JSON.stringify({ path }),
  context: '{}',
});

describe('readTimeline', () => {
  it('collapses re-delivered rows (separate inserts, unmerged parts) to one, newest first', async () => {
    const first = row('u-1', '2024-05-01 10:00:00.000', 1, '/a');
    const second = row('u-1', '2024-05-01 11:00:00.000', 2, '/b');
    // Three deliveries of `first` in three parts (distinct dedup tokens, so none is dropped at
    // insert); the last one carries a higher store position, as a re-append after erasure would.
    await insertTimelineRows(warehouse, [first, second], 't1');
    await insertTimelineRows(warehouse, [first], 't2');
    await insertTimelineRows(
      warehouse,
      [{ ...first, store_position: 7, data: '{"path":"/a2"}' }],
      't3',
    );
    const raw = await warehouse.query<{ n: string }>(
      `SELECT count() AS n FROM ${warehouse.database}.timeline_events WHERE customer_key = 'u-1'`,
    );
    expect(Number(raw[0]!.n)).toBeGreaterThan(2); // the duplicates really are stored
    const timeline = await readTimeline(warehouse, { projectId: 'shop', customerKey: 'u-1' });
    expect(timeline.map((e) => [e.id, e.position, e.data])).toEqual([
      [second.event_id, 2, { path: '/b' }],
      [first.event_id, 7, { path: '/a2' }],
    ]);
  });

  it('unifies the keys of one customer, from any of them, and keeps others out', async () => {
    await insertTimelineRows(warehouse, [
      row('anon:v-9', '2024-05-02 09:00:00.000', 10, '/landing'),
      row('u-9', '2024-05-02 09:05:00.000', 11, '/account'),
      row('u-10', '2024-05-02 09:06:00.000', 12, '/other'),
    ]);
    await insertIdentityMap(warehouse, 'shop', [
      { customerKey: 'anon:v-9', canonicalKey: 'u-9', version: 11 },
      { customerKey: 'u-9', canonicalKey: 'u-9', version: 11 },
    ]);
    for (const key of ['u-9', 'anon:v-9']) {
      const timeline = await readTimeline(warehouse, { projectId: 'shop', customerKey: key });
      expect(timeline.map((e) => e.data.path)).toEqual(['/account', '/landing']);
    }
    // The anonymous key later moves to another customer: its old index row no longer counts.
    await insertIdentityMap(warehouse, 'shop', [
      { customerKey: 'anon:v-9', canonicalKey: 'u-10', version: 20 },
      { customerKey: 'u-10', canonicalKey: 'u-10', version: 20 },
    ]);
    const moved = await readTimeline(warehouse, { projectId: 'shop', customerKey: 'u-9' });
    expect(moved.map((e) => e.data.path)).toEqual(['/account']);
    const other = await readTimeline(warehouse, { projectId: 'shop', customerKey: 'anon:v-9' });
    expect(other.map((e) => e.data.path)).toEqual(['/other', '/landing']);
  });

  it('honours the limit and answers an unknown key with nothing', async () => {
    const page = await readTimeline(warehouse, { projectId: 'shop', customerKey: 'u-1', limit: 1 });
    expect(page).toHaveLength(1);
    expect(await readTimeline(warehouse, { projectId: 'shop', customerKey: 'nobody' })).toEqual([]);
    expect(await readTimeline(warehouse, { projectId: 'other', customerKey: 'u-1' })).toEqual([]);
  });
});
