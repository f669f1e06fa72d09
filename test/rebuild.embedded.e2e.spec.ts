import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '@touchline/testing';
import { bootstrapKeys, getTimeline, postTouchpoint, useKeys } from './support/journeyClient.ts';
import {
  eventually,
  startPlatformProcess,
  type PlatformProcess,
} from './support/platformProcess.ts';

const MAIN = fileURLToPath(new URL('../services/platform/src/main.ts', import.meta.url));
const DAY = 86_400_000;

// `touchline rebuild` on an embedded data dir: refused while the platform runs, then drops and
// rebuilds every read model from the store with progress, and the API answers as before.
describe('rebuild command (embedded platform)', () => {
  const data = tempDir('tl-e2e-rebuild-');
  let platform: PlatformProcess;
  let readKey: string;

  const customer = async (id: string) => {
    const response = await fetch(`${platform.url}/v1/customers/${id}`, {
      headers: { authorization: `Bearer ${readKey}` },
    });
    return { status: response.status, body: (await response.json()) as { customer?: unknown } };
  };

  const rebuild = (...args: string[]) =>
    spawnSync(process.execPath, [MAIN, 'rebuild', ...args], {
      env: {
        ...Object.fromEntries(
          Object.entries(process.env).filter(
            ([k]) => !/^(TL_|DATABASE_|KAFKA_|CLICKHOUSE_)/.test(k),
          ),
        ),
        TL_DATA_DIR: data.path,
        TL_LOG_LEVEL: 'warn',
      },
      encoding: 'utf8',
      timeout: 120_000,
    });

  beforeAll(async () => {
    platform = await startPlatformProcess({ TL_DATA_DIR: data.path });
    const keys = bootstrapKeys(data.path);
    useKeys(keys);
    readKey = keys.read;
  });
  afterAll(async () => {
    await platform?.stop();
    data.remove();
  });

  it('refuses while the platform runs, rebuilds once it is stopped, and changes no answer', async () => {
    const start = Date.now() - 300 * DAY;
    const batch = ['c-1', 'c-2', 'c-3'].flatMap((userId, i) => [
      {
        type: 'page.viewed',
        channel: 'web',
        userId,
        occurredAt: new Date(start).toISOString(),
        data: { path: '/' },
      },
      ...[10, 40, 70].slice(0, i + 1).map((day, n) => ({
        type: 'order.placed',
        channel: 'web',
        userId,
        occurredAt: new Date(start + day * DAY).toISOString(),
        data: { orderId: `${userId}-o${n}`, amount: 30 + n, currency: 'EUR' },
      })),
      {
        type: 'case.opened',
        channel: 'phone',
        userId,
        occurredAt: new Date(start + 80 * DAY).toISOString(),
        data: { caseId: `${userId}-k`, kind: 'inquiry' },
      },
    ]);
    expect((await postTouchpoint(platform.url, { batch })).status).toBe(200);
    const ready = await eventually(
      () => customer('c-3'),
      (r) => r.status === 200,
      10_000,
      100,
    );
    expect(ready.ok).toBe(true);
    const before = await Promise.all(['c-1', 'c-2', 'c-3'].map(customer));
    const timelineBefore = await getTimeline(platform.url, 'c-3');
    expect(
      before.map((r) => (r.body.customer as { stage: { current: string } }).stage.current),
    ).toEqual(['at_risk', 'at_risk', 'at_risk']);

    const refused = rebuild();
    expect(refused.status).toBe(3);
    expect(refused.stderr).toContain('Stop the running platform');

    await platform.stop();
    const done = rebuild();
    expect(done.stderr).toMatch(/replay timeline\+identity/);
    expect(done.stderr).toMatch(/recompute customer_state/);
    expect(done.stdout).toMatch(/Rebuilt timeline, identity, customer_state: \d+ events replayed/);
    expect(done.status).toBe(0);

    const unknown = rebuild('--projection', 'funnels');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Unknown projection funnels');

    platform = await startPlatformProcess({ TL_DATA_DIR: data.path });
    const after = await Promise.all(['c-1', 'c-2', 'c-3'].map(customer));
    expect(after.map((r) => r.body)).toEqual(before.map((r) => r.body));
    expect((await getTimeline(platform.url, 'c-3')).events).toEqual(timelineBefore.events);
  });
});
