import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitChurnModel, seededRandom, type Transaction } from '@touchline/journey';
import { tempDir } from '@touchline/testing';
import {
  eventually,
  startPlatformProcess,
  type PlatformProcess,
} from './support/platformProcess.ts';

// The scheduled refit (TL_REFIT_INTERVAL_MS) of the embedded platform: a project with recent
// orders gets a model without asking, the schedule appends nothing while the data stay the same,
// and new orders make a new version.
const DAY = 86_400_000;
const today = () => new Date().toISOString().slice(0, 10);

/** Customers buying by the BG/NBD story, born 100-250 days ago; orders up to yesterday. */
function orders(n: number, seed: number, prefix: string): Transaction[] {
  const random = seededRandom(seed);
  const end = Date.parse(`${today()}T00:00:00Z`);
  const out: Transaction[] = [];
  for (let i = 0; i < n; i++) {
    const lambda = random.gamma(0.5, 4);
    const p = random.beta(0.8, 2.5);
    let at = end - (100 + Math.floor(random.uniform() * 150)) * DAY + 3_600_000;
    for (let k = 0; at < end; k++) {
      out.push({ customerId: `${prefix}${i}`, at: new Date(at), amount: 10 + (i % 30) + k });
      if (k > 0 && random.uniform() < p) break;
      at += random.exponential(lambda) * 7 * DAY;
    }
  }
  return out;
}

interface ModelBody {
  model: {
    version: number;
    fittedAt: string;
    calibration: { from: string; to: string };
    customers: number;
    bgnbd: Record<string, number>;
  };
}

describe('scheduled churn refit (embedded platform, TL_REFIT_INTERVAL_MS = 500)', () => {
  const data = tempDir('tl-e2e-refit-');
  let platform: PlatformProcess;
  let write: string;
  let read: string;
  let projectId: string;

  beforeAll(async () => {
    platform = await startPlatformProcess({ TL_DATA_DIR: data.path, TL_REFIT_INTERVAL_MS: '500' });
    const keys = JSON.parse(readFileSync(join(data.path, 'bootstrap-keys.json'), 'utf8')) as Record<
      string,
      { token: string; projectId: string }
    >;
    write = keys.write!.token;
    read = keys.read!.token;
    projectId = keys.read!.projectId;
  }, 90_000);
  afterAll(async () => {
    await platform?.stop();
    data.remove();
  });

  const post = async (transactions: readonly Transaction[]) => {
    for (let i = 0; i < transactions.length; i += 500) {
      const batch = transactions.slice(i, i + 500).map((t, j) => ({
        type: 'order.placed',
        channel: 'web',
        userId: t.customerId,
        occurredAt: (t.at as Date).toISOString(),
        data: { orderId: `o-${t.customerId}-${i + j}`, amount: t.amount, currency: 'EUR' },
      }));
      const response = await fetch(`${platform.url}/v1/touchpoints`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${write}` },
        body: JSON.stringify({ batch }),
      });
      expect(response.status).toBe(200);
    }
  };
  const model = async () => {
    const response = await fetch(`${platform.url}/v1/projects/${projectId}/churn/model`, {
      headers: { authorization: `Bearer ${read}` },
    });
    return response.status === 200 ? ((await response.json()) as ModelBody).model : undefined;
  };

  it('fits a project with recent orders on its own, over the 365 days ending today', async () => {
    const transactions = orders(500, 1, 'c');
    await post(transactions);
    // The schedule may fit a first version on the batches projected so far; wait for all.
    const first = await eventually(model, (m) => m?.customers === 500, 30_000, 250);
    expect(first.ok, platform.output()).toBe(true);
    const to = today();
    const from = new Date(Date.parse(`${to}T00:00:00Z`) - 364 * DAY).toISOString().slice(0, 10);
    const expected = fitChurnModel(transactions, { start: from, end: to });
    expect(first.value!.calibration).toEqual({ from, to });
    for (const [key, value] of Object.entries(expected.bgnbd) as [string, number][])
      expect(first.value!.bgnbd[key]).toBeCloseTo(value, 6);

    // Several more ticks on the same data: still the same fact.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await model()).toEqual(first.value);

    await post(orders(40, 2, 'new'));
    const second = await eventually(model, (m) => m?.customers === 540, 30_000, 250);
    expect(second.ok, platform.output()).toBe(true);
    expect(second.value!.version).toBeGreaterThan(first.value!.version);
    console.log(
      `scheduled refit: all 500 customers fitted ${(first.elapsedMs / 1000).toFixed(1)} s after ingest ` +
        `(version ${first.value!.version}), +40 customers ${(second.elapsedMs / 1000).toFixed(1)} s (version ${second.value!.version})`,
    );
  }, 120_000);
});
