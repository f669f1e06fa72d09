import { describe, expect, it } from 'vitest';
import { complaintPastSlaSignal } from './complaintPastSlaSignal.ts';
import { fact, NOW } from './factAt.testing.ts';

const HOURS = 1 / 24;

describe('complaintPastSlaSignal', () => {
  it('fires on a complaint case open for more than 72 hours', () => {
    const facts = [
      fact('open', 'case.opened', 4, { caseId: 'k1', kind: 'complaint' }),
      fact('resp', 'case.first_response', 3.9, { caseId: 'k1', responderType: 'agent' }),
      fact('inq', 'case.opened', 10, { caseId: 'k2', kind: 'inquiry' }),
    ];
    const s = complaintPastSlaSignal(facts, NOW);
    expect(s?.signal).toBe('complaintPastSla');
    expect(s?.evidenceEventIds).toEqual(['open']);
    expect(s?.explanation).toContain('72-hour');
    expect(s?.explanation).toContain('96 hours');
    expect(s?.observed).toMatchObject({ overdueComplaints: 1, oldestCaseId: 'k1' });
  });

  it('does not fire at exactly 72 hours, when resolved, or for other case kinds', () => {
    const open = fact('open', 'case.opened', 72 * HOURS, { caseId: 'k1', kind: 'complaint' });
    expect(complaintPastSlaSignal([open], NOW)).toBeUndefined();
    const old = fact('old', 'case.opened', 10, { caseId: 'k1', kind: 'complaint' });
    expect(
      complaintPastSlaSignal([old, fact('res', 'case.resolved', 9, { caseId: 'k1' })], NOW),
    ).toBeUndefined();
    expect(
      complaintPastSlaSignal([fact('x', 'case.opened', 10, { caseId: 'k', kind: 'inquiry' })], NOW),
    ).toBeUndefined();
  });

  it('follows complaint.filed and reopenings, restarting the clock at the reopening', () => {
    const facts = [
      fact('open', 'case.opened', 20, { caseId: 'k1', kind: 'fault_report' }),
      fact('filed', 'complaint.filed', 19, { caseId: 'k1', category: 'quality' }),
      fact('res', 'case.resolved', 15, { caseId: 'k1' }),
      fact('re', 'case.reopened', 5, { caseId: 'k1' }),
    ];
    expect(complaintPastSlaSignal(facts, NOW)?.evidenceEventIds).toEqual(['open', 'filed', 're']);
    const recentReopen = [...facts.slice(0, 3), fact('re', 'case.reopened', 2, { caseId: 'k1' })];
    expect(complaintPastSlaSignal(recentReopen, NOW)).toBeUndefined();
  });
});
