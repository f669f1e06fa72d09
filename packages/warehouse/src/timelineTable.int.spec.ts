import { randomUUID } from 'node:crypto';
import { cpSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityMapEntries, type IdentityLink, type TimelineRow } from '@touchline/journey';
import { tempDir } from '@touchline/testing';
import { insertIdentityMap } from './identityMapTable.ts';
import { MIGRATIONS_DIR, migrateWarehouse } from './migrateWarehouse.ts';
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

const link = (fromKey: string, toKey: string, position: number): IdentityLink => ({
  fromKey,
  toKey,
  position,
  eventId: `e-${position}`,
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
    await insertIdentityMap(warehouse, 'shop', identityMapEntries([link('anon:v-9', 'u-9', 11)]));
    for (const key of ['u-9', 'anon:v-9']) {
      const timeline = await readTimeline(warehouse, { projectId: 'shop', customerKey: key });
      expect(timeline.map((e) => e.data.path)).toEqual(['/account', '/landing']);
    }
    // The anonymous key is later identified as another customer: the component's rows are all
    // rewritten, and u-9's no longer lists it.
    await insertIdentityMap(
      warehouse,
      'shop',
      identityMapEntries([link('anon:v-9', 'u-9', 11), link('anon:v-9', 'u-10', 20)]),
    );
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

/**
 * Runs `work` on a database of its own in the same engine (chdb takes one data directory per
 * process), migrated up to but not including `migration` (its file name); dropped afterwards.
 */
async function beforeMigration(
  migration: string,
  work: (wh: Warehouse) => Promise<void>,
): Promise<void> {
  const old = tempDir('tl-timeline-before-');
  const wh: Warehouse = { ...warehouse, database: `tl_before_${migration.slice(0, 4)}` };
  await wh.command(`DROP DATABASE IF EXISTS ${wh.database}`);
  await wh.command(`CREATE DATABASE ${wh.database}`);
  try {
    cpSync(MIGRATIONS_DIR, `${old.path}/migrations`, { recursive: true });
    rmSync(`${old.path}/migrations/${migration}`);
    await migrateWarehouse(wh, `${old.path}/migrations`);
    await work(wh);
  } finally {
    await wh.command(`DROP DATABASE IF EXISTS ${wh.database}`);
    old.remove();
  }
}

describe('migration 0007 (member keys on identity_map rows)', () => {
  it('fills the member keys of rows written before it, so older merges still unify', async () => {
    await beforeMigration('0007_identity_member_keys.sql', async (wh) => {
      // Map rows as they were written before 0007 (no member keys).
      await insertTimelineRows(wh, [
        row('anon:w-1', '2024-06-01 09:00:00.000', 1, '/landing'),
        row('u-7', '2024-06-01 09:05:00.000', 2, '/account'),
      ]);
      await wh.insert(`${wh.database}.identity_map`, [
        { project_id: 'shop', customer_key: 'anon:w-1', canonical_key: 'u-7', store_position: 2 },
        { project_id: 'shop', customer_key: 'u-7', canonical_key: 'u-7', store_position: 2 },
      ]);
      expect(await migrateWarehouse(wh)).toEqual([7]);
      for (const key of ['u-7', 'anon:w-1']) {
        const timeline = await readTimeline(wh, { projectId: 'shop', customerKey: key });
        expect(timeline.map((e) => e.data.path)).toEqual(['/account', '/landing']);
      }
    });
  });
});

describe('migration 0008 (timeline_events without monthly partitions)', () => {
  it('moves every row into the unpartitioned table, and a rerun changes nothing', async () => {
    await beforeMigration('0008_timeline_events_unpartitioned.sql', async (wh) => {
      const partitionKey = async () =>
        (
          await wh.query<{ key: string }>(
            `SELECT partition_key AS key FROM system.tables
           WHERE database = '${wh.database}' AND name = 'timeline_events'`,
          )
        )[0]?.key;
      const tables = async () =>
        (
          await wh.query<{ name: string }>(
            `SELECT name FROM system.tables WHERE database = '${wh.database}' ORDER BY name`,
          )
        ).map((t) => t.name);
      expect(await partitionKey()).toBe('toYYYYMM(occurred_at)');
      // Three months of one customer, a re-delivery included: three partitions before.
      const rows = [
        row('u-8', '2024-04-30 23:59:59.999', 1, '/april'),
        row('u-8', '2024-05-15 12:00:00.000', 2, '/may'),
        row('u-8', '2024-06-01 00:00:00.000', 3, '/june'),
      ];
      await insertTimelineRows(wh, rows);
      await insertTimelineRows(wh, [{ ...rows[1]!, store_position: 2 }]);
      const before = await readTimeline(wh, { projectId: 'shop', customerKey: 'u-8' });
      expect(before.map((e) => e.data.path)).toEqual(['/june', '/may', '/april']);

      expect(await migrateWarehouse(wh)).toEqual([8]);
      expect(await partitionKey()).toBe('');
      expect(await readTimeline(wh, { projectId: 'shop', customerKey: 'u-8' })).toEqual(before);
      expect(await tables()).not.toContain('timeline_events_0008');

      // As if the process had died after the swap, before dropping the old table and recording the
      // migration: the rerun loses nothing, takes nothing from the leftover, and leaves none.
      await wh.command(
        `CREATE TABLE ${wh.database}.timeline_events_0008 AS ${wh.database}.timeline_events`,
      );
      await wh.insert(`${wh.database}.timeline_events_0008`, [
        row('u-8', '2024-07-01 00:00:00.000', 4, '/stale'),
      ]);
      await wh.command(
        `ALTER TABLE ${wh.database}.schema_migrations DELETE WHERE version = 8 SETTINGS mutations_sync = 1`,
      );
      expect(await migrateWarehouse(wh)).toEqual([8]);
      expect(await partitionKey()).toBe('');
      expect(await readTimeline(wh, { projectId: 'shop', customerKey: 'u-8' })).toEqual(before);
      expect(await tables()).not.toContain('timeline_events_0008');
    });
  });
});

describe('readTimeline filters and pages', () => {
  it('filters by channels, types and [from, to), and continues before an entry', async () => {
    const at = (minute: number) => `2024-07-01 10:${String(minute).padStart(2, '0')}:00.000`;
    const rows = [0, 1, 2, 3, 4, 5].map((minute) => ({
      ...row('u-pages', at(minute), 100 + minute, `/p${minute}`),
      channel: minute % 2 === 0 ? 'web' : 'app',
      type: minute < 3 ? 'page.viewed' : 'order.placed',
    }));
    rows.push({ ...row('u-pages', at(3), 110, '/tie'), channel: 'web', type: 'order.placed' });
    await insertTimelineRows(warehouse, rows);
    const read = (query: Partial<Parameters<typeof readTimeline>[1]>) =>
      readTimeline(warehouse, { projectId: 'shop', customerKey: 'u-pages', ...query });
    const all = await read({});
    expect(all.map((e) => e.data.path)).toHaveLength(7);
    const paths = (entries: Awaited<ReturnType<typeof read>>) => entries.map((e) => e.data.path);
    expect(paths(await read({ channels: ['app'] }))).toEqual(['/p5', '/p3', '/p1']);
    expect(paths(await read({ types: ['page.viewed'], channels: ['web', 'app'] }))).toEqual([
      '/p2',
      '/p1',
      '/p0',
    ]);
    expect(paths(await read({ from: '2024-07-01T10:01:00Z', to: '2024-07-01T10:03:00Z' }))).toEqual(
      ['/p2', '/p1'],
    );
    // Pages of two, each continuing before the previous page's last entry (ties included).
    const walked: string[] = [];
    let before: { occurredAt: string; id: string } | undefined;
    for (;;) {
      const page = await read({ limit: 2, before });
      walked.push(...page.map((e) => e.id));
      if (page.length < 2) break;
      before = { occurredAt: page.at(-1)!.occurredAt, id: page.at(-1)!.id };
    }
    expect(walked).toEqual(all.map((e) => e.id));
  });
});
