import { describe, expect, it } from 'vitest';
import { lowCsatSignal } from './lowCsatSignal.ts';
import { fact, NOW } from './factAt.testing.ts';

const csat = (id: string, daysAgo: number, score: number) =>
  fact(id, 'survey.answered', daysAgo, { kind: 'csat', score, caseId: 'k1' });

describe('lowCsatSignal', () => {
  it('fires on a latest CSAT of 2 or less within 90 days', () => {
    const s = lowCsatSignal([csat('c1', 60, 5), csat('c2', 3, 2)], NOW);
    expect(s?.signal).toBe('lowCsat');
    expect(s?.weight).toBe(0.1);
    expect(s?.evidenceEventIds).toEqual(['c2']);
    expect(s?.explanation).toContain('is 2 of 5');
  });

  it('does not fire at 3, or when the answer is older than 90 days', () => {
    expect(lowCsatSignal([csat('c', 3, 3)], NOW)).toBeUndefined();
    expect(lowCsatSignal([csat('c', 90.01, 1)], NOW)).toBeUndefined();
    expect(
      lowCsatSignal([fact('n', 'survey.answered', 1, { kind: 'nps', score: 1 })], NOW),
    ).toBeUndefined();
  });
});
