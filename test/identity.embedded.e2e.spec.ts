import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '@touchline/testing';
import { bootstrapKeys, getTimeline, useKeys, type ClientKeys } from './support/journeyClient.ts';
import {
  eventually,
  startPlatformProcess,
  type PlatformProcess,
} from './support/platformProcess.ts';

// Identity through the whole embedded platform: Segment calls in, unified timeline out.
describe('identity map (embedded platform over HTTP)', () => {
  const data = tempDir('tl-e2e-identity-');
  let platform: PlatformProcess;
  let keys: ClientKeys;

  beforeAll(async () => {
    platform = await startPlatformProcess({ TL_DATA_DIR: data.path });
    keys = bootstrapKeys(data.path);
    useKeys(keys);
  });
  afterAll(async () => {
    await platform?.stop();
    data.remove();
  });

  const segment = async (call: string, body: Record<string, unknown>) => {
    const response = await fetch(`${platform.url}/v1/${call}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`${keys.write}:`).toString('base64')}`,
      },
      body: JSON.stringify({ messageId: randomUUID(), ...body }),
    });
    expect(response.status).toBe(200);
  };

  it('anonymous page views, then identify: the user’s timeline includes them, by either key', async () => {
    const anonymousId = `visitor-${randomUUID()}`;
    const userId = `user-${randomUUID()}`;
    await segment('page', {
      anonymousId,
      name: 'Home',
      properties: { path: '/' },
      timestamp: '2026-04-01T09:00:00.000Z',
    });
    await segment('page', {
      anonymousId,
      name: 'Pricing',
      properties: { path: '/pricing' },
      timestamp: '2026-04-01T09:01:00.000Z',
    });
    const anonymous = await eventually(
      () => getTimeline(platform.url, `anon:${anonymousId}`),
      (timeline) => timeline.events.length === 2,
      5_000,
    );
    expect(anonymous.ok, 'anonymous page views not projected').toBe(true);
    expect((await getTimeline(platform.url, userId)).events).toEqual([]);

    await segment('identify', {
      userId,
      anonymousId,
      traits: { plan: 'pro' },
      timestamp: '2026-04-01T09:02:00.000Z',
    });
    const unified = await eventually(
      () => getTimeline(platform.url, userId),
      (timeline) => timeline.events.length === 3,
      5_000,
    );
    expect(unified.ok, `not unified after ${Math.round(unified.elapsedMs)} ms`).toBe(true);
    expect(unified.value.events.map((e) => [e.type, e.event])).toEqual([
      ['segment.identify', null],
      ['segment.page', 'Pricing'],
      ['segment.page', 'Home'],
    ]);
    expect(unified.value.events.slice(1).map((e) => e.id)).toEqual(
      anonymous.value.events.map((e) => e.id),
    );
    expect((await getTimeline(platform.url, `anon:${anonymousId}`)).events).toEqual(
      unified.value.events,
    );
  });
});
