import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimelineRow } from '@touchline/journey';
import { migrateWarehouse } from '../migrateWarehouse.ts';
import { loadProjectionCheckpoint, saveProjectionCheckpoint } from '../projectionCheckpoints.ts';
import { insertTimelineRows, readTimeline } from '../timelineTable.ts';
import type { Warehouse } from '../warehouse.ts';

export interface WarehouseFixture {
  readonly warehouse: Warehouse;
  dispose(): Promise<void>;
}

let position = 0;
const row = (
  customerKey: string,
  occurredAt: string,
  overrides: Partial<TimelineRow> = {},
): TimelineRow => ({
  project_id: 'contract',
  customer_key: customerKey,
  occurred_at: occurredAt,
  event_id: randomUUID(),
  type: 'page.viewed',
  event_name: '',
  channel: 'web',
  user_id: customerKey,
  anonymous_id: '',
  received_at: occurredAt,
  store_position: ++position,
  data: JSON.stringify({ n: position }),
  context: '{}',
  ...overrides,
});

/** The behaviour every Warehouse adapter must show (chdb and ClickHouse server). */
export function warehouseContract(open: () => Promise<WarehouseFixture>): void {
  let fixture: WarehouseFixture;
  let warehouse: Warehouse;
  beforeAll(async () => {
    fixture = await open();
    warehouse = fixture.warehouse;
    await migrateWarehouse(warehouse);
  });
  afterAll(async () => {
    await fixture?.dispose();
  });

  describe('migrations', () => {
    it('are recorded and not applied twice', async () => {
      expect(await migrateWarehouse(warehouse)).toEqual([]);
      const versions = await warehouse.query<{ version: number }>(
        `SELECT version FROM ${warehouse.database}.schema_migrations ORDER BY version`,
      );
      expect(versions.map((v) => Number(v.version))).toContain(1);
    });
  });

  describe('timeline', () => {
    it('returns a customer’s rows newest first, and only theirs', async () => {
      const customer = `c-${randomUUID()}`;
      await insertTimelineRows(warehouse, [
        row(customer, '2026-01-01 10:00:00.000', { type: 'a.first' }),
        row(customer, '2026-01-03 10:00:00.000', {
          type: 'c.third',
          data: JSON.stringify({ text: 'Grüße 👋' }),
        }),
        row(customer, '2026-01-02 10:00:00.000', {
          type: 'b.second',
          event_name: 'Checkout Started',
        }),
        row(`other-${customer}`, '2026-01-02 11:00:00.000'),
      ]);
      const timeline = await readTimeline(warehouse, {
        projectId: 'contract',
        customerKey: customer,
      });
      expect(timeline.map((entry) => entry.type)).toEqual(['c.third', 'b.second', 'a.first']);
      expect(timeline.map((entry) => entry.event)).toEqual([null, 'Checkout Started', null]);
      expect(timeline[0]).toMatchObject({
        occurredAt: '2026-01-03T10:00:00.000Z',
        data: { text: 'Grüße 👋' },
      });
      expect(typeof timeline[0]?.position).toBe('number');
    });

    it('a re-delivered row is counted once', async () => {
      const customer = `c-${randomUUID()}`;
      const once = row(customer, '2026-02-01 00:00:00.000');
      await insertTimelineRows(warehouse, [once]);
      await insertTimelineRows(warehouse, [once]);
      expect(
        await readTimeline(warehouse, { projectId: 'contract', customerKey: customer }),
      ).toHaveLength(1);
    });

    it('a retried insert with the same dedup token adds nothing', async () => {
      const customer = `c-${randomUUID()}`;
      const rows = [
        row(customer, '2026-02-01 00:00:00.000'),
        row(customer, '2026-02-01 00:00:01.000'),
      ];
      const token = randomUUID();
      await insertTimelineRows(warehouse, rows, token);
      await insertTimelineRows(warehouse, rows, token);
      // A later insert without a token must land (chdb once kept the token in its session).
      await insertTimelineRows(warehouse, [row(customer, '2026-02-01 00:00:02.000')]);
      const [count] = await warehouse.query<{ n: number | string }>(
        `SELECT count() AS n FROM ${warehouse.database}.timeline_events WHERE customer_key = {c:String}`,
        { c: customer },
      );
      expect(Number(count?.n)).toBe(3);
    });

    it('inserts rows whose keys differ (a column left to its default), and text verbatim', async () => {
      const customer = `c-${randomUUID()}`;
      const odd = 'tab\there, newline\nhere, quote " and backslash \\ and 🙂';
      const { event_name: _omitted, ...withoutName } = row(customer, '2026-02-03 00:00:00.000');
      await warehouse.insert(`${warehouse.database}.timeline_events`, [
        row(customer, '2026-02-03 00:00:01.000', { event_name: odd }),
        withoutName,
      ]);
      const timeline = await readTimeline(warehouse, {
        projectId: 'contract',
        customerKey: customer,
      });
      expect(timeline.map((e) => e.event)).toEqual([odd, null]);
    });

    it('rejects an insert the engine refuses, with its error code', async () => {
      await expect(
        warehouse.insert(`${warehouse.database}.no_such_table`, [{ a: 1 }]),
      ).rejects.toMatchObject({ code: '60' });
    });

    it('binds parameters: an injection string is just a value', async () => {
      const hostile = "x' OR 1=1 --";
      await insertTimelineRows(warehouse, [row(hostile, '2026-02-02 00:00:00.000')]);
      const timeline = await readTimeline(warehouse, {
        projectId: 'contract',
        customerKey: hostile,
      });
      expect(timeline).toHaveLength(1);
      expect(timeline[0]?.userId).toBe(hostile);
    });
  });

  describe('projection checkpoints', () => {
    it('load the greatest saved checkpoint', async () => {
      const name = `p-${randomUUID()}`;
      expect(await loadProjectionCheckpoint(warehouse, name)).toBeUndefined();
      await saveProjectionCheckpoint(warehouse, name, '00000000000000000002:00000000000000000010');
      await saveProjectionCheckpoint(warehouse, name, '00000000000000000001:00000000000000000099');
      expect(await loadProjectionCheckpoint(warehouse, name)).toBe(
        '00000000000000000002:00000000000000000010',
      );
    });
  });
}
