import { describe, expect, it } from 'vitest';
import { mergeChurnRules } from './mergeChurnRules.ts';
import { npsDetractorSignal } from './npsDetractorSignal.ts';
import { fact, NOW } from './factAt.testing.ts';

const nps = (id: string, daysAgo: number, score: number) =>
  fact(id, 'survey.answered', daysAgo, { kind: 'nps', score });

describe('npsDetractorSignal', () => {
  it('fires on a latest NPS answer of 6 or less within 180 days', () => {
    const s = npsDetractorSignal(
      [
        nps('n1', 300, 9),
        fact('c', 'survey.answered', 5, { kind: 'csat', score: 5 }),
        nps('n2', 20, 4),
      ],
      NOW,
    );
    expect(s?.signal).toBe('npsDetractor');
    expect(s?.evidenceEventIds).toEqual(['n2']);
    expect(s?.explanation).toContain('is 4');
    expect(s?.explanation).toContain('20 days ago');
  });

  it('does not fire at score 7, outside the window, or after a better answer', () => {
    expect(npsDetractorSignal([nps('n', 10, 7)], NOW)).toBeUndefined();
    expect(npsDetractorSignal([nps('n', 180, 3)], NOW)?.evidenceEventIds).toEqual(['n']);
    expect(npsDetractorSignal([nps('n', 180.5, 3)], NOW)).toBeUndefined();
    expect(npsDetractorSignal([nps('n1', 30, 2), nps('n2', 10, 9)], NOW)).toBeUndefined();
  });

  it('honours a configured threshold', () => {
    const config = mergeChurnRules({ npsDetractor: { maxScore: 7 } });
    expect(npsDetractorSignal([nps('n', 10, 7)], NOW, config)?.observed.score).toBe(7);
  });
});
