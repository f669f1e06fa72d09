import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CHURN_RULES } from '@touchline/journey';
import { createLogger, loadConfig } from '@touchline/runtime';
import { tempDir } from '@touchline/testing';
import { startPlatform, type RunningPlatform } from './startPlatform.ts';

// Per-project settings through the real HTTP stack on embedded engines (PGlite + chdb).
const data = tempDir('tl-settings-');
const root = randomBytes(24).toString('hex');
let platform: RunningPlatform;
let adminA: string;
let adminB: string;

interface Setting {
  version: number;
  overrides: Record<string, unknown>;
  effective: typeof DEFAULT_CHURN_RULES;
  history?: { version: number; updatedBy: string }[];
}
interface Body extends Partial<Setting> {
  settings?: Record<string, Setting>;
  keys?: { kind: string; token: string }[];
  error?: { code: string; field?: string };
}

const call = async (
  method: string,
  path: string,
  token: string,
  body?: unknown,
  headers: Record<string, string> = {},
) => {
  const response = await fetch(`${platform.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Body };
};

const adminKeyOf = async (projectId: string) => {
  const created = await call('POST', '/v1/projects', root, { projectId });
  expect(created.status).toBe(201);
  return created.body.keys!.find((k) => k.kind === 'admin')!.token;
};

beforeAll(async () => {
  const config = loadConfig({ TL_DATA_DIR: data.path, TL_HTTP_PORT: '0', TL_ROOT_TOKEN: root });
  platform = await startPlatform(config, createLogger('silent'));
  adminA = await adminKeyOf('settings_a');
  adminB = await adminKeyOf('settings_b');
});
afterAll(async () => {
  await platform?.stop();
  data.remove();
});

describe('project settings API', () => {
  const path = '/v1/projects/settings_a/settings';

  it('starts at version 0 with the documented defaults', async () => {
    const { status, body } = await call('GET', path, adminA);
    expect(status).toBe(200);
    expect(body.settings!.churn).toMatchObject({ version: 0, overrides: {} });
    expect(body.settings!.churn!.effective).toEqual(DEFAULT_CHURN_RULES);
  });

  it('saves overrides as a new version; defaults fill the rest', async () => {
    const saved = await call('PUT', `${path}/churn`, adminA, { silence: { weight: 0.5 } });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(1);
    expect(saved.body.effective!.silence).toEqual({ ...DEFAULT_CHURN_RULES.silence, weight: 0.5 });
    expect(saved.body.effective!.lowCsat).toEqual(DEFAULT_CHURN_RULES.lowCsat);

    const read = await call('GET', `${path}/churn`, adminA);
    expect(read.body.version).toBe(1);
    expect(read.body.effective!.silence.weight).toBe(0.5);
    expect(read.body.history!.map((h) => h.version)).toEqual([1]);
  });

  it('refuses a misspelt field, an out-of-range value and an unknown kind, saving nothing', async () => {
    const typo = await call('PUT', `${path}/churn`, adminA, { silence: { weigth: 0.2 } });
    expect(typo.status).toBe(400);
    expect(typo.body.error).toMatchObject({ code: 'TL_INVALID_FIELD', field: 'silence.weigth' });

    const range = await call('PUT', `${path}/churn`, adminA, { lowCsat: { weight: 2 } });
    expect(range.status).toBe(400);
    expect(range.body.error).toMatchObject({ code: 'TL_INVALID_FIELD', field: 'lowCsat.weight' });

    const kind = await call('PUT', `${path}/colour`, adminA, {});
    expect(kind.status).toBe(400);
    expect(kind.body.error).toMatchObject({ code: 'TL_INVALID_FIELD', field: 'kind' });

    expect((await call('GET', `${path}/churn`, adminA)).body.version).toBe(1);
  });

  it('If-Match guards against overwriting a concurrent change', async () => {
    const stale = await call('PUT', `${path}/churn`, adminA, {}, { 'if-match': '"0"' });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'TL_CONFLICT', field: 'If-Match' });

    const fresh = await call('PUT', `${path}/churn`, adminA, {}, { 'if-match': '"1"' });
    expect(fresh.status).toBe(200);
    expect(fresh.body.version).toBe(2);
    expect(fresh.body.effective).toEqual(DEFAULT_CHURN_RULES);
  });

  it('covers lifecycle, SLA and profile rules with field-precise errors', async () => {
    const lifecycle = await call('PUT', `${path}/lifecycle`, adminA, {
      growing: { minOrders: 3 },
    });
    expect(lifecycle.status).toBe(200);
    expect(lifecycle.body.effective).toMatchObject({ growing: { minOrders: 3, windowDays: 180 } });

    const typo = await call('PUT', `${path}/lifecycle`, adminA, { growing: { minOrder: 3 } });
    expect(typo.body.error).toMatchObject({ code: 'TL_INVALID_FIELD', field: 'growing.minOrder' });
    const range = await call('PUT', `${path}/lifecycle`, adminA, { growing: { minOrders: 9 } });
    expect(range.status).toBe(400);
    expect(range.body.error).toMatchObject({ code: 'TL_INVALID_FIELD', field: 'loyal.minOrders' });

    const sla = await call('PUT', `${path}/sla`, adminA, {
      targets: { complaint: { high: { firstResponseHours: 1 } } },
    });
    expect(sla.status).toBe(200);
    expect(sla.body.effective).toMatchObject({
      targets: { complaint: { high: { firstResponseHours: 1, resolutionHours: 48 } } },
    });
    const badKind = await call('PUT', `${path}/sla`, adminA, {
      targets: { complain: { high: { firstResponseHours: 1 } } },
    });
    expect(badKind.body.error).toMatchObject({
      code: 'TL_INVALID_FIELD',
      field: 'targets.complain',
    });

    const profile = await call('PUT', `${path}/profile`, adminA, {
      rfm: { monetary: [1, 2, 3, 2] },
    });
    expect(profile.body.error).toMatchObject({ code: 'TL_INVALID_FIELD', field: 'rfm.monetary' });
    const all = await call('GET', path, adminA);
    expect(all.body.settings!.lifecycle!.version).toBe(1);
    expect(all.body.settings!.sla!.version).toBe(1);
    expect(all.body.settings!.profile!.version).toBe(0);
  });

  it('one project’s admin key neither reads nor writes another’s settings', async () => {
    expect((await call('GET', path, adminB)).status).toBe(403);
    expect((await call('PUT', `${path}/churn`, adminB, {})).status).toBe(403);
    expect((await call('GET', `${path}/churn`, adminA)).body.version).toBe(2);
  });
});
