import { describe, expect, it } from 'vitest';
import { segmentMessageSchema, touchpointInputSchema } from '@touchline/contracts';
import { demoJourneys, type DemoJourney } from './demoJourneys.ts';
import { formatLoadProgress, progressBar } from './formatLoadProgress.ts';

const until = new Date('2026-03-01T00:00:00.000Z');
const DAY = 86_400_000;
const journeys: DemoJourney[] = [...demoJourneys({ customers: 1000, seed: 7, until })];
const all = journeys.flatMap((j) => j.touchpoints);
const lastOrder = (j: DemoJourney) =>
  Math.max(
    ...j.touchpoints.filter((t) => t.type === 'order.placed').map((t) => Date.parse(t.occurredAt)),
  );

describe('demoJourneys', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const again = [...demoJourneys({ customers: 50, seed: 7, until })];
    expect(again).toEqual(journeys.slice(0, 50));
    const other = [...demoJourneys({ customers: 50, seed: 8, until })];
    expect(other.map((j) => j.touchpoints.length)).not.toEqual(
      again.map((j) => j.touchpoints.length),
    );
  });

  it('every touchpoint and identify is valid against the contracts', () => {
    for (const touchpoint of all) {
      const parsed = touchpointInputSchema.safeParse(touchpoint);
      expect(parsed.error?.issues, JSON.stringify(touchpoint)).toBeUndefined();
    }
    const identifies = journeys.flatMap((j) => (j.identify ? [j.identify] : []));
    expect(identifies.length).toBeGreaterThan(500);
    for (const identify of identifies)
      expect(segmentMessageSchema.safeParse(identify).success).toBe(true);
    expect(new Set(all.map((t) => t.id)).size).toBe(all.length);
  });

  it('keeps every timestamp within [until - months, until], ordered per customer', () => {
    const from = until.getTime() - 18 * 30.44 * DAY - 11 * DAY; // pre-sign-up browsing may precede
    for (const journey of journeys) {
      const times = journey.touchpoints.map((t) => Date.parse(t.occurredAt));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      for (const time of times) {
        expect(time).toBeGreaterThanOrEqual(from);
        expect(time).toBeLessThanOrEqual(until.getTime());
      }
    }
  });

  it('lands the archetype shares within tolerance, and each behaves as its kind', () => {
    const share = (kind: string) =>
      journeys.filter((j) => j.archetype === kind).length / journeys.length;
    expect(share('churner')).toBeCloseTo(0.2, 1);
    expect(share('advocate')).toBeCloseTo(0.1, 1);
    expect(share('prospect')).toBeCloseTo(0.15, 1);
    const custom = [...demoJourneys({ customers: 1000, seed: 7, until, churnShare: 0.4 })];
    expect(custom.filter((j) => j.archetype === 'churner').length / 1000).toBeCloseTo(0.4, 1);

    for (const j of journeys.filter((j) => j.archetype === 'prospect'))
      expect(j.touchpoints.some((t) => t.type.startsWith('order.'))).toBe(false);
    // Churners stop buying: none in the last 90 days (the at-risk silence), regulars mostly keep on.
    const churners = journeys.filter((j) => j.archetype === 'churner');
    for (const j of churners) expect(until.getTime() - lastOrder(j)).toBeGreaterThan(90 * DAY);
    const regulars = journeys.filter((j) => j.archetype === 'regular');
    const recent = regulars.filter((j) => until.getTime() - lastOrder(j) < 90 * DAY).length;
    expect(recent / regulars.length).toBeGreaterThan(0.5);
    // Advocates refer and are NPS promoters; churners' late NPS answers are detractors.
    const advocates = journeys.filter((j) => j.archetype === 'advocate');
    expect(advocates.every((j) => j.touchpoints.some((t) => t.type === 'referral.submitted'))).toBe(
      true,
    );
    const nps = (j: DemoJourney) =>
      j.touchpoints
        .filter((t) => t.type === 'survey.answered' && t.data?.kind === 'nps')
        .map((t) => t.data!.score as number);
    expect(advocates.flatMap(nps).every((s) => s >= 9)).toBe(true);
    const churnerNps = churners.flatMap(nps);
    expect(churnerNps.filter((s) => s <= 6).length / churnerNps.length).toBeGreaterThan(0.5);
  });

  it('produces service cases with late ones, reopenings and CSAT that tracks service quality', () => {
    const opened = all.filter((t) => t.type === 'case.opened').length;
    expect(opened).toBeGreaterThan(500);
    expect(all.filter((t) => t.type === 'case.reopened').length).toBeGreaterThan(opened * 0.03);
    const byCase = new Map<string, { late: boolean; csat?: number }>();
    for (const t of all) {
      const caseId = t.data?.caseId as string | undefined;
      if (!caseId) continue;
      if (t.type === 'case.reopened' || t.type === 'case.escalated')
        byCase.set(caseId, { late: true });
      else if (!byCase.has(caseId)) byCase.set(caseId, { late: false });
      if (t.type === 'survey.answered') byCase.get(caseId)!.csat = t.data!.score as number;
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const bad = [...byCase.values()].filter((c) => c.late && c.csat).map((c) => c.csat!);
    const good = [...byCase.values()].filter((c) => !c.late && c.csat).map((c) => c.csat!);
    expect(mean(bad)).toBeLessThan(mean(good) - 1);
  });

  it('orders follow the seasons: more in November–December than in January–February', () => {
    const months = all
      .filter((t) => t.type === 'order.placed')
      .map((t) => new Date(t.occurredAt).getUTCMonth());
    const count = (ms: number[]) => months.filter((m) => ms.includes(m)).length;
    expect(count([10, 11])).toBeGreaterThan(count([0, 1]) * 1.3);
  });
});

describe('progress', () => {
  it('formats share, counts, rate and time left', () => {
    expect(formatLoadProgress({ sent: 500, total: 2000, elapsedMs: 1000 }, 4)).toBe(
      'demo [#...]   25%  500/2,000 events  500/s  eta 3s',
    );
  });

  it('off a TTY writes one line per 10 %, the last one once', () => {
    const lines: string[] = [];
    const report = progressBar({ isTTY: false, write: (text: string) => lines.push(text) });
    for (let sent = 0; sent <= 1000; sent += 50) report({ sent, total: 1000, elapsedMs: sent });
    report({ sent: 1000, total: 1000, elapsedMs: 1000 });
    expect(lines).toHaveLength(11);
    expect(lines.at(-1)).toContain('100%');
  });
});
