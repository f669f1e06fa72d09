import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '@touchline/testing';
import { createProject, getTimeline, useKeys } from './support/journeyClient.ts';
import {
  eventually,
  startPlatformProcess,
  type PlatformProcess,
} from './support/platformProcess.ts';

// The CDNOW sample (Fader, Hardie & Lee 2005; packages/journey/test-data/cdnow) ingested through
// the product's own API as order events, then fitted by the product: the published BG/NBD
// estimates come out of POST /v1/projects/:projectId/churn/refit.
const CDNOW = new URL('../packages/journey/test-data/cdnow/CDNOW_sample.txt', import.meta.url);
const BATCH = 500; // MAX_BATCH_SIZE of POST /v1/touchpoints
const ROOT = 'cdnow-e2e-root-token-0123456789abcdef';

interface Order {
  readonly customerId: string;
  readonly day: string;
  readonly amount: number;
  readonly line: number;
}

const orders: Order[] = readFileSync(CDNOW, 'utf8')
  .split(/\r?\n/)
  .filter((line) => line.trim() !== '')
  .map((line, index) => {
    const [, id, day, , amount] = line.trim().split(/\s+/);
    return {
      customerId: id!,
      day: `${day!.slice(0, 4)}-${day!.slice(4, 6)}-${day!.slice(6, 8)}`,
      amount: Number(amount),
      line: index + 1,
    };
  });

interface Model {
  projectId: string;
  version: number;
  fittedAt: string;
  calibration: { from: string; to: string };
  timeUnitDays: number;
  customers: number;
  bgnbd: { r: number; alpha: number; a: number; b: number; logLikelihood: number };
  gammaGamma?: { p: number; q: number; gamma: number };
}

describe('CDNOW through the API: ingest as order events, refit, published estimates', () => {
  const data = tempDir('tl-e2e-cdnow-');
  let platform: PlatformProcess;
  let keys: { write: string; read: string; admin: string; projectId: string };

  beforeAll(async () => {
    platform = await startPlatformProcess({ TL_DATA_DIR: data.path, TL_ROOT_TOKEN: ROOT });
    const file = JSON.parse(readFileSync(join(data.path, 'bootstrap-keys.json'), 'utf8')) as Record<
      string,
      { token: string; projectId: string }
    >;
    keys = {
      write: file.write!.token,
      read: file.read!.token,
      admin: file.admin!.token,
      projectId: file.admin!.projectId,
    };
    useKeys(keys);
  }, 90_000);
  afterAll(async () => {
    await platform?.stop();
    data.remove();
  });

  const call = async (method: string, path: string, token: string, body?: unknown) => {
    const response = await fetch(`${platform.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const refitPath = () => `/v1/projects/${keys.projectId}/churn/refit`;
  const modelPath = () => `/v1/projects/${keys.projectId}/churn/model`;
  const calibration = { calibrationFrom: '1997-01-01', calibrationTo: '1997-09-30' };

  it('ingests the 6,919 transactions as order.placed touchpoints in batches of 500', async () => {
    expect(orders).toHaveLength(6919);
    const started = performance.now();
    for (let i = 0; i < orders.length; i += BATCH) {
      const batch = orders.slice(i, i + BATCH).map((order) => ({
        type: 'order.placed',
        channel: 'web',
        userId: order.customerId,
        occurredAt: `${order.day}T00:00:00.000Z`,
        data: { orderId: `cdnow-${order.line}`, amount: order.amount, currency: 'USD' },
      }));
      const response = await call('POST', '/v1/touchpoints', keys.write, { batch });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      console.log(`CDNOW ingest: ${Math.min(i + BATCH, orders.length)} / ${orders.length}`);
    }
    const ingested = performance.now() - started;
    // The store log is projected in order: once the last order is in its customer's timeline,
    // every order before it is too.
    const last = orders.at(-1)!;
    const projected = await eventually(
      () => getTimeline(platform.url, last.customerId),
      (timeline) => timeline.events.some((e) => e.data.orderId === `cdnow-${last.line}`),
      60_000,
      250,
    );
    expect(projected.ok, 'the last order was not projected').toBe(true);
    console.log(
      `CDNOW: ingested in ${(ingested / 1000).toFixed(1)} s, projected ` +
        `${(projected.elapsedMs / 1000).toFixed(1)} s later`,
    );
  }, 180_000);

  it('has no model before the first refit (404), and validates the refit body (400)', async () => {
    expect((await call('GET', modelPath(), keys.read)).status).toBe(404);
    const bad = await call('POST', refitPath(), keys.admin, { calibrationFrom: '1997-13-01' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'TL_INVALID_FIELD', field: 'calibrationFrom' });
    const reversed = await call('POST', refitPath(), keys.admin, {
      calibrationFrom: '1997-09-30',
      calibrationTo: '1997-01-01',
    });
    expect(reversed.body.error).toMatchObject({
      code: 'TL_INVALID_FIELD',
      field: 'calibrationFrom',
    });
    const unknown = await call('POST', refitPath(), keys.admin, { from: '1997-01-01' });
    expect(unknown.body.error).toMatchObject({ code: 'TL_INVALID_FIELD', field: 'from' });
    expect((await call('POST', refitPath(), keys.read, calibration)).status).toBe(403);
    // Nobody made a first purchase in 1998: nothing to fit.
    const empty = await call('POST', refitPath(), keys.admin, {
      calibrationFrom: '1998-01-01',
      calibrationTo: '1998-06-30',
    });
    expect(empty.status).toBe(422);
    expect(empty.body.error).toMatchObject({ code: 'TL_INSUFFICIENT_DATA' });
    expect((await call('GET', modelPath(), keys.read)).status).toBe(404);
  });

  let fitted: Model;

  it('refits to r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4 (calibration 1997-01-01..09-30)', async () => {
    const response = await call('POST', refitPath(), keys.admin, calibration);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.refitted).toBe(true);
    fitted = response.body.model as Model;
    console.log('CDNOW model fitted through the API:', JSON.stringify(fitted));
    expect(fitted).toMatchObject({
      projectId: keys.projectId,
      version: 1,
      calibration: { from: '1997-01-01', to: '1997-09-30' },
      timeUnitDays: 7,
      customers: 2357,
    });
    const { r, alpha, a, b, logLikelihood } = fitted.bgnbd;
    expect([r, alpha, a, b].map((v) => v.toFixed(3))).toEqual(['0.243', '4.414', '0.793', '2.426']);
    expect(r).toBeCloseTo(0.243, 3);
    expect(alpha).toBeCloseTo(4.414, 3);
    expect(a).toBeCloseTo(0.793, 3);
    expect(b).toBeCloseTo(2.426, 3);
    expect(logLikelihood.toFixed(1)).toBe('-9582.4');
    // Gamma-Gamma on the 946 repeat buyers ("RFM and CLV", 2005): p = 6.25, q = 3.74, γ = 15.44.
    const spend = fitted.gammaGamma!;
    expect([spend.p, spend.q, spend.gamma].map((v) => v.toFixed(2))).toEqual([
      '6.25',
      '3.74',
      '15.44',
    ]);
  });

  it('serves the model to read and admin keys, version 1', async () => {
    for (const token of [keys.read, keys.admin]) {
      const response = await call('GET', modelPath(), token);
      expect(response.status).toBe(200);
      expect(response.body.model).toEqual(fitted);
    }
    expect((await call('GET', modelPath(), keys.write)).status).toBe(403);
    // Another project's key, and a path naming a project that does not exist.
    const other = await createProject(platform.url, ROOT, 'other_shop');
    expect((await call('GET', modelPath(), other.read)).status).toBe(403);
    expect((await call('GET', '/v1/projects/other_shop/churn/model', other.read)).status).toBe(404);
    expect((await call('GET', '/v1/projects/nobody/churn/model', ROOT)).status).toBe(404);
  });

  it('a second identical refit is idempotent: same version, no new fact', async () => {
    const again = await call('POST', refitPath(), keys.admin, calibration);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ model: fitted, refitted: false });
    expect((await call('GET', modelPath(), keys.read)).body.model).toEqual(fitted);
  });
});
