import { describe, expect, it } from 'vitest';
import { repeatedContactsSignal } from './repeatedContactsSignal.ts';
import { fact, NOW } from './factAt.testing.ts';

const opened = (id: string, daysAgo: number) =>
  fact(id, 'case.opened', daysAgo, { caseId: id, kind: 'inquiry' });

describe('repeatedContactsSignal', () => {
  it('fires on 3 cases opened within 30 days', () => {
    const s = repeatedContactsSignal(
      [opened('k0', 45), opened('k1', 25), opened('k2', 12), opened('k3', 1)],
      NOW,
    );
    expect(s?.signal).toBe('repeatedContacts');
    expect(s?.evidenceEventIds).toEqual(['k1', 'k2', 'k3']);
    expect(s?.explanation).toContain('3 service cases opened');
    expect(s?.explanation).toContain('30 days');
  });

  it('fires on any reopening within 30 days', () => {
    const s = repeatedContactsSignal(
      [opened('k1', 20), fact('re', 'case.reopened', 2, { caseId: 'k1' })],
      NOW,
    );
    expect(s?.evidenceEventIds).toEqual(['re']);
    expect(s?.explanation).toContain('1 case reopened');
  });

  it('does not fire on 2 cases, or when the third is just outside the window', () => {
    expect(repeatedContactsSignal([opened('k1', 10), opened('k2', 1)], NOW)).toBeUndefined();
    expect(
      repeatedContactsSignal([opened('k0', 30.01), opened('k1', 10), opened('k2', 1)], NOW),
    ).toBeUndefined();
  });
});
