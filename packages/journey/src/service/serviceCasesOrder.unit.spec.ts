import { describe, expect, it } from 'vitest';
import type { JourneyEvent } from '../journeyEvent.ts';
import { seededRandom, type Random } from '../churn/seededRandom.ts';
import { feedbackSummary } from './feedbackSummary.ts';
import { DEFAULT_SLA_POLICY } from './slaPolicy.ts';
import { serviceCases } from './serviceCases.ts';
import { at, event } from './serviceEvent.testing.ts';

const KINDS = ['inquiry', 'complaint', 'fault_report', 'return'];
const PRIORITIES = [undefined, 'low', 'normal', 'high', 'urgent'];
const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random.uniform() * items.length)] as T;

/**
 * A random history of a few cases: openings (sometimes missing or repeated), responses,
 * escalations, resolutions and reopenings at random times (whole hours, so times often tie),
 * complaints, survey answers, and redelivered copies of some events.
 */
function randomHistory(seed: number): JourneyEvent[] {
  const random = seededRandom(seed);
  const history: JourneyEvent[] = [];
  const hour = () => Math.floor(random.uniform() * 120);
  for (let c = 0; c < 5; c++) {
    const caseId = `k${c}`;
    const id = (name: string) => `${seed}-${caseId}-${name}-${history.length}`;
    if (random.uniform() < 0.9) {
      history.push(
        event(id('open'), 'case.opened', hour(), {
          caseId,
          kind: pick(random, KINDS),
          priority: pick(random, PRIORITIES),
        }),
      );
    }
    if (random.uniform() < 0.2) {
      history.push(event(id('open'), 'case.opened', hour(), { caseId, kind: 'complaint' }));
    }
    const steps = 1 + Math.floor(random.uniform() * 6);
    for (let s = 0; s < steps; s++) {
      const type = pick(random, [
        'case.first_response',
        'case.escalated',
        'case.resolved',
        'case.resolved',
        'case.reopened',
        'complaint.filed',
        'survey.answered',
      ]);
      const data: Record<string, unknown> = { caseId };
      if (type === 'case.first_response') data['responderType'] = pick(random, ['bot', 'agent']);
      if (type === 'case.resolved') data['contactCount'] = pick(random, [undefined, 1, 2]);
      if (type === 'survey.answered') Object.assign(data, { kind: 'csat', score: 1 + (s % 5) });
      if (type === 'complaint.filed') data['category'] = 'service';
      history.push(event(id(type), type, hour(), data));
    }
  }
  // Redeliveries: the same event id again, at a later store position.
  for (const original of history.filter(() => random.uniform() < 0.15)) {
    history.push({ ...original, position: original.position + 100_000 });
  }
  return history;
}

function shuffled<T>(items: readonly T[], random: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random.uniform() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

describe('serviceCases and feedbackSummary depend only on the set of events', () => {
  it('give identical output for 100 permutations of each of 20 random histories', () => {
    const random = seededRandom(42);
    let breaches = 0;
    let reopens = 0;
    let unopened = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const history = randomHistory(seed);
      for (const asOf of [at(60), at(200)]) {
        const expected = serviceCases(history, DEFAULT_SLA_POLICY, asOf);
        breaches += expected.breaches.length;
        reopens += expected.cases.reduce((n, c) => n + c.reopenCount, 0);
        unopened += expected.cases.filter((c) => c.openedAt === null).length;
        for (let i = 0; i < 100; i++) {
          expect(serviceCases(shuffled(history, random), DEFAULT_SLA_POLICY, asOf)).toEqual(
            expected,
          );
        }
      }
      const feedback = feedbackSummary(history);
      for (let i = 0; i < 20; i++) {
        expect(feedbackSummary(shuffled(history, random))).toEqual(feedback);
      }
    }
    // The histories exercise what the order could change.
    expect(breaches).toBeGreaterThan(20);
    expect(reopens).toBeGreaterThan(5);
    expect(unopened).toBeGreaterThan(0);
  });

  it('reaches the same state when a response is delivered before its opening', () => {
    const open = event('open', 'case.opened', 0, { caseId: 'k1', kind: 'complaint' });
    const response = event('resp', 'case.first_response', 1, {
      caseId: 'k1',
      responderType: 'agent',
    });
    const resolved = event('res', 'case.resolved', 3, { caseId: 'k1', contactCount: 1 });
    const inOrder = serviceCases([open, response, resolved], DEFAULT_SLA_POLICY, at(10));
    const late = serviceCases([resolved, response, open], DEFAULT_SLA_POLICY, at(10));
    expect(late).toEqual(inOrder);
    expect(late.cases[0]).toMatchObject({
      firstResponseAt: at(1),
      firstResponseBy: 'agent',
      kind: 'complaint',
    });
  });
});
