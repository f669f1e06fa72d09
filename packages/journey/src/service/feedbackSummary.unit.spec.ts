import { describe, expect, it } from 'vitest';
import { feedbackSummary } from './feedbackSummary.ts';
import { npsCategory } from './surveyAnswer.ts';
import { at, event } from './serviceEvent.testing.ts';

const answer = (id: string, hours: number, kind: string, score: unknown, extra = {}) =>
  event(id, 'survey.answered', hours, { kind, score, ...extra });

describe('npsCategory', () => {
  it('splits at 6/7 and 8/9', () => {
    expect([0, 6, 7, 8, 9, 10].map(npsCategory)).toEqual([
      'detractor',
      'detractor',
      'passive',
      'passive',
      'promoter',
      'promoter',
    ]);
  });
});

describe('feedbackSummary', () => {
  it('is empty without answers', () => {
    expect(feedbackSummary([event('o', 'order.placed', 0)])).toEqual({
      answers: [],
      latestCsat: null,
      latestNps: null,
      averageCsat: null,
      averageNps: null,
      csatCount: 0,
      npsCount: 0,
    });
  });

  it('lists answers in journey order, takes the latest by occurrence and averages per kind', () => {
    const history = [
      answer('n2', 30, 'nps', 9),
      answer('c1', 10, 'csat', 2, { caseId: 'k1' }),
      answer('n1', 20, 'nps', 4),
      answer('c2', 40, 'csat', 5),
      answer('c3', 5, 'csat', 5),
    ];
    const summary = feedbackSummary(history);
    expect(summary.answers.map((a) => a.eventId)).toEqual(['c3', 'c1', 'n1', 'n2', 'c2']);
    expect(summary.answers[1]).toEqual({
      kind: 'csat',
      score: 2,
      at: at(10),
      caseId: 'k1',
      channel: 'phone',
      eventId: 'c1',
    });
    expect(summary.latestCsat?.eventId).toBe('c2');
    expect(summary.latestNps).toMatchObject({ eventId: 'n2', score: 9, category: 'promoter' });
    expect(summary.averageCsat).toBeCloseTo(4, 12);
    expect(summary.averageNps).toBeCloseTo(6.5, 12);
    expect([summary.csatCount, summary.npsCount]).toEqual([3, 2]);
  });

  it('leaves out unknown kinds, off-scale scores and redelivered answers', () => {
    const dup = answer('n1', 20, 'nps', 3);
    const history = [
      dup,
      { ...dup, position: dup.position + 10 },
      answer('bad1', 1, 'csat', 0),
      answer('bad2', 2, 'csat', 4.5),
      answer('bad3', 3, 'nps', 11),
      answer('bad4', 4, 'ces', 3),
      answer('bad5', 5, 'nps', '7'),
    ];
    const summary = feedbackSummary(history);
    expect(summary.answers.map((a) => a.eventId)).toEqual(['n1']);
    expect(summary.latestNps?.category).toBe('detractor');
    expect(summary.averageNps).toBe(3);
  });
});
